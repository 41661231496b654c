import type { AnyNode } from 'domhandler';
import type { CheerioAPI } from 'cheerio/slim';
import { decodeHTML } from 'entities';
import { collapseWhitespace, fragmentHtml, loadFragment } from '../html/index.js';

/** Elements that start a new paragraph in plain text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tr', 'ul',
]);
/** Elements whose text is not prose. */
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'svg', 'math', 'head']);

/**
 * Cleaned HTML as plain text: one paragraph per block separated by a blank line, `<br>` as a
 * line break, white space collapsed outside `<pre>`, and no markup of any kind. Ends in exactly
 * one newline ("" when there is no text).
 */
export function htmlToText(html: string): string {
  if (html.trim() === '') return '';
  return fragmentText(loadFragment(html));
}

/** The plain text of a parsed fragment, as `htmlToText` writes it. */
export function fragmentText($: CheerioAPI): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = current
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    if (text !== '') paragraphs.push(text);
    current = '';
  };
  // An explicit stack instead of recursion: deeply nested input must not overflow.
  const stack: Array<AnyNode | 'end-block'> = [...$.root().contents().toArray()].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === 'end-block') {
      flush();
      continue;
    }
    if (node.type === 'text') {
      current += node.data.replace(/[\s\u00a0]+/g, ' ');
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const name = node.name;
    if (SKIP.has(name)) continue;
    if (name === 'br') {
      current += '\n';
      continue;
    }
    if (name === 'pre') {
      // Preformatted text keeps its lines and indentation exactly.
      flush();
      const text = $(node).text().replace(/^\n|\n+$/g, '');
      if (text.trim() !== '') paragraphs.push(text);
      continue;
    }
    if (BLOCK.has(name)) {
      flush();
      stack.push('end-block');
    } else if (name === 'td' || name === 'th') {
      current += ' ';
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child) stack.push(child);
    }
  }
  flush();
  return paragraphs.length === 0 ? '' : `${paragraphs.join('\n\n')}\n`;
}

/** An excerpt (HTML, or a fragment already parsed) as one line of text, without a trailing `[…]`. */
export function excerptText(excerpt: string | CheerioAPI): string {
  return oneLine(typeof excerpt === 'string' ? htmlToText(excerpt) : fragmentText(excerpt));
}

function oneLine(text: string): string {
  return collapseWhitespace(text)
    .replace(/\s*\[(?:…|\.\.\.|&hellip;)\]$/, '')
    .trim();
}

/** One paragraph of text and nothing else, but for a closing `[…]`. */
const PLAIN_EXCERPT = /^\s*<p>([^<>[\]]*(?:\[(?:&hellip;|…|\.\.\.)\])?)\s*<\/p>\s*$/;

/**
 * The text of an excerpt that is one paragraph of text (`<p>words […]</p>`, what WordPress
 * writes for most posts), as `excerptText` gives it, without parsing it; null for any other.
 * No cleaner changes such an excerpt: widgets, links and shortcodes all need a `<` or a `[`.
 */
export function plainExcerptText(html: string): string | null {
  const match = PLAIN_EXCERPT.exec(html);
  return match ? oneLine(decodeHTML(match[1] ?? '')) : null;
}

/**
 * The words a reader sees in HTML (letters and digits, lower-cased) and how often each
 * appears: the measure behind text recall in the corpus check and the round-trip test. A
 * superscript (a footnote mark) reads as a word of its own, and the File block's Download
 * button, which repeats the file link and which the Markdown drops, is not counted.
 */
export function visibleWords(html: string): Map<string, number> {
  const $ = loadFragment(html);
  $('sup').before(' ').after(' ');
  $('a.wp-block-file__button').each((_, a) => {
    const href = $(a).attr('href') ?? '';
    if ($(a).siblings('a').filter((_, other) => $(other).attr('href') === href).length > 0) $(a).remove();
  });
  const counts = new Map<string, number>();
  for (const word of htmlToText(fragmentHtml($)).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
