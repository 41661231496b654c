import type { AnyNode, Document, Element, Text } from 'domhandler';
import type TurndownService from 'turndown';
// turndown's browser build: the same code without domino, its DOM for HTML strings, which
// wp-extract never needs (it hands turndown a view of the tree it has already parsed) and
// which cost start-up time to load.
import Turndown from 'turndown/lib/turndown.browser.es.js';
import { limitDepth, loadFragment } from '../html/index.js';
import { domView } from './dom.js';
import { EscapePlan } from './escape.js';
import { dropMarks, hasMarks, settleLinks, type LinkSpan } from './links.js';
import { hugoSafeText } from './hugo.js';
import { escapeForMdx } from './jsx.js';
import { mergeAdjacentInline } from './normalize.js';
import { MARKDOWN_RULES, type ConvertContext, type DomElement, type ImageSize, type MarkdownRule } from './rules/index.js';

export { MARKDOWN_RULES, type ImageSize, type MarkdownRule } from './rules/index.js';

/**
 * The Markdown a conversion writes: CommonMark with GFM; MDX (JSX, no HTML comments or
 * autolinks); or Hugo's (CommonMark whose `{{<` and `{{%` are written as text, see hugo.ts).
 */
export type Dialect = 'markdown' | 'mdx' | 'hugo';

/** Options of the Markdown conversion. */
export interface MarkdownOptions {
  /**
   * Rules to use, in order of precedence.
   * @default MARKDOWN_RULES
   */
  rules?: readonly MarkdownRule[];
  /**
   * Which address an image with a `srcset` gets: its own `src`, or the widest candidate.
   * @default 'src'
   */
  imageSize?: ImageSize;
  /**
   * The Markdown written: `markdown`, or `mdx` (`{`, `}` and `<` escaped in text, no HTML
   * comments or autolinks, kept HTML as JSX), or `hugo` (Hugo's shortcode delimiters written
   * as text).
   * @default 'markdown'
   */
  dialect?: Dialect;
}

/** A configured HTML-to-Markdown converter. */
export interface Converter {
  /** Converts cleaned HTML to a Markdown body ending in exactly one newline ("" when empty). */
  toMarkdown(html: string): string;
  /**
   * Converts a parsed fragment (from `cleanFragment`) the same way, without parsing it again.
   * turndown collapses white space in the tree as it goes, so serialise it first if needed.
   */
  treeToMarkdown(root: Element | Document): string;
  /** The same, with where each link and image address stands in the Markdown (see links.ts). */
  treeToDocument(root: Element | Document): MarkdownDocument;
}

/** Markdown, and where the converter wrote each address in it. */
export interface MarkdownDocument {
  markdown: string;
  links: LinkSpan[];
}

/** Takes the address marks out of a tree's text and attributes, so that no post can forge one. */
function dropTreeMarks(root: Element | Document): void {
  const stack: AnyNode[] = [...root.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text' && hasMarks((node as Text).data)) (node as Text).data = dropMarks((node as Text).data);
    if (!('children' in node)) continue;
    const attribs = (node as Element).attribs;
    for (const name in attribs) if (hasMarks(attribs[name] ?? '')) attribs[name] = dropMarks(attribs[name] ?? '');
    stack.push(...node.children);
  }
}

/** The turndown options wp-extract fixes: ATX headings, fenced code, `-` bullets. */
export const TURNDOWN_OPTIONS: Readonly<TurndownService.Options> = Object.freeze({
  headingStyle: 'atx',
  hr: '---',
  bulletListMarker: '-',
  codeBlockStyle: 'fenced',
  fence: '```',
  emDelimiter: '_',
  strongDelimiter: '**',
  linkStyle: 'inlined',
  // A hard line break is a backslash at the end of the line: two trailing spaces would be lost
  // to the first editor that trims white space, and a poem or an address would run together.
  br: '\\',
  // White space inside <code> is kept, as browsers keep it (a code block written with <br>).
  preformattedCode: true,
});

/**
 * No line ends in white space but a hard break followed by more of its paragraph: lines of only
 * spaces are emptied and a break before a blank line is dropped. Code blocks are left as they are.
 */
function withoutTrailingSpace(markdown: string): string {
  if (!/[ \t]\n/.test(markdown)) return markdown;
  let fence: string | null = null;
  const lines = markdown.split('\n');
  return lines
    .map((line, i) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence === null ? marker : null;
      else if (fence === null && /[ \t]$/.test(line) && (line.trim() === '' || (lines[i + 1] ?? '').trim() === '')) return line.replace(/[ \t]+$/, '');
      return line;
    })
    .join('\n');
}

/** Builds a converter. Nothing is built at import time. */
export function createConverter(options: MarkdownOptions = {}): Converter {
  const service = new Turndown({ ...TURNDOWN_OPTIONS });
  const context: ConvertContext = { imageSize: options.imageSize ?? 'src', footnotes: new Map(), mdx: options.dialect === 'mdx', hugo: options.dialect === 'hugo' };
  const rules = options.rules ?? MARKDOWN_RULES;
  // turndown gives the most recently added rule precedence, so add the table back to front.
  for (const rule of [...rules].reverse()) {
    service.addRule(rule.name, {
      // turndown calls the filter and the replacement with the nodes it is given: DOM views.
      filter: rule.filter as TurndownService.Filter,
      replacement: (content, node, turndownOptions) =>
        rule.replacement(content, node as unknown as DomElement, context, turndownOptions),
    });
  }
  const treeToDocument = (root: Element | Document): MarkdownDocument => {
      context.footnotes.clear();
      dropTreeMarks(root);
      mergeAdjacentInline(root);
      // Escapes only what a reader would misread, which depends on each text's line.
      const plan = new EscapePlan(root);
      service.escape = context.mdx ? (text: string) => escapeForMdx(plan.escape(text)) : context.hugo ? (text: string) => hugoSafeText(plan.escape(text)) : plan.escape;
      let markdown = service.turndown(domView(root) as unknown as HTMLElement);
      if (context.footnotes.size > 0) {
        const notes = [...context.footnotes].sort(([a], [b]) => a - b).map(([n, text]) => `[^${n}]: ${text}`);
        markdown = `${markdown.trimEnd()}\n\n${notes.join('\n')}`;
      }
      const trimmed = withoutTrailingSpace(markdown).replace(/^\n+/, '').replace(/\s+$/, '');
      return settleLinks(trimmed === '' ? '' : `${trimmed}\n`);
  };
  const treeToMarkdown = (root: Element | Document): string => treeToDocument(root).markdown;
  return {
    toMarkdown(html) {
      if (html.trim() === '') return '';
      const $ = loadFragment(html);
      limitDepth($); // turndown walks the tree recursively
      return treeToMarkdown($.root()[0] as Document);
    },
    treeToMarkdown,
    treeToDocument,
  };
}
