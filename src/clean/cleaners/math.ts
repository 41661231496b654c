import type { Element, Text } from 'domhandler';
import { allNodes, escapeText } from '../../html/index.js';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, inside, select } from '../util.js';

/** TeX as the MathML the converter writes as `$…$`. */
function mathElement(tex: string, display: boolean): string {
  const escaped = escapeText(tex.trim());
  return `<math${display ? ' display="block"' : ''}><semantics><annotation encoding="application/x-tex">${escaped}</annotation></semantics></math>`;
}

/** MathJax's and KaTeX's delimiters in text: `\(…\)` and `$…$`-free `\[…\]` and `$$…$$`. */
const DELIMITED = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$\$([\s\S]+?)\$\$/g;
const CODE: ReadonlySet<string> = new Set(['pre', 'code', 'kbd', 'samp', 'textarea', 'script', 'style', 'math']);

/**
 * Math as the site showed it: the images WordPress.com rendered for `$latex …$` (`img.latex`,
 * its TeX in `alt`), and TeX a MathJax or KaTeX plugin reads from the text (`\(…\)`, `\[…\]`,
 * `$$…$$`), become math, which the Markdown writes as `$…$` and `$$…$$`.
 */
export const math: Cleaner = {
  name: 'math',
  description: "WordPress.com's LaTeX images (img.latex) and MathJax/KaTeX delimiters in the text (\\( \\), \\[ \\], $$ $$) become math",
  present: /class="[^"]*\blatex\b|\\\(|\\\[|\$\$/,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const img of select($, 'img.latex', index)) {
      const tex = img.attribs.alt ?? img.attribs.title ?? '';
      if (tex.trim() === '') continue;
      $(img).replaceWith(mathElement(tex, false));
      count(counts, 'img.latex');
    }
    for (const node of allNodes($)) {
      if (node.type !== 'text' || !/\\[([]|\$\$/.test((node as Text).data) || inside(node, CODE)) continue;
      const text = (node as Text).data;
      if (!DELIMITED.test(text)) continue;
      DELIMITED.lastIndex = 0;
      const html = text
        .split(DELIMITED)
        .map((part, i) => (i % 4 === 0 ? escapeText(part ?? '') : part === undefined ? '' : mathElement(part, i % 4 !== 1)))
        .join('');
      $(node as unknown as Element).replaceWith(html);
      count(counts, 'TeX in the text');
    }
    return counts;
  },
};
