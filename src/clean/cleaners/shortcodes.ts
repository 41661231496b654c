import { allNodes } from '../../html/index.js';
import type { Text } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, inside } from '../util.js';
import { looksLikeShortcode, WIDGET_SHORTCODE } from '../../prepare/widgets.js';

/** Shortcodes from core and the most common plugins, recognised even without attributes. */
const KNOWN = new Set([
  'audio', 'caption', 'embed', 'gallery', 'playlist', 'video', 'wp_caption',
  'contact-form', 'contact-form-7', 'ninja_form', 'gravityform', 'wpforms', 'mc4wp_form',
  'vc_row', 'vc_column', 'vc_column_text', 'et_pb_section', 'et_pb_row', 'et_pb_column', 'et_pb_text',
  'fusion_builder_container', 'su_button', 'toc', 'ez-toc', 'rev_slider', 'instagram-feed', 'products', 'product',
]);

const SHORTCODE = /\[(\/)?([A-Za-z][\w-]*)((?:\s+[^\]]*)?)(\/)?\]/g;

/**
 * Whether `[name ...]` is a shortcode WordPress left unexpanded rather than prose in brackets
 * (`[sic]`, `[1]`): a closing tag, a known name, or what {@link looksLikeShortcode} says.
 */
function isShortcode(match: RegExpMatchArray, text: string): boolean {
  const [, closing, name = '', attributes = ''] = match;
  return closing !== undefined || KNOWN.has(name.toLowerCase()) || looksLikeShortcode(name, attributes, text.includes(`[/${name}]`));
}

const PRESERVE: ReadonlySet<string> = new Set(['pre', 'code', 'kbd', 'samp', 'textarea']);
/** The run's line about shortcodes left as text (see RunReport). */
export const LEFT = 'shortcodes left as text';
/** How the removed widget shortcodes are counted (for --verbose; they are no warning). */
const WIDGETS = 'widget shortcodes removed';

/**
 * Leftover shortcodes: literal `[name ...]` text that WordPress did not expand (the plugin
 * that defined it is gone). Kept by default and counted in a warning; removed with
 * `--shortcodes strip` (the text between an opening and a closing tag stays). A widget
 * plugin's shortcode (Booster Extension's, a share box's) is chrome, and always removed.
 */
export const shortcodes: Cleaner = {
  name: 'shortcodes',
  description: 'count unexpanded [shortcodes] for a warning; remove them with --shortcodes strip',
  clean({ $, shortcodes: mode }) {
    const counts: CleanCounts = new Map();
    allNodes($).forEach((node) => {
      if (node.type !== 'text' || !node.data.includes('[')) return;
      if (inside(node, PRESERVE)) return;
      const text = (node as Text).data;
      let kept = '';
      let last = 0;
      for (const match of text.matchAll(SHORTCODE)) {
        if (!isShortcode(match, text)) continue;
        const widget = WIDGET_SHORTCODE.test(match[2] ?? '');
        if (!match[1]) count(counts, widget ? WIDGETS : `[${match[2] ?? ''}]`);
        if (mode === 'strip' || widget) {
          kept += text.slice(last, match.index);
          last = (match.index ?? 0) + match[0].length;
        }
      }
      if (last > 0) (node as Text).data = kept + text.slice(last);
    });
    return counts;
  },
  warning(counts, { shortcodes: mode }) {
    if (mode === 'strip') return undefined;
    const left = [...counts].filter(([name]) => name !== WIDGETS);
    if (left.length === 0) return undefined;
    const total = left.reduce((a, [, n]) => a + n, 0);
    const names = left.map(([name]) => name).join(', ');
    return `${total} unexpanded shortcode${total === 1 ? '' : 's'} left: ${names} (--shortcodes strip removes them)`;
  },
  tally(counts, { shortcodes: mode }) {
    if (mode === 'strip') return undefined;
    const left = [...counts].filter(([name]) => name !== WIDGETS);
    return left.length === 0 ? undefined : new Map(left.map(([name, n]) => [`${LEFT}: ${name}`, n]));
  },
};
