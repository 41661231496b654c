import type { CheerioAPI } from 'cheerio/slim';
import type { FragmentIndex } from '../html/index.js';

/** What a cleaner may know about the post whose HTML it cleans. */
export interface CleanContext {
  /** The parsed fragment; cleaners change it in place. */
  $: CheerioAPI;
  /** The post's permalink, used to make relative addresses absolute; null when unknown. */
  base: URL | null;
  /** What to do with unexpanded shortcodes. */
  shortcodes: ShortcodeMode;
  /** The fragment's elements by tag, class and id, as parsed (see `candidates`). */
  index: FragmentIndex;
}

/** `keep` leaves unexpanded `[shortcodes]` in the text (and warns); `strip` removes them. */
export type ShortcodeMode = 'keep' | 'strip';

/** A named step of the cleaning stage. */
export interface Cleaner {
  /** Short name, used by `--skip-cleaner` and in `--verbose` reports. */
  name: string;
  /** One line saying what it removes or changes. */
  description: string;
  /**
   * What the fragment's HTML must hold for the cleaner to find anything (`&nbsp;` for the nbsp
   * cleaner): when the HTML the cleaners are given does not match, the cleaner is skipped
   * without looking at the tree. Cleaners only remove and unwrap, so none brings what a later
   * one looks for. Left out by cleaners that may act on any post.
   */
  present?: RegExp;
  /** Changes the fragment in place; returns what it did, by label (`div.booster-read-block` -> 1). */
  clean(context: CleanContext): CleanCounts;
  /** When a cleaner finds something the user should hear about, the warning it gives. */
  warning?(counts: CleanCounts, context: CleanContext): string | undefined;
  /**
   * What of it the run tells once, over all its posts, rather than post by post (the warning
   * is then said per post with `--verbose` only): labels of the form `kind: detail`.
   */
  tally?(counts: CleanCounts, context: CleanContext): CleanCounts | undefined;
}

/** How many things a cleaner changed, by label. An empty map means it found nothing. */
export type CleanCounts = Map<string, number>;

/** What one cleaner did to one fragment. */
export interface CleanReport {
  cleaner: string;
  counts: CleanCounts;
  /** The cleaner's warning about what it found, if it gives one. */
  warning?: string;
  /** What the run tells once over all its posts (see {@link Cleaner.tally}). */
  tally?: CleanCounts;
}
