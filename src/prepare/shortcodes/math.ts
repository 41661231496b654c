import { escapeAttribute } from '../../html/index.js';
import type { ShortcodeHandler } from './types.js';

/**
 * TeX as Jetpack renders it: an image of WordPress.com's renderer with the TeX as its text,
 * inline among the words (the `math` cleaner makes it math, on this path as on the REST one).
 */
export const texMath = (tex: string): string => {
  const text = escapeAttribute(tex.trim());
  return `<img src="https://s0.wp.com/latex.php?latex=${encodeURIComponent(tex.trim())}" alt="${text}" title="${text}" class="latex">`;
};

/** Jetpack's latex_entity_decode: the few entities an editor puts in TeX, and line ends as spaces. */
const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#039;': "'", '&#038;': '&', '&amp;': '&' };
const decodeTex = (tex: string): string => tex.replace(/&lt;|&gt;|&quot;|&#039;|&#038;|&amp;/g, (e) => ENTITIES[e] ?? e).replace(/[\r\n]/g, ' ');

/** Jetpack's rendering options, which are the image's and not the formula's: `&s=`, `&bg=`, `&fg=`. */
const withoutOptions = (tex: string): string => tex.replace(/&(?:fg|bg)=[0-9a-f]{6}/gi, '').replace(/&s=-?\d{1,2}/gi, '');

/**
 * WordPress.com's `$latex …$` (Jetpack's latex module, on the_content at priority 9): in text
 * outside tags, `$latex` then a space or `=`, up to a `$` not escaped by a backslash.
 * https://github.com/Automattic/jetpack (projects/plugins/jetpack/modules/latex.php)
 */
const INLINE = /\$latex(?:=\s*|\s+)((?:[^$]+|(?<=(?<!\\)\\)\$)+)(?<!\\)\$/gi;

/**
 * `$latex …$` in the text of raw content as math: never inside a tag, nor inside `<pre>` or
 * `<code>` (code, which the code shortcodes made before this runs, as SyntaxHighlighter runs
 * first; Jetpack would make an image there, and the code would show no TeX).
 */
export function latexMarkup(html: string): string {
  if (!/\$latex/i.test(html)) return html;
  let inPre = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part, i) => {
      if (i % 2 === 1) {
        if (/^<(pre|code)\b/i.test(part)) inPre++;
        else if (/^<\/(pre|code)>/i.test(part)) inPre = Math.max(0, inPre - 1);
        return part;
      }
      return inPre > 0 || !/\$latex/i.test(part) ? part : part.replace(INLINE, (_whole, tex: string) => texMath(withoutOptions(decodeTex(tex))));
    })
    .join('');
}

/** Jetpack's `[latex]…[/latex]`. */
export const latex: ShortcodeHandler = {
  name: 'latex',
  description: "Jetpack's [latex]…[/latex] (and $latex …$ in the text) becomes math, its rendering options dropped",
  matches: (tag) => tag.toLowerCase() === 'latex',
  early: true,
  expand: (code) => (code.content === undefined ? null : texMath(withoutOptions(decodeTex(code.content)))),
};
