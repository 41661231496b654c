// @ts-check
/**
 * What a reader would notice in converted Markdown, shared by the corpus check
 * (scripts/corpus.js) and the export benchmark (scripts/bench/wxr.js): widget text that leaked,
 * raw HTML left, and text recall against the HTML it came from, rendered back by markdown-it.
 */
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { visibleWords } from '../dist/index.js';

/** Raw HTML the Markdown may hold: what Markdown has no syntax for, and tables a pipe table cannot hold. */
export const ALLOWED_HTML = new Set(['details', 'summary', 'sub', 'sup', 'br', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td']);

const renderer = new MarkdownIt({ html: true }).use(footnote);

/** Text that only widgets write. */
export const LEAKS = [
  /Read Time:/i,
  /\d+\s*Minute,\s*\d+\s*Second/i,
  /\btwp-|\bbooster-/i,
  /About Post Author/i,
  /\[\s*\d+\s*%\s*\]|\b\d+ %$/m,
  /Share this:|Like this:/,
  /Related Posts?:?\s*$/im,
];

/** Markdown without code (fenced and inline), where raw HTML would be text. @param {string} md */
export function outsideCode(md) {
  return md.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The first widget text found in a text, or null. @param {string} text */
export function leakIn(text) {
  for (const pattern of LEAKS) {
    const found = pattern.exec(text);
    if (found) return found[0];
  }
  return null;
}

/** The HTML tag names left in Markdown prose (a whole HTML table counts as `table`). @param {string} md */
export function rawTags(md) {
  const prose = outsideCode(md).replace(/^<table>[\s\S]*?<\/table>$/gm, '<table></table>');
  return [...new Set([...prose.matchAll(/(?<!\\)<\/?([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>\n]*>/g)].map((m) => (m[1] ?? '').toLowerCase()))];
}

/** The share of the HTML's visible words that the Markdown, rendered, still shows. @param {string} html @param {string} md */
export function recall(html, md) {
  const source = visibleWords(html);
  const target = visibleWords(renderer.render(md));
  let total = 0;
  let found = 0;
  for (const [word, n] of source) {
    total += n;
    found += Math.min(n, target.get(word) ?? 0);
  }
  return total === 0 ? 1 : found / total;
}
