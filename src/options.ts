/**
 * Every default of a run, in one frozen object per options type, and the one place where a
 * run's options are completed and checked: the command line and the library both call
 * {@link resolveRunOptions}, so a bad combination is the same usage error from either.
 */
import { availableParallelism } from 'node:os';
import type { ShortcodeMode } from './clean/index.js';
import type { ImageSize } from './convert/rules/index.js';
import { WpExtractError } from './errors.js';
import type { HttpOptions } from './read/http.js';
import { HTTP_DEFAULTS } from './read/http.js';
import type { Source } from './read/index.js';
import type { CrawlOptions } from './read/url.js';
import type { FrontMatterScheme, FrontMatterStyle, OutputFormat, RenderSettings } from './render/index.js';
import type { ImagePlacement } from './write/folder.js';
import { checkTemplate, PATH_PRESETS, type PathPreset } from './write/names.js';

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
  /** Write MDX rather than Markdown (`-f mdx`). */
  mdx: boolean;
}

export const EXTRACT_DEFAULTS: Readonly<ExtractSettings> = Object.freeze({
  clean: true,
  skip: Object.freeze([]),
  remove: Object.freeze([]),
  shortcodes: 'keep',
  imageSize: 'src',
  comments: false,
  mdx: false,
});

/** How posts are printed, or written into files: format, front matter style and keys. */
export type OutputSettings = RenderSettings;

export const OUTPUT_DEFAULTS: Readonly<OutputSettings> = Object.freeze({ format: 'md', frontMatter: 'yaml', scheme: 'default' });

/** A folder of Markdown files (`--output`). */
export interface FolderSettings {
  dir: string;
  /** The path template under the folder (`{yyyy}/{slug}.md`). */
  template: string;
  /** Rewrite files that exist (else they are skipped, so that a rerun resumes). */
  force: boolean;
  /** Download the images posts use, into `media/`, beside each post, or where the generator publishes them. */
  images: ImagePlacement | false;
  /** With `images: 'site'`: the generator's static folder (see STATIC_DIRS). */
  staticDir?: string;
  /** Write only the posts new or changed against the folder's state, and report those gone upstream. */
  update: boolean;
  /** With `update`: remove the files (and unshared images) of posts gone upstream. */
  prune: boolean;
  /** The generator the folder is for (`--preset`): posts are served at their old addresses. */
  preset: PathPreset | null;
  /** Links between posts of the archive: pointed where the folder serves them, or kept. Rewritten by default with a preset. */
  links: LinkMode;
}

/** What becomes of links between the posts of an archive written to a folder. */
export type LinkMode = 'rewrite' | 'keep';
export const LINK_MODES: readonly LinkMode[] = ['rewrite', 'keep'];

export const FOLDER_DEFAULTS: Readonly<Omit<FolderSettings, 'dir' | 'links'>> = Object.freeze({
  template: PATH_PRESETS.default,
  force: false,
  images: false,
  update: false,
  prune: false,
  preset: null,
});

/** Links are rewritten by default for a generator's site, kept otherwise. */
export const defaultLinks = (preset: PathPreset | null): LinkMode => (preset ? 'rewrite' : 'keep');

/** Crawl filters that read part of a site: an update must list it whole to tell what is gone. */
const PARTIAL_CRAWL: ReadonlyArray<[keyof CrawlOptions, string]> = [
  ['limit', '--limit'],
  ['after', '--after'],
  ['before', '--before'],
  ['search', '--search'],
  ['categories', '--category'],
  ['tags', '--tag'],
];

/** The combinations of folder settings that make no sense. */
function checkFolder(folder: FolderSettings, crawl: CrawlOptions): void {
  if (folder.prune && !folder.update) throw new WpExtractError('E_USAGE', '--prune goes with --update (which tells what is gone)');
  if (!folder.update) return;
  if (folder.force) throw new WpExtractError('E_USAGE', '--update writes only what changed; --force rewrites everything: give one of them');
  for (const [key, flag] of PARTIAL_CRAWL) {
    const value = crawl[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      throw new WpExtractError('E_USAGE', `--update keeps a whole mirror, and ${flag} reads part of it: leave ${flag} out`);
    }
  }
}

export const CRAWL_DEFAULTS: Readonly<Required<Pick<CrawlOptions, 'type' | 'categories' | 'tags'>>> = Object.freeze({
  type: 'posts',
  categories: [],
  tags: [],
});

/** Threads converting posts by default: one per core, at most 8. */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), 8);
}

export const RUN_DEFAULTS = Object.freeze({ verbose: false, quiet: false });

export { HTTP_DEFAULTS };

/** What a caller says of a run; everything but the sources has a default. */
export interface RunOptions {
  sources: Source[];
  extract?: Partial<ExtractSettings>;
  format?: OutputFormat;
  frontMatter?: FrontMatterStyle;
  scheme?: FrontMatterScheme;
  http?: HttpOptions;
  crawl?: CrawlOptions;
  /** Write a folder of Markdown files instead of printing to stdout. */
  output?: (Partial<FolderSettings> & { dir: string }) | null;
  /** Report what each cleaner removed and each file written, and show stack traces. */
  verbose?: boolean;
  /** No progress line and no summary. */
  quiet?: boolean;
  /**
   * Threads converting posts: 1 converts on the main thread. Given, the worker threads start
   * with the first list; by default (one per core, at most 8) they start only once the work
   * in sight pays for them, so that the default is never slower than one thread.
   */
  jobs?: number;
}

/** A run's options, complete. */
export interface ResolvedRun {
  sources: Source[];
  extract: ExtractSettings;
  output: OutputSettings;
  folder: FolderSettings | null;
  http: HttpOptions;
  crawl: CrawlOptions;
  verbose: boolean;
  quiet: boolean;
  jobs: number;
  /** Whether the number of threads was asked for (else it is the default, started when it pays). */
  jobsGiven: boolean;
}

/** Completes a run's options from the defaults and refuses the combinations that make no sense (`E_USAGE`). */
export function resolveRunOptions(options: RunOptions): ResolvedRun {
  const output: OutputSettings = {
    format: options.format ?? OUTPUT_DEFAULTS.format,
    frontMatter: options.frontMatter ?? OUTPUT_DEFAULTS.frontMatter,
    scheme: options.scheme ?? OUTPUT_DEFAULTS.scheme,
  };
  const given = options.output;
  const folder: FolderSettings | null = given ? { ...FOLDER_DEFAULTS, ...given, links: given.links ?? defaultLinks(given.preset ?? null) } : null;
  if (folder) {
    checkTemplate(folder.template);
    checkFolder(folder, options.crawl ?? {});
    if (output.format !== 'md' && output.format !== 'mdx') {
      throw new WpExtractError('E_USAGE', `--output writes Markdown (or MDX) files; -f ${output.format} prints to stdout, without --output`);
    }
    // MDX files are .mdx files.
    if (output.format === 'mdx') folder.template = folder.template.replace(/\.md$/i, '.mdx');
  }
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new WpExtractError('E_USAGE', `--jobs: expected a whole number of at least 1, got "${jobs}"`);
  const extract = { ...EXTRACT_DEFAULTS, ...options.extract, mdx: output.format === 'mdx' };
  return {
    sources: options.sources,
    extract,
    output,
    folder,
    http: { ...options.http },
    crawl: { ...CRAWL_DEFAULTS, ...options.crawl, comments: extract.comments },
    verbose: options.verbose ?? RUN_DEFAULTS.verbose,
    quiet: options.quiet ?? RUN_DEFAULTS.quiet,
    jobs,
    jobsGiven: options.jobs !== undefined,
  };
}
