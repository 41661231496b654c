import type { CheerioAPI } from 'cheerio/slim';
import { selectAll } from 'css-select';
import { candidates, compiledSelector, inTree, type FragmentIndex } from '../html/index.js';
import type { AnyNode, Element } from 'domhandler';
import type { Cleaner, CleanCounts } from './types.js';

/** Adds `n` to a label's count. */
export function count(counts: CleanCounts, label: string, n = 1): void {
  if (n > 0) counts.set(label, (counts.get(label) ?? 0) + n);
}

/**
 * Removes every element matching each selector, in order, counting by selector. An element
 * inside one already removed is not counted again.
 *
 * One query of all the selectors together finds the candidates: most posts hold none of a
 * plugin's widgets, and then that is the only walk of the tree. Each selector then takes its
 * own among the candidates still in the tree. This is what one query per selector would find
 * for selectors that test an element and its ancestors (classes, ids, attributes, tags,
 * descendant combinators), which removing other elements cannot change; `removeInTurn` is
 * for selectors that may test siblings or children, such as the user's `--remove`.
 */
export function removeAll($: CheerioAPI, selectors: readonly string[], index?: FragmentIndex): CleanCounts {
  const counts: CleanCounts = new Map();
  if (selectors.length === 0) return counts;
  const found = select($, selectors.join(', '), index);
  if (found.length === 0) return counts;
  for (const selector of selectors) {
    const test = compiledSelector(selector);
    const matching = found.filter((element) => inTree(element) && test(element));
    count(counts, selector, matching.length);
    $(matching).remove();
  }
  return counts;
}

/** Like `removeAll`, with one query per selector, each after the previous one's removals. */
export function removeInTurn($: CheerioAPI, selectors: readonly string[]): CleanCounts {
  const counts: CleanCounts = new Map();
  for (const selector of selectors) {
    const found = $(selector);
    count(counts, selector, found.length);
    found.remove();
  }
  return counts;
}

/**
 * The elements matching a selector written in the code, in document order: `$(selector)`
 * without compiling the selector again for every post and, given the fragment's index,
 * testing only the elements that have the tag, class or id the selector requires.
 */
export function select($: CheerioAPI, selector: string, index?: FragmentIndex): Element[] {
  const some = index ? candidates(selector, index) : null;
  // No element has a name the selector needs: nothing to compile (the first post of a run
  // would compile every widget's selectors, for widgets most posts do not have).
  if (some?.length === 0) return [];
  const test = compiledSelector(selector);
  if (some === null) return selectAll<AnyNode, Element>(test, $.root().toArray());
  return some.filter((element) => inTree(element) && test(element));
}

/** Replaces an element by its children. */
export function unwrap($: CheerioAPI, element: Parameters<CheerioAPI>[0]): void {
  const node = $(element);
  node.replaceWith(node.contents());
}

/** A cleaner that removes every element matching a list of selectors. */
export function selectorCleaner(name: string, description: string, selectors: readonly string[]): Cleaner {
  return { name, description, clean: ({ $, index }) => removeAll($, selectors, index) };
}

/**
 * Whether a node stands inside an element of one of these names (`pre`, `code`): a walk up its
 * ancestors, where `$(node).closest('pre, code')` would parse the selector on every call.
 */
export function inside(node: AnyNode, names: ReadonlySet<string>): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if ((parent.type === 'tag' || parent.type === 'script' || parent.type === 'style') && names.has((parent as Element).name)) return true;
  }
  return false;
}

/** The id an in-page link (`#fn-1`) points to, percent-decoded where it can be. */
export function fragmentOf(href: string): string {
  try {
    return decodeURIComponent(href.slice(1));
  } catch {
    return href.slice(1);
  }
}
