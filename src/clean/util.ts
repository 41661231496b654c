import type { CheerioAPI } from 'cheerio/slim';
import type { Cleaner, CleanCounts } from './types.js';

/** Adds `n` to a label's count. */
export function count(counts: CleanCounts, label: string, n = 1): void {
  if (n > 0) counts.set(label, (counts.get(label) ?? 0) + n);
}

/**
 * Removes every element matching each selector, in order, counting by selector. An element
 * inside one already removed is not counted again.
 */
export function removeAll($: CheerioAPI, selectors: readonly string[]): CleanCounts {
  const counts: CleanCounts = new Map();
  for (const selector of selectors) {
    const found = $(selector);
    count(counts, selector, found.length);
    found.remove();
  }
  return counts;
}

/** Replaces an element by its children. */
export function unwrap($: CheerioAPI, element: Parameters<CheerioAPI>[0]): void {
  const node = $(element);
  node.replaceWith(node.contents());
}

/** A cleaner that removes every element matching a list of selectors. */
export function selectorCleaner(name: string, description: string, selectors: readonly string[]): Cleaner {
  return { name, description, clean: ({ $ }) => removeAll($, selectors) };
}
