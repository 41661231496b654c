import { count } from '../../clean/util.js';
import type { Post } from '../../post.js';
import { code } from './code.js';
import { core, widgets } from './core.js';
import { embeds } from './embeds.js';
import { forms } from './forms.js';
import { layout } from './layout.js';
import { latex } from './math.js';
import { replaceShortcodes } from './scan.js';
import type { ShortcodeHandler, ShortcodeNotes } from './types.js';

export { latexMarkup } from './math.js';
export { codeBlock, displayedCode } from './code.js';
export type { ShortcodeContext, ShortcodeHandler, ShortcodeMatch, ShortcodeNotes } from './types.js';

/**
 * The shortcodes an export's content is rendered with, in order: the first handler that
 * matches a tag has it. A new plugin family is one file and one line here.
 */
export const SHORTCODE_HANDLERS: readonly ShortcodeHandler[] = Object.freeze([code, latex, core, embeds, forms, layout, widgets]);

/** The tags the table knows: wptexturize leaves their attributes alone, as WordPress does for registered shortcodes. */
export const knowsShortcode = (tag: string): boolean => SHORTCODE_HANDLERS.some((h) => h.matches(tag));

/** Nesting of layout shortcodes followed, at most (a page builder's rows, columns, modules…). */
const MAX_DEPTH = 20;

/**
 * The shortcodes of a text, expanded by the handlers of one pass (`early`: code and TeX, before
 * wptexturize and wpautop; else the rest, after them). What is noted is counted in `notes`.
 */
export function expandShortcodes(text: string, post: Post, early: boolean, notes: ShortcodeNotes, depth = 0): string {
  const handlers = SHORTCODE_HANDLERS.filter((h) => (h.early === true) === early);
  const find = (tag: string): ShortcodeHandler | undefined => handlers.find((h) => h.matches(tag));
  const context = {
    post,
    expand: (inner: string) => (depth >= MAX_DEPTH ? inner : expandShortcodes(inner, post, early, notes, depth + 1)),
    note: (what: string) => count(notes, what),
  };
  return replaceShortcodes(text, (tag) => find(tag) !== undefined, (shortcode) => find(shortcode.name)?.expand(shortcode, context) ?? null);
}
