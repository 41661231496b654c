import { WpExtractError } from '../errors.js';
import { loadFragment } from '../html.js';
import { booster } from './cleaners/booster.js';
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
import type { Cleaner, CleanCounts, CleanReport } from './types.js';
import { removeAll } from './util.js';

export type { Cleaner, CleanContext, CleanCounts, CleanReport } from './types.js';

/**
 * Every cleaner, in the order they run. Widget cleaners come first (a widget removed whole
 * takes its scripts, comments and links with it); markup cleaners follow.
 */
export const CLEANERS: readonly Cleaner[] = Object.freeze([
  booster,
  scripts,
  lazyImages,
  comments,
  javascriptLinks,
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
      clean: ({ $ }) => removeAll($, selectors),
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

/** Parses an HTML fragment once, runs the cleaners over it in order, and serialises it. */
export function cleanHtml(html: string, cleaners: readonly Cleaner[], base: string | null = null): CleanResult {
  if (cleaners.length === 0 || html === '') return { html, reports: [] };
  const $ = loadFragment(html);
  const context = { $, base: parseBase(base) };
  const reports: CleanReport[] = [];
  for (const cleaner of cleaners) {
    const counts: CleanCounts = cleaner.clean(context);
    if (counts.size > 0) reports.push({ cleaner: cleaner.name, counts });
  }
  return { html: $.html().trim(), reports };
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
