import type { CheerioAPI } from 'cheerio/slim';
import { WpExtractError } from '../errors.js';
import { emptyIndex, fragmentHtml, limitDepth, loadFragment, MAX_DEPTH } from '../html/index.js';
import { booster } from './cleaners/booster.js';
import { highlighters } from './cleaners/code.js';
import { pluginFootnotes } from './cleaners/footnotes.js';
import { blockLinks, imageTables, inPageTargets, listStructure } from './cleaners/layout.js';
import { math } from './cleaners/math.js';
import { metaCleaners } from './cleaners/meta.js';
import { relatedCleaners } from './cleaners/related.js';
import { sharingCleaners } from './cleaners/sharing.js';
import { shortcodes } from './cleaners/shortcodes.js';
import { headingAnchors, tocCleaners } from './cleaners/toc.js';
import { word } from './cleaners/word.js';
import {
  absoluteUrls,
  comments,
  emptyBlocks,
  javascriptLinks,
  lazyImages,
  nbsp,
  scripts,
  wrappers,
} from './cleaners/markup.js';
import type { Cleaner, CleanCounts, CleanReport, ShortcodeMode } from './types.js';
import { removeInTurn } from './util.js';

export type { Cleaner, CleanContext, CleanCounts, CleanReport, ShortcodeMode } from './types.js';

/**
 * Every cleaner, in the order they run. Widget cleaners come first (a widget removed whole
 * takes its scripts, comments and links with it); markup cleaners follow.
 */
export const CLEANERS: readonly Cleaner[] = Object.freeze([
  booster,
  ...sharingCleaners,
  ...relatedCleaners,
  ...tocCleaners,
  ...metaCleaners,
  scripts,
  lazyImages,
  comments,
  word,
  headingAnchors,
  pluginFootnotes,
  inPageTargets,
  javascriptLinks,
  highlighters,
  imageTables,
  listStructure,
  blockLinks,
  math,
  shortcodes,
  nbsp,
  wrappers,
  emptyBlocks,
  absoluteUrls,
]);

/** Options of the cleaning stage. */
export interface CleanOptions {
  /**
   * Run the cleaners at all. `--remove` selectors run even when this is false.
   * @default true
   */
  clean?: boolean;
  /**
   * Names of cleaners to skip (`--skip-cleaner`).
   * @default []
   */
  skip?: readonly string[];
  /**
   * Extra CSS selectors whose elements are removed before the cleaners run (`--remove`).
   * @default []
   */
  remove?: readonly string[];
  /**
   * Unexpanded shortcodes: `keep` them (with a warning) or `strip` them (`--shortcodes`).
   * @default 'keep'
   */
  shortcodes?: ShortcodeMode;
}

/**
 * Builds the ordered cleaner list for a set of options. Unknown cleaner names and invalid
 * selectors are usage errors, found here rather than on the first post.
 */
export function createCleaners(options: CleanOptions = {}): Cleaner[] {
  const known = new Set(CLEANERS.map((c) => c.name));
  for (const name of options.skip ?? []) {
    if (!known.has(name)) {
      throw new WpExtractError('E_USAGE', `unknown cleaner "${name}" (known: ${[...known].join(', ')})`);
    }
  }
  const list: Cleaner[] = [];
  const selectors = [...(options.remove ?? [])];
  if (selectors.length > 0) {
    const probe = loadFragment('');
    for (const selector of selectors) {
      try {
        probe(selector);
      } catch (error) {
        throw new WpExtractError('E_USAGE', `--remove: invalid CSS selector "${selector}"`, { cause: error });
      }
    }
    list.push({
      name: 'remove',
      description: 'elements matching the --remove selectors',
      clean: ({ $ }) => removeInTurn($, selectors),
    });
  }
  if (options.clean === false) return list;
  const skip = new Set(options.skip ?? []);
  return [...list, ...CLEANERS.filter((c) => !skip.has(c.name))];
}

/** The result of cleaning one fragment. */
export interface CleanResult {
  html: string;
  /** One entry per cleaner that changed something, in the order they ran. */
  reports: CleanReport[];
}

/** A cleaned fragment, still parsed, for the stages that read the tree. */
export interface CleanedFragment {
  $: CheerioAPI;
  reports: CleanReport[];
}

/** What cleaning one fragment needs besides the cleaners. */
export interface CleanInput {
  /** The post's permalink, to resolve relative addresses against. */
  base?: string | null;
  /** @default 'keep' */
  shortcodes?: ShortcodeMode;
}

/** Parses an HTML fragment once and runs the cleaners over it in order. */
export function cleanFragment(html: string, cleaners: readonly Cleaner[], input: CleanInput = {}): CleanedFragment {
  const $ = loadFragment(html);
  const reports: CleanReport[] = [];
  // Runs whatever the cleaners: the stages after this one walk the tree recursively.
  const index = emptyIndex();
  const flattened = limitDepth($, MAX_DEPTH, index);
  if (flattened > 0) reports.push({ cleaner: 'depth', counts: new Map([[`elements nested deeper than ${MAX_DEPTH}`, flattened]]) });
  if (cleaners.length === 0) return { $, reports };
  const context = { $, base: parseBase(input.base ?? null), shortcodes: input.shortcodes ?? 'keep', index };
  for (const cleaner of cleaners) {
    if (cleaner.present && !cleaner.present.test(html)) continue;
    const counts: CleanCounts = cleaner.clean(context);
    if (counts.size === 0) continue;
    const warning = cleaner.warning?.(counts, context);
    const tally = cleaner.tally?.(counts, context);
    reports.push({ cleaner: cleaner.name, counts, ...(warning === undefined ? {} : { warning }), ...(tally === undefined ? {} : { tally }) });
  }
  return { $, reports };
}

/** Parses an HTML fragment once, runs the cleaners over it in order, and serialises it. */
export function cleanHtml(html: string, cleaners: readonly Cleaner[], input: CleanInput = {}): CleanResult {
  if (html === '') return { html, reports: [] };
  const { $, reports } = cleanFragment(html, cleaners, input);
  // With nothing to clean and nothing flattened, the input is the output, byte for byte.
  if (cleaners.length === 0 && reports.length === 0) return { html, reports };
  return { html: fragmentHtml($).trim(), reports };
}

function parseBase(link: string | null): URL | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** `booster: removed .booster-read-block ×1, .booster-reactions-block ×1` */
export function formatReport(report: CleanReport): string {
  const parts = [...report.counts].map(([label, n]) => `${label} ×${n}`);
  return `${report.cleaner}: ${parts.join(', ')}`;
}
