/**
 * The plan of a run: every default in one frozen object per options type, and the one function
 * that completes and checks what a caller asked for. The command line and the library both call
 * {@link planRun}, so a preset, a format or a filter means the same from either, and a bad
 * combination is the same usage error (exit 2) before any request. Stages import nothing from
 * here: they are handed the finished settings.
 */
import { availableParallelism } from 'node:os';
import { createCleaners, type ShortcodeMode } from './clean/index.js';
import type { ImageSize } from './convert/rules/index.js';
import { WpExtractError } from './errors.js';
import { HTTP_DEFAULTS, type HttpOptions } from './read/http.js';
import { checkFilters, type Filters } from './read/filters.js';
import type { Source } from './read/index.js';
import type { CrawlOptions } from './read/url.js';
import { FORMATS, type Format, type FrontMatterStyle, type OutputFormat, OUTPUT_FORMATS } from './render/index.js';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Dialect } from './convert/markdown.js';
import { isTargetName, TARGET_NAMES, TARGETS, type LinkMode, type Target, type TargetName } from './targets/index.js';
import type { ImagePlacement } from './write/folder.js';
import { checkTemplate } from './write/names.js';

/** The cleaning and conversion settings of a run: plain data, so that worker threads can have them. */
export interface ExtractSettings {
  /** Run the cleaners at all (`--no-clean` turns them off; `remove` still applies). */
  clean: boolean;
  /** Cleaners to skip, by name. */
  skip: readonly string[];
  /** Extra CSS selectors to remove. */
  remove: readonly string[];
  /** Unexpanded shortcodes: keep them (with a warning) or strip them. */
  shortcodes: ShortcodeMode;
  /** An image's own `src`, or the widest candidate of its `srcset`. */
  imageSize: ImageSize;
  /** Read and convert each post's approved comments (`--comments`). */
  comments: boolean;
  /** Custom fields to write, by key; `*` stands for every public one (`--meta`). */
  meta: readonly string[];
  /** Note what each post lost on the way, for the loss report (set by `report`). */
  losses: boolean;
}

export const EXTRACT_DEFAULTS: Readonly<ExtractSettings> = Object.freeze({
  clean: true,
  skip: Object.freeze([]),
  remove: Object.freeze([]),
  shortcodes: 'keep',
  imageSize: 'src',
  comments: false,
  meta: Object.freeze([]),
  losses: false,
});

/** How posts are printed or written: plain data (names), so that worker threads can have it. */
export interface OutputSettings {
  format: OutputFormat;
  frontMatter: FrontMatterStyle;
  /** Whose front matter keys (a generator's, with a folder for it; else wp-extract's own). */
  target: TargetName;
}

export const OUTPUT_DEFAULTS: Readonly<Omit<OutputSettings, 'target'>> = Object.freeze({ format: 'md', frontMatter: 'yaml' });

/** A folder of Markdown files (`--output`), as a caller asks for it: everything but `dir` has a default. */
export interface FolderOptions {
  dir: string;
  /** The generator the folder is for (`--preset`): its paths, front matter, static folder and link mode. @default 'default' (a plain folder) */
  preset?: TargetName;
  /** The path template under the folder (`{yyyy}/{slug}.md`). @default the preset's */
  template?: string;
  /** Rewrite files that exist (else they are skipped, so that a rerun resumes). @default false */
  force?: boolean;
  /** Download the images posts use: true puts them where the preset publishes them (`media/` without one), or say where. @default false */
  images?: boolean | ImagePlacement;
  /** Download the documents, audio and video posts link to from the site's uploads too, where the images go (it implies `images`). @default false */
  media?: boolean;
  /** Write only the posts new or changed against the folder's state, and report those gone upstream. @default false */
  update?: boolean;
  /** With `update`: remove the files (and unshared images) of posts gone upstream. @default false */
  prune?: boolean;
  /** Links between posts of the archive: pointed where the folder serves them, or kept. @default the preset's */
  links?: LinkMode;
}

/** A folder of Markdown files, settled. */
export interface FolderSettings {
  dir: string;
  target: TargetName;
  template: string;
  force: boolean;
  images: ImagePlacement | false;
  /** Download the uploads' documents, audio and video too. */
  media: boolean;
  /** Where `images: 'site'` saves images: the target's static folder. */
  staticDir: string;
  update: boolean;
  prune: boolean;
  links: LinkMode;
}

export const FOLDER_DEFAULTS = Object.freeze({ preset: 'default', force: false, images: false, update: false, prune: false } satisfies Partial<FolderOptions>);

export const LINK_MODES: readonly LinkMode[] = ['rewrite', 'keep'];

/** Threads converting posts by default: one per core, at most 8. */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), 8);
}

export const RUN_DEFAULTS = Object.freeze({ verbose: false, quiet: false });

export { HTTP_DEFAULTS };

/** What a caller says of a run (the CLI produces exactly this); everything but the sources has a default. */
export interface RunOptions {
  sources: Source[];
  extract?: Partial<ExtractSettings>;
  format?: OutputFormat;
  frontMatter?: FrontMatterStyle;
  http?: HttpOptions;
  /** Which posts to read: type, status, dates, terms, search, limit (every source honours them). */
  filters?: Partial<Filters>;
  /** Write a folder of Markdown files instead of printing to stdout. */
  output?: FolderOptions | null;
  /** Report what each cleaner removed and each file written, and show stack traces. */
  verbose?: boolean;
  /** No progress line and no summary. */
  quiet?: boolean;
  /** Write a loss report (JSON) to this file: per post, what did not come across as the site showed it. */
  report?: string;
  /** Convert nothing: list the inputs' old addresses that the site built in this folder does not answer (`--check`). */
  check?: string;
  /**
   * Threads converting posts: 1 converts on the main thread. Given, the worker threads start
   * with the first list; by default (one per core, at most 8) they start only once the work
   * in sight pays for them, so that the default is never slower than one thread.
   */
  jobs?: number;
}

/** The plan of a run: every setting settled, every name resolved to its object. */
export interface RunPlan {
  sources: Source[];
  extract: ExtractSettings;
  output: OutputSettings;
  format: Format;
  target: Target;
  /** The Markdown the converter writes: the format's, or for Markdown, the target's (Hugo's). */
  dialect: Dialect;
  folder: FolderSettings | null;
  http: HttpOptions;
  filters: Filters;
  /** The loss report's file, or null. */
  report: string | null;
  /** The built site `--check` looks the old addresses up in, or null. */
  check: string | null;
  /** What the REST reader is told: the filters, and whether to fetch comments. */
  crawl: CrawlOptions;
  verbose: boolean;
  quiet: boolean;
  jobs: number;
  /** Whether the number of threads was asked for (else it is the default, started when it pays). */
  jobsGiven: boolean;
}

const usage = (message: string): WpExtractError => new WpExtractError('E_USAGE', message);

/** Completes a run's options from the defaults and refuses what makes no sense (`E_USAGE`), before anything is read. */
export function planRun(options: RunOptions): RunPlan {
  const format = formatNamed(options.format ?? OUTPUT_DEFAULTS.format);
  const preset = options.output?.preset ?? FOLDER_DEFAULTS.preset;
  if (!isTargetName(preset)) throw usage(`--preset: unknown generator "${preset}" (known: ${TARGET_NAMES.join(', ')})`);
  const target = TARGETS[preset];
  const filters = checkFilters(options.filters ?? {});
  const folder = options.output ? folderPlan(options.output, target, format, filters) : null;
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw usage(`--jobs: expected a whole number of at least 1, got "${jobs}"`);
  if (options.report !== undefined && options.report.trim() === '') throw usage('--report: expected a file name');
  const extract: ExtractSettings = { ...EXTRACT_DEFAULTS, ...options.extract, losses: options.report !== undefined };
  createCleaners(extract); // unknown cleaner names and bad selectors are usage errors, found now
  return {
    sources: options.sources,
    extract,
    output: { format: format.name, frontMatter: options.frontMatter ?? OUTPUT_DEFAULTS.frontMatter, target: preset },
    format,
    target,
    dialect: format.dialect === 'markdown' ? target.markdown : format.dialect,
    folder,
    http: { ...HTTP_DEFAULTS, ...options.http },
    filters,
    report: options.report ?? null,
    check: checkFolder(options),
    crawl: { ...filters, comments: extract.comments, originals: extract.imageSize === 'full', attachments: folder !== null && folder.images !== false },
    verbose: options.verbose ?? RUN_DEFAULTS.verbose,
    quiet: options.quiet ?? RUN_DEFAULTS.quiet,
    jobs,
    jobsGiven: options.jobs !== undefined,
  };
}

/** The built site of `--check`: a folder, and nothing to write. */
function checkFolder(options: RunOptions): string | null {
  if (options.check === undefined) return null;
  if (options.output) throw usage('--check reads a built site and writes nothing: give it without --output');
  if (!existsSync(options.check) || !statSync(options.check).isDirectory()) throw usage(`--check: no folder "${options.check}" (give the folder the generator built: public/, _site/, dist/)`);
  return resolve(options.check);
}

function formatNamed(name: string): Format {
  if (!Object.hasOwn(FORMATS, name)) throw usage(`-f: unknown format "${name}" (known: ${OUTPUT_FORMATS.join(', ')})`);
  return FORMATS[name as OutputFormat];
}

/** Filters that read part of what a source holds: an update must list it whole to tell what is gone. */
const PARTIAL: ReadonlyArray<[keyof Filters, string]> = [
  ['limit', '--limit'],
  ['after', '--after'],
  ['before', '--before'],
  ['search', '--search'],
  ['categories', '--category'],
  ['tags', '--tag'],
];

/** The folder a run writes, from its options and the target's. */
function folderPlan(given: FolderOptions, target: Target, format: Format, filters: Filters): FolderSettings {
  if (format.extension === null) throw usage(`--output writes Markdown (or MDX) files; -f ${format.name} prints to stdout, without --output`);
  let template = given.template ?? target.template;
  checkTemplate(template);
  // MDX files are .mdx files.
  if (format.extension !== '.md') template = template.replace(/\.md$/i, format.extension);
  const folder: FolderSettings = {
    dir: given.dir,
    target: target.name as TargetName,
    template,
    force: given.force ?? FOLDER_DEFAULTS.force,
    images: imagePlacement(given.images || (given.media === true ? true : FOLDER_DEFAULTS.images), target),
    media: given.media === true,
    staticDir: target.staticDir ?? '',
    update: given.update ?? FOLDER_DEFAULTS.update,
    prune: given.prune ?? FOLDER_DEFAULTS.prune,
    links: given.links ?? target.links,
  };
  if (!LINK_MODES.includes(folder.links)) throw usage(`--links: expected rewrite or keep, got "${String(folder.links)}"`);
  if (folder.prune && !folder.update) throw usage('--prune goes with --update (which tells what is gone)');
  if (folder.update && folder.force) throw usage('--update writes only what changed; --force rewrites everything: give one of them');
  for (const [key, flag] of folder.update ? PARTIAL : []) {
    const value = filters[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) throw usage(`--update keeps a whole mirror, and ${flag} reads part of it: leave ${flag} out`);
  }
  return folder;
}

/** Where images go: `true` means where the target publishes them as they are (`media/` for a plain folder). */
function imagePlacement(images: boolean | ImagePlacement, target: Target): ImagePlacement | false {
  if (images === true) return target.staticDir === null ? 'media' : 'site';
  if (images === 'site' && target.staticDir === null) throw usage('images at their site paths need a generator (--preset) that publishes a static folder');
  return images;
}
