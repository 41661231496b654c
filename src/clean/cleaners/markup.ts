import { allNodes, type FragmentIndex } from '../../html/index.js';
import type { AnyNode, Element, Text } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { isScriptUrl } from '../../url-safety.js';
import { count, inside, removeAll, select, unwrap } from '../util.js';

/**
 * Cleaners for markup that is not a plugin widget but is not content either. They run after
 * the widget cleaners, in the order of the table in `../index.ts`.
 */

export const scripts: Cleaner = {
  name: 'scripts',
  description: 'remove <script>, <style>, <template> and <noscript> (lazy-load plugins put a copy of each image there)',
  clean({ $, index }) {
    return removeAll($, ['script', 'style', 'template', 'noscript', 'link[rel~=stylesheet]'], index);
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
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const node of select($, 'img, source', index)) {
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
    }
    return counts;
  },
};

export const comments: Cleaner = {
  name: 'comments',
  description: 'remove HTML comments (block delimiters, <!--more-->, Word conditional comments); <!--nextpage--> becomes a visible break',
  // A comment or a directive.
  present: /<!/,
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    const found: AnyNode[] = [];
    allNodes($).forEach((node) => {
      if (node.type === 'comment') found.push(node);
    });
    // A post split into pages: the break between them stays visible (a rule in Markdown).
    const pageBreaks = found.filter((node) => node.type === 'comment' && /^\s*nextpage\s*$/.test(node.data));
    $(pageBreaks).replaceWith('<hr class="wp-nextpage">');
    $(found.filter((node) => !pageBreaks.includes(node))).remove();
    count(counts, 'comment', found.length - pageBreaks.length);
    count(counts, '<!--nextpage-->', pageBreaks.length);
    return counts;
  },
};

export const javascriptLinks: Cleaner = {
  name: 'javascript-links',
  description: 'turn links to javascript: addresses into their text',
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const a of select($, 'a[href]', index)) {
      if (isScriptUrl(a.attribs.href ?? '')) {
        unwrap($, a);
        count(counts, 'a[href^=javascript:]');
      }
    }
    return counts;
  },
};

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img',
  'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);

/** Only `style` (presentation) is allowed on an element that is to be unwrapped. */
/** No attribute but a style, and a style that means nothing in Markdown (a strike-through does). */
const carriesNothing = (el: Element): boolean =>
  Object.keys(el.attribs).every((name) => name === 'style') && !/text-decoration(-line)?\s*:[^;]*line-through/i.test(el.attribs.style ?? '');

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
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const el of select($, 'span, font', index)) {
      if (carriesNothing(el)) {
        unwrap($, el);
        count(counts, el.name);
      }
    }
    // Innermost first, so that a wrapper's children are final when it is judged.
    const blocks = select($, 'div, section, article, main', index).reverse();
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

/**
 * Whether a non-breaking space binds what stands either side of it, as typography wants it
 * kept: a number's groups (`20 000`), a French quotation mark and its words (`« mot »`), a
 * word and the high punctuation, percent or currency sign after it (`mot :`, `50 %`).
 */
const binds = (before: string, after: string): boolean =>
  (/\d/.test(before) && /\d/.test(after)) || /[«‹]/.test(before) || /[»›:;!?%‰€£$]/.test(after);

/**
 * Non-breaking spaces that bind (see {@link binds}) stay U+00A0 in the Markdown, so a number
 * or a quote never breaks across lines; any other (an editor's padding, `word &nbsp;word`,
 * or one a CMS scattered between words) becomes a plain space.
 */
const padding = (text: string): string => text.replace(/\u00a0/g, (nb, at: number) => (binds(text[at - 1] ?? ' ', text[at + 1] ?? ' ') ? nb : ' '));

export const nbsp: Cleaner = {
  name: 'nbsp',
  description: 'non-breaking spaces in prose: kept where typography binds with them (20\u00a0000, «\u00a0mot\u00a0», mot\u00a0:), plain spaces elsewhere (code keeps them all)',
  // A non-breaking space, as a character or a reference (named, decimal, hexadecimal; `;` optional).
  present: /\u00a0|&nbsp|&NonBreakingSpace|&#0*160|&#x0*a0/i,
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    allNodes($).forEach((node) => {
      if (node.type !== 'text' || !node.data.includes('\u00a0')) return;
      if (inside(node, PRESERVE)) return;
      const before = node.data;
      node.data = padding(before);
      const changed = [...before].filter((c, i) => c === '\u00a0' && node.data[i] === ' ').length;
      if (changed > 0) count(counts, 'nbsp', changed);
    });
    return counts;
  },
};

const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'iframe', 'embed', 'object', 'svg', 'canvas', 'hr', 'table', 'input', 'math']);
const BLOCKS = new Set(['p', 'div', 'section', 'span']);
const PRESERVE = new Set(PRESERVE_WHITESPACE.split(', '));
const isElement = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';
/**
 * A link to a web address with nothing inside: what wpautop leaves of a link wrapped around a
 * card of blocks (`<p><a href></p><div>…</div><p></a></p>`). Its address is content.
 */
const isAddressOnlyLink = (node: Element): boolean => node.name === 'a' && /^https?:\/\//i.test(node.attribs.href ?? '') && node.children.length === 0;

/**
 * The `p`, `div`, `section` and `span` elements with no text and no media inside, no `id` and
 * nothing preformatted around them, in document order. One walk: whether an element holds text
 * or media is gathered from its children as the walk leaves it (removing an empty element
 * cannot change its parent's answer, so the answers hold after removals too).
 */
function emptyBlocksOf(root: AnyNode, index: FragmentIndex): Element[] {
  const found: Element[] = [];
  /** Per open element: does it hold text or media, and is it inside preformatted text. */
  const full = new Map<AnyNode, boolean>();
  const stack: Array<{ node: AnyNode; preserved: boolean; leaving: boolean }> = [{ node: root, preserved: false, leaving: false }];
  while (stack.length > 0) {
    const { node, preserved, leaving } = stack.pop() as { node: AnyNode; preserved: boolean; leaving: boolean };
    if (leaving) {
      const element = node as Element;
      const holds = full.get(element) === true;
      full.delete(element);
      if (!holds && BLOCKS.has(element.name) && element.attribs.id === undefined && !preserved) found.push(element);
      if (holds && element.parent) full.set(element.parent, true);
      continue;
    }
    if (node.type === 'text') {
      if (node.parent && node.data.trim() !== '') full.set(node.parent, true);
      continue;
    }
    if (!('children' in node) || node.type === 'cdata') continue;
    const isEl = isElement(node);
    if (isEl && (MEDIA.has(node.name) || isAddressOnlyLink(node)) && node.parent) full.set(node.parent, true);
    const inside = preserved || (isEl && PRESERVE.has(node.name));
    if (isEl) stack.push({ node, preserved: inside, leaving: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as AnyNode, preserved: inside, leaving: false });
  }
  // Found as the walk leaves them (children before parents); the index knows document order.
  return found.sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}

export const emptyBlocks: Cleaner = {
  name: 'empty-blocks',
  description: 'remove paragraphs and wrappers left with no text and no media, and the blank lines left behind',
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    const root = $.root()[0] as AnyNode;
    // Innermost and last first, as they are counted.
    for (const el of emptyBlocksOf(root, index).reverse()) {
      $(el).remove();
      count(counts, el.name);
    }
    // Removed blocks leave runs of blank lines between their neighbours; HTML reads any run of
    // white space as one space, so one newline says the same.
    const blank = (node: AnyNode | null): node is Text => node?.type === 'text' && node.data.trim() === '';
    const stack: Array<{ node: AnyNode; pre: boolean }> = [{ node: root, pre: false }];
    while (stack.length > 0) {
      const { node, pre } = stack.pop() as { node: AnyNode; pre: boolean };
      if ('children' in node) {
        const inside = pre || (isElement(node) && (node.name === 'pre' || node.name === 'textarea'));
        for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as AnyNode, pre: inside });
        continue;
      }
      if (pre || !blank(node) || !node.data.includes('\n')) continue;
      node.data = '\n';
      if (blank(node.prev)) {
        node.prev.data = '\n';
        $(node).remove();
      }
    }
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

/** For each tag, the address attributes it may carry, and whether each is a `srcset`. */
const ADDRESS_ATTRIBUTES = new Map<string, Array<readonly [string, boolean]>>();
for (const [tag, attribute] of URL_ATTRIBUTES) ADDRESS_ATTRIBUTES.set(tag, [...(ADDRESS_ATTRIBUTES.get(tag) ?? []), [attribute, false]]);
for (const [tag, attribute] of SRCSET_ATTRIBUTES) ADDRESS_ATTRIBUTES.set(tag, [...(ADDRESS_ATTRIBUTES.get(tag) ?? []), [attribute, true]]);

export const absoluteUrls: Cleaner = {
  name: 'absolute-urls',
  description: "make relative link and image addresses absolute against the post's link",
  clean({ $, base }) {
    const changed: CleanCounts = new Map();
    if (!base) return changed;
    // One walk over every element, for all the attributes at once.
    for (const node of allNodes($)) {
      if (!isElement(node)) continue;
      for (const [attribute, srcset] of ADDRESS_ATTRIBUTES.get(node.name) ?? []) {
        const before = node.attribs[attribute];
        if (before === undefined) continue;
        const after = srcset ? absolutizeSrcset(before, base) : absolutize(before, base);
        if (after === before) continue;
        node.attribs[attribute] = after;
        count(changed, `${node.name}[${attribute}]`);
      }
    }
    // Reported in the order of the attribute tables.
    const counts: CleanCounts = new Map();
    for (const [tag, attribute] of [...URL_ATTRIBUTES, ...SRCSET_ATTRIBUTES]) {
      const label = `${tag}[${attribute}]`;
      const n = changed.get(label);
      if (n !== undefined) counts.set(label, n);
    }
    return counts;
  },
};

