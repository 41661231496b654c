import { load, type CheerioAPI } from 'cheerio/slim';
import { compile } from 'css-select';
import { parse, type Selector } from 'css-what';
import { Element, type AnyNode, type Text } from 'domhandler';
import { decodeHTML } from 'entities';

/**
 * Parses an HTML fragment (not a document: no `<html>`/`<body>` is added). `cheerio/slim`
 * uses htmlparser2, which is several times faster than parse5 and keeps start-up light.
 */
export function loadFragment(html: string): CheerioAPI {
  // HTML (not XML) parsing with htmlparser2's options, so that `encodeEntities: 'utf8'` can
  // serialise text as UTF-8, escaping only what HTML requires (the default writes every
  // non-ASCII character as a numeric reference).
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } }, false);
  // Every `$(selector)` query starts from the root's children, and css-select first removes
  // nested ones from that list in quadratic time: a post of 8,000 top-level paragraphs spent
  // most of its time there. One wrapper element makes the list one long.
  // The parsed document itself (`$.root()` would build two wrapper objects to hand it over).
  const root = $._root;
  if (root.children.length > 1) {
    const wrapper = new Element(FRAGMENT_ROOT, {}, root.children);
    for (const child of wrapper.children) child.parent = wrapper;
    wrapper.parent = root;
    root.children = [wrapper];
  }
  return $;
}

/** The element `loadFragment` wraps a fragment in; never part of the output. */
const FRAGMENT_ROOT = 'wp-extract-fragment';

/** The HTML of a fragment loaded by `loadFragment`, without its wrapper. */
export function fragmentHtml($: CheerioAPI): string {
  const wrapped = wrappedNodes($);
  return wrapped ? $.html(wrapped) : $.html();
}

/** The nodes inside `loadFragment`'s wrapper, or null when the fragment has none. */
function wrappedNodes($: CheerioAPI): AnyNode[] | null {
  const root = $._root;
  const only = root.children.length === 1 ? root.children[0] : undefined;
  return only && only.type === 'tag' && (only as Element).name === FRAGMENT_ROOT ? (only as Element).children : null;
}

/** Text made safe as HTML content: `&`, `<` and `>` escaped (quotes stay, for wptexturize). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text made safe in a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * Whether {@link fragmentHtml} would give only white space, without serialising: the fragment
 * holds nothing but text of white space. (A non-breaking space is written `&nbsp;`: not blank.)
 */
export function fragmentIsBlank($: CheerioAPI): boolean {
  return (wrappedNodes($) ?? $._root.children).every((node) => node.type === 'text' && BLANK_TEXT.test((node as Text).data));
}

const BLANK_TEXT = /^[^\S\u00a0]*$/;

/** Collapses runs of white space (non-breaking spaces included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * An HTML fragment as one line of plain text: tags dropped, entities decoded. Text without a
 * tag (most titles, names and terms, often with an entity: `&#8217;`) is decoded as the parser
 * decodes text, without parsing it.
 */
export function htmlToInlineText(html: string): string {
  if (!html.includes('<')) return collapseWhitespace(html.includes('&') ? decodeHTML(html) : html);
  return parsedInlineText(html);
}

/** `htmlToInlineText` by parsing the fragment: for any HTML (and for the tests of the shortcut). */
export function parsedInlineText(html: string): string {
  const $ = loadFragment(html);
  limitDepth($); // text() walks the tree recursively
  return collapseWhitespace($.root().text());
}

/**
 * Nesting deeper than this is flattened: no real post nests 256 elements, and the tree walks of
 * the serializer and of turndown are recursive, so a hostile post with 100,000 nested `<div>`s
 * would otherwise overflow the stack (and cost quadratic time in the cleaners).
 */
export const MAX_DEPTH = 256;

/**
 * Unwraps every element nested deeper than `max` (its children take its place), without
 * recursion; fills `index` on the way, when given. Elements are unwrapped shallowest first, so each child moves up once per
 * unwrapped parent: linear in the size of the tree. Returns how many were unwrapped.
 */
export function limitDepth($: CheerioAPI, max = MAX_DEPTH, index?: FragmentIndex): number {
  const deep: Element[] = [];
  const stack: Array<[AnyNode, number]> = $.root()
    .contents()
    .toArray()
    .reverse()
    .map((node): [AnyNode, number] => [node, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [AnyNode, number];
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const element = node as Element;
    if (depth > max) deep.push(element);
    if (index) addToIndex(index, element);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push([element.children[i] as AnyNode, depth + 1]);
  }
  for (const element of deep) {
    const parent = element.parent;
    if (!parent) continue;
    const at = parent.children.indexOf(element);
    const children = element.children;
    for (const child of children) child.parent = parent;
    parent.children.splice(at, 1, ...children);
    // Keep the sibling links domhandler maintains.
    for (let i = Math.max(0, at - 1); i <= Math.min(parent.children.length - 1, at + children.length); i++) {
      const current = parent.children[i] as AnyNode;
      current.prev = (parent.children[i - 1] as AnyNode | undefined) ?? null;
      current.next = (parent.children[i + 1] as AnyNode | undefined) ?? null;
    }
    element.children = [];
    element.parent = null;
  }
  return deep.length;
}

/**
 * Every node of a fragment in document order, without recursion. (cheerio's
 * `find('*').addBack().contents()` sorts its result into document order, which costs
 * quadratic time on large posts.)
 */
export function allNodes($: CheerioAPI): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: AnyNode[] = [...$.root().contents().toArray()].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    out.push(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return out;
}

/** A compiled CSS selector: tests one element. */
export type CompiledSelector = ReturnType<typeof compile<AnyNode, Element>>;
const compiled = new Map<string, CompiledSelector>();

/**
 * A selector compiled once per process (cheerio compiles it again at every query). Only for
 * selectors written in the code: the cache keeps every one it is given.
 */
export function compiledSelector(selector: string): CompiledSelector {
  let test = compiled.get(selector);
  if (test === undefined) {
    test = compile<AnyNode, Element>(selector);
    compiled.set(selector, test);
  }
  return test;
}

/**
 * The elements of a fragment by tag name, class name and id, gathered in one walk, so that a
 * selector is tested on the few elements that can match instead of on every element of the
 * tree, and a table of selectors none of whose names occur is skipped at once. It may hold
 * elements removed since (callers check), never misses one: cleaners move and remove elements
 * but create none.
 */
export interface FragmentIndex {
  tags: Map<string, Element[]>;
  classes: Map<string, Element[]>;
  ids: Map<string, Element[]>;
  /** Each element's place in document order. */
  order: Map<Element, number>;
}

export function emptyIndex(): FragmentIndex {
  return { tags: new Map(), classes: new Map(), ids: new Map(), order: new Map() };
}

function addTo(map: Map<string, Element[]>, key: string, element: Element): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [element]);
  else if (list.at(-1) !== element) list.push(element);
}

function addToIndex(index: FragmentIndex, element: Element): void {
  index.order.set(element, index.order.size);
  addTo(index.tags, element.name, element);
  const { class: className, id } = element.attribs;
  if (id !== undefined) addTo(index.ids, id, element);
  if (className !== undefined) for (const name of className.split(/[ \t\r\n\f]+/)) if (name !== '') addTo(index.classes, name, element);
}

const parsedSelectors = new Map<string, Selector[][]>();

/**
 * The elements of the indexed fragment a selector can match, in document order: for each
 * compound of the list, the elements with the id, class or tag its subject (the part after the
 * last combinator) requires. Null when a compound requires none of these (test every element).
 */
export function candidates(selector: string, index: FragmentIndex): Element[] | null {
  let parsed = parsedSelectors.get(selector);
  if (parsed === undefined) {
    parsed = parse(selector);
    parsedSelectors.set(selector, parsed);
  }
  const lists: Element[][] = [];
  for (const compound of parsed) {
    let best: Element[] | null = null;
    for (let i = compound.length - 1; i >= 0; i--) {
      const token = compound[i] as Selector;
      let list: Element[] | null = null;
      if (token.type === 'tag') list = index.tags.get(token.name) ?? [];
      else if (token.type === 'attribute' && token.name === 'class' && token.action === 'element') list = index.classes.get(token.value) ?? [];
      else if (token.type === 'attribute' && token.name === 'id' && token.action === 'equals') list = index.ids.get(token.value) ?? [];
      else if (token.type === 'attribute' && token.name === 'class' && token.action === 'any' && token.value !== '' && !/\s/.test(token.value)) list = classesContaining(token.value, index);
      else if (token.type === 'descendant' || token.type === 'child' || token.type === 'sibling' || token.type === 'adjacent' || token.type === 'parent' || token.type === 'column-combinator') break;
      if (list !== null && (best === null || list.length < best.length)) best = list;
    }
    if (best === null) return null;
    lists.push(best);
  }
  if (lists.length === 1) return lists[0] ?? [];
  return inOrder([...new Set(lists.flat())], index);
}

/**
 * The elements with a class name containing `part` (`[class*=part]`, `part` without white
 * space, so within one name), in document order.
 */
function classesContaining(part: string, index: FragmentIndex): Element[] {
  const found: Element[] = [];
  for (const [name, elements] of index.classes) if (name.includes(part)) found.push(...elements);
  return inOrder([...new Set(found)], index);
}

function inOrder(elements: Element[], index: FragmentIndex): Element[] {
  return elements.sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}

/** Whether a node is still in its document (not inside something removed). */
export function inTree(node: AnyNode): boolean {
  let top = node;
  while (top.parent) top = top.parent;
  return top.type === 'root';
}
