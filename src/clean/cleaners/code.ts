import type { Element } from 'domhandler';
import { decodeHTML } from 'entities';
import type { CheerioAPI } from 'cheerio/slim';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, select } from '../util.js';

/** Replaces an element by a `<pre>` of the code, under a language the converter reads. */
function replaceWithCode($: CheerioAPI, element: Element, code: string, language: string): void {
  const pre = $('<pre></pre>').attr('class', `brush: ${language || 'plain'}`).append($('<code></code>').text(code));
  $(element).replaceWith(pre);
}

/**
 * What highlighters print around code, turned back into the code: WP-Syntax's GeSHi table
 * (`div.wp_syntax`, a line-number column beside `pre.LANG`), SyntaxHighlighter's rendered
 * table (`div.syntaxhighlighter LANG`, a gutter beside `div.line`s) and Crayon's
 * (`div.crayon-syntax`, its plain code in a textarea, its language in the toolbar), as saved
 * pages and REST responses hold them. Line numbers are the highlighter's, not the code's.
 */
export const highlighters: Cleaner = {
  name: 'highlighters',
  description: "code highlighters' tables (WP-Syntax/GeSHi, SyntaxHighlighter's gutter, Crayon) become the code block they show, without line numbers",
  present: /wp_syntax|syntaxhighlighter|crayon-syntax/,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const div of select($, 'div.wp_syntax', index)) {
      const pre = $(div).find('td.code pre, pre').last();
      if (pre.length === 0) continue;
      const language = (pre.attr('class') ?? '').split(/\s+/)[0] ?? '';
      replaceWithCode($, div, pre.text(), language);
      count(counts, 'div.wp_syntax');
    }
    for (const div of select($, 'div.syntaxhighlighter', index)) {
      const lines = $(div).find('td.code div.line');
      if (lines.length === 0) continue;
      const language = (div.attribs.class ?? '').split(/\s+/).find((c) => c !== 'syntaxhighlighter' && !/^(nogutter|collapsed|printing|ie)$/.test(c)) ?? '';
      replaceWithCode($, div, lines.toArray().map((line) => $(line).text().replace(/\u00a0/g, ' ')).join('\n'), language);
      count(counts, 'div.syntaxhighlighter');
    }
    for (const div of select($, 'div.crayon-syntax', index)) {
      // Crayon keeps the plain code in a textarea (its "plain" view), else one div a line.
      const plain = $(div).find('textarea.crayon-plain');
      // The parser keeps a textarea's text as written (RCDATA): its entities are decoded here.
      const code = plain.length > 0 ? decodeHTML(plain.text()) : $(div).find('.crayon-line').toArray().map((line) => $(line).text()).join('\n');
      const language = $(div).find('.crayon-language').first().text().trim().toLowerCase();
      replaceWithCode($, div, code, language);
      count(counts, 'div.crayon-syntax');
    }
    return counts;
  },
};
