import { decodeHTML } from 'entities';
import { escapeAttribute, escapeText } from '../../html/index.js';
import { BRUSHES } from '../../convert/languages.js';
import type { ShortcodeHandler, ShortcodeMatch } from './types.js';

const GENERIC = new Set(['sourcecode', 'source', 'code']);
const TAGS = new Set([...GENERIC, ...Object.keys(BRUSHES).filter((tag) => tag !== 'latex' && tag !== 'r')]);

/** `[code="php"]` and `[code=php]`: the first positional attribute names the language. */
const positional = (value: string | undefined): string | undefined => value?.replace(/^=\s*/, '').replace(/^(["'])(.*)\1$/, '$2');

/** The language a code shortcode names: its tag, else `language`, `lang` or its positional value; '' for plain text. */
function languageOf(code: ShortcodeMatch): string | null {
  const tag = code.name.toLowerCase();
  if (!GENERIC.has(tag)) return BRUSHES[tag] ?? null;
  const named = (code.attrs.language ?? code.attrs.lang ?? positional(code.numeric[0]) ?? 'text').toLowerCase();
  // An unknown language is not the plugin's: it prints the shortcode's content as it is.
  return Object.hasOwn(BRUSHES, named) ? (BRUSHES[named] ?? '') : null;
}

/**
 * The code as the plugin displays it. It stores code HTML-escaped since 2009 (a post's
 * `_syntaxhighlighter_encoded`): code with no `<` or `>` is printed as stored, so its entities
 * show as characters; code that holds `<` or `>` was stored as typed, and is shown as typed.
 */
export const displayedCode = (code: string): string => (/[<>]/.test(code) ? code : decodeHTML(code));

/** The block a highlighter prints: `<pre>` with the language where the converter reads it, and the code as text. */
export function codeBlock(code: string, language: string, title?: string): string {
  const text = code.replace(/^\r?\n/, '').replace(/\s+$/, '');
  const brush = language === '' ? 'plain' : language;
  const heading = title ? `<p><strong>${escapeText(title)}</strong></p>` : '';
  return `${heading}<pre class="brush: ${escapeAttribute(brush)}"><code>${escapeText(text)}</code></pre>`;
}

/** SyntaxHighlighter Evolved's shortcodes (and WordPress.com's): `[code lang="php"]`, `[sourcecode]`, `[source]`, `[php]`… */
export const code: ShortcodeHandler = {
  name: 'code',
  description: 'SyntaxHighlighter and WordPress.com code shortcodes ([code], [sourcecode], [source], [php]…) become a code block with its language, the code exactly as shown',
  matches: (tag) => TAGS.has(tag.toLowerCase()),
  early: true,
  expand: (shortcode) => {
    if (shortcode.content === undefined) return null;
    const language = languageOf(shortcode);
    if (language === null) return null;
    return codeBlock(displayedCode(shortcode.content), language, shortcode.attrs.title);
  },
};
