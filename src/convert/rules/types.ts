import type TurndownService from 'turndown';
import type { DomElement, DomNode } from '../dom.js';

export type { DomElement, DomNode } from '../dom.js';

/** How `<img srcset>` is used. */
export type ImageSize = 'src' | 'largest' | 'full';

/** What a rule may read and write during one conversion. */
export interface ConvertContext {
  /** `src` keeps the image's own address; `largest` takes the widest `srcset` candidate; `full` the original upload (put in `src` before: see prepare/originals.ts). */
  imageSize: ImageSize;
  /** Footnote definitions found so far, by number; printed after the body. */
  footnotes: Map<number, string>;
  /** Write MDX: no HTML comments or autolinks, kept HTML as JSX, `{`, `}` and `<` escaped in text. */
  mdx: boolean;
  /** Write for Hugo: its shortcode delimiters (`{{<`, `{{%`) written as text, in code too (see hugo.ts). */
  hugo: boolean;
}

/**
 * A named Markdown rule: which elements it handles and what it writes. `content` is the
 * Markdown of the element's children, already converted.
 */
export interface MarkdownRule {
  name: string;
  description: string;
  /** A tag name, a list of them, or a test of the element. */
  filter: string | readonly string[] | ((node: DomElement, options: TurndownService.Options) => boolean);
  replacement(content: string, node: DomElement, context: ConvertContext, options: TurndownService.Options): string;
}

/**
 * Converted Markdown with its hard breaks (a backslash ending a line) as plain newlines, for
 * rules that write line ends their own way (a verse's lines, a table cell's `<br>`). A
 * literal backslash is always escaped (an even run), so an odd run before a newline ends in
 * a hard break.
 */
export const withoutHardBreaks = (markdown: string): string => markdown.replace(/(?<!\\)((?:\\\\)*)\\\n/g, '$1\n');

/** The class tokens of an element. */
export function classesOf(node: DomElement): string[] {
  return (node.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
}

export function hasClass(node: DomNode | null, name: string): boolean {
  return node !== null && node.nodeType === 1 && classesOf(node as DomElement).includes(name);
}

/** The closest ancestor (or the node itself) with a tag name, upper case. */
export function closest(node: DomNode | null, tagName: string): DomElement | null {
  for (let current = node; current; current = current.parentNode) {
    if (current.nodeType === 1 && current.nodeName === tagName) return current as DomElement;
  }
  return null;
}

/** An element's text with `<br>` as a newline: what a `<pre>` shows. */
export function preformattedText(node: DomNode): string {
  let text = '';
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    if (current.nodeType === 3) text += current.nodeValue ?? '';
    else if (current.nodeName === 'BR') text += '\n';
    else for (let i = current.childNodes.length - 1; i >= 0; i--) stack.push(current.childNodes[i] as DomNode);
  }
  return text;
}
