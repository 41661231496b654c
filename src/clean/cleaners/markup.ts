import { allNodes } from '../../html.js';
import type { AnyNode, Element, Text } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { isScriptUrl } from '../../url-safety.js';
import { count, removeAll, unwrap } from '../util.js';

/**
 * Cleaners for markup that is not a plugin widget but is not content either. They run after
 * the widget cleaners, in the order of the table in `../index.ts`.
 */

export const scripts: Cleaner = {
  name: 'scripts',
  description: 'remove <script>, <style>, <template> and <noscript> (lazy-load plugins put a copy of each image there)',
  clean({ $ }) {
    return removeAll($, ['script', 'style', 'template', 'noscript', 'link[rel~=stylesheet]']);
  },
};

/** Attributes lazy-load plugins (a3, Smush, WP Rocket, Jetpack's Lazy Images) keep the real address in. */
const LAZY_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ['data-lazy-src', 'src'],
  ['data-src', 'src'],
  ['data-lazy-srcset', 'srcset'],
  ['data-srcset', 'srcset'],
];

export const lazyImages: Cleaner = {
  name: 'lazy-images',
  description: 'give lazy-loaded images their real address (data-src, data-lazy-src) instead of the placeholder',
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    $('img, source').each((_, node) => {
      const el = node as Element;
      const done = new Set<string>();
      for (const [from, to] of LAZY_ATTRIBUTES) {
        const value = el.attribs[from]?.trim();
        if (value === undefined) continue;
        delete el.attribs[from];
        if (value === '' || done.has(to)) continue;
        el.attribs[to] = value;
        done.add(to);
        count(counts, `${el.name}[${from}]`);
      }
    });
    return counts;
  },
};

export const comments: Cleaner = {
  name: 'comments',
  description: 'remove HTML comments (block delimiters, <!--more-->, Word conditional comments)',
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    const found: AnyNode[] = [];
    allNodes($).forEach((node) => {
      if (node.type === 'comment') found.push(node);
    });
    $(found).remove();
    count(counts, 'comment', found.length);
    return counts;
  },
};

export const javascriptLinks: Cleaner = {
  name: 'javascript-links',
  description: 'turn links to javascript: addresses into their text',
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    $('a[href]').each((_, a) => {
      if (isScriptUrl(a.attribs.href ?? '')) {
        unwrap($, a);
        count(counts, 'a[href^=javascript:]');
      }
    });
    return counts;
  },
};

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img',
  'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);

/** Only `style` (presentation) is allowed on an element that is to be unwrapped. */
const carriesNothing = (el: Element): boolean => Object.keys(el.attribs).every((name) => name === 'style');

/** A block wrapper can go only when its children are blocks, or its text would run into its neighbours'. */
const holdsOnlyBlocks = (el: Element): boolean =>
  el.children.every((child) =>
    child.type === 'text'
      ? child.data.trim() === ''
      : child.type !== 'tag' || !INLINE.has(child.name),
  );

export const wrappers: Cleaner = {
  name: 'wrappers',
  description: 'unwrap <span>, <font> and <div> wrappers that carry no attribute but style',
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    $('span, font').each((_, el) => {
      if (carriesNothing(el)) {
        unwrap($, el);
        count(counts, el.name);
      }
    });
    // Innermost first, so that a wrapper's children are final when it is judged.
    const blocks = $('div, section, article, main').toArray().reverse();
    for (const el of blocks) {
      if (carriesNothing(el) && holdsOnlyBlocks(el)) {
        unwrap($, el);
        count(counts, el.name);
      }
    }
    return counts;
  },
};

const PRESERVE_WHITESPACE = 'pre, code, kbd, samp, tt, textarea, var';

export const nbsp: Cleaner = {
  name: 'nbsp',
  description: 'turn non-breaking spaces in prose into spaces (code keeps them)',
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    allNodes($).forEach((node) => {
      if (node.type !== 'text' || !node.data.includes('\u00a0')) return;
      if ($(node).closest(PRESERVE_WHITESPACE).length > 0) return;
      const before = node.data;
      node.data = before.replace(/\u00a0/g, ' ');
      count(counts, 'nbsp', before.length - before.replace(/\u00a0/g, '').length);
    });
    return counts;
  },
};

const MEDIA = 'img, picture, video, audio, iframe, embed, object, svg, canvas, hr, table, input, math';

export const emptyBlocks: Cleaner = {
  name: 'empty-blocks',
  description: 'remove paragraphs and wrappers left with no text and no media, and the blank lines left behind',
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    for (const el of $('p, div, section, span').toArray().reverse()) {
      const node = $(el);
      if (el.attribs.id !== undefined || node.text().trim() !== '' || node.find(MEDIA).length > 0) continue;
      // White space inside code is content (highlighters wrap it in spans).
      if (node.closest(PRESERVE_WHITESPACE).length > 0) continue;
      node.remove();
      count(counts, el.name);
    }
    // Removed blocks leave runs of blank lines between their neighbours; HTML reads any run of
    // white space as one space, so one newline says the same.
    const blank = (node: AnyNode | null): node is Text => node?.type === 'text' && node.data.trim() === '';
    allNodes($).forEach((node) => {
      if (!blank(node) || !node.data.includes('\n')) return;
      if ($(node).closest('pre, textarea').length > 0) return;
      node.data = '\n';
      if (blank(node.prev)) {
        node.prev.data = '\n';
        $(node).remove();
      }
    });
    return counts;
  },
};

const URL_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ['a', 'href'],
  ['img', 'src'],
  ['source', 'src'],
  ['video', 'src'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['track', 'src'],
  ['iframe', 'src'],
  ['embed', 'src'],
];
const SRCSET_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ['img', 'srcset'],
  ['source', 'srcset'],
];

/** Resolves a relative address against the base; absolute, fragment-only and odd ones stay. */
export function absolutize(value: string, base: URL): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^[a-z][a-z\d+.-]*:/i.test(trimmed)) return value;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return value;
  }
}

/**
 * Resolves each candidate of a `srcset` (`url 300w, url 2x`), parsed as the HTML standard
 * does: an address runs to the next white space (so addresses may hold commas), and its
 * descriptors run to the next comma. Returns the value untouched when no address changes.
 */
export function absolutizeSrcset(srcset: string, base: URL): string {
  const candidates: string[] = [];
  let changed = false;
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i] ?? '')) i++;
    if (i >= srcset.length) break;
    let end = i;
    while (end < srcset.length && !/\s/.test(srcset[end] ?? '')) end++;
    let url = srcset.slice(i, end);
    let descriptors = '';
    i = end;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      const comma = srcset.indexOf(',', i);
      const stop = comma === -1 ? srcset.length : comma;
      descriptors = srcset.slice(i, stop).trim();
      i = stop + 1;
    }
    const resolved = absolutize(url, base);
    if (resolved !== url) changed = true;
    candidates.push(descriptors ? `${resolved} ${descriptors}` : resolved);
  }
  return changed ? candidates.join(', ') : srcset;
}

export const absoluteUrls: Cleaner = {
  name: 'absolute-urls',
  description: "make relative link and image addresses absolute against the post's link",
  clean({ $, base }) {
    const counts: CleanCounts = new Map();
    if (!base) return counts;
    for (const [tag, attribute] of URL_ATTRIBUTES) {
      $(`${tag}[${attribute}]`).each((_, node) => {
        const el = node as Element;
        const before = el.attribs[attribute] ?? '';
        const after = absolutize(before, base);
        if (after !== before) {
          el.attribs[attribute] = after;
          count(counts, `${tag}[${attribute}]`);
        }
      });
    }
    for (const [tag, attribute] of SRCSET_ATTRIBUTES) {
      $(`${tag}[${attribute}]`).each((_, node) => {
        const el = node as Element;
        const before = el.attribs[attribute] ?? '';
        const after = absolutizeSrcset(before, base);
        if (after !== before) {
          el.attribs[attribute] = after;
          count(counts, `${tag}[${attribute}]`);
        }
      });
    }
    return counts;
  },
};
