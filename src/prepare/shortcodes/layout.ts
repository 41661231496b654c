import { escapeAttribute, escapeText } from '../../html/index.js';
import type { ShortcodeContext, ShortcodeHandler, ShortcodeMatch } from './types.js';

/**
 * Layout and interface shortcodes of themes, Shortcodes Ultimate (`su_`), Meks (`mks_`) and the
 * page builders Divi (`et_pb_`), WPBakery (`vc_`) and Avada (`fusion_`): a static page shows
 * their content, so they are unwrapped; a button is its link; a toggle, tab, accordion item or
 * titled box keeps its title before its content; icons, spacers and dividers leave nothing.
 */
const FAMILY = /^(su|mks|et_pb|vc|fusion|fusion_builder|ux|tm|thb|cs|x|av|tie|wpb|td|otw|symple|wpex)_[\w-]+$/i;
const THEME = new Set([
  'one_half', 'one_half_last', 'one_third', 'one_third_last', 'two_third', 'two_third_last', 'two_thirds', 'two_thirds_last', 'one_fourth',
  'one_fourth_last', 'three_fourth', 'three_fourth_last', 'three_fourths', 'one_fifth', 'one_fifth_last', 'two_fifth', 'three_fifth', 'four_fifth',
  'one_sixth', 'one_sixth_last', 'five_sixth', 'column', 'columns', 'col', 'row', 'container', 'section', 'wrapper', 'box', 'alert', 'notice',
  'tabs', 'tab', 'tabgroup', 'toggle', 'toggles', 'accordion', 'accordions', 'accordion_item', 'spoiler', 'button', 'btn', 'highlight',
  'dropcap', 'clear', 'clearfix', 'divider', 'separator', 'spacer', 'space', 'gap', 'icon', 'hr', 'br', 'fa',
]);

/** The last part of a tag (`su_button` → `button`, `et_pb_toggle` → `toggle`, `mks_one_third` → `one_third`). */
const kindOf = (tag: string): string => tag.toLowerCase().replace(/^(su|mks|et_pb|vc|fusion_builder|fusion|ux|tm|thb|cs|x|av|tie|wpb|td|otw|symple|wpex)_/, '');

const NOTHING = /^(icon|icons|fa|spacer|space|gap|empty_space|divider|separator|sep|line|hr|br|clear|clearfix|social|social_icons|share|sharing|animation|progress_bar|counter|countdown|map|gmap|google_map|slider|rev_slider|carousel|menu)$/;
const BUTTON = /^(button|btn|cta_button|link_button)$/;
const INLINE = /^(highlight|dropcap|tooltip|label|abbr|span|font|color|mark|badge|lead|shadow|permalink|text)$/;
const TITLED = /^(toggle|tab|accordion_item|accordion_section|spoiler|box|note|alert|notice|blurb|panel|faq|question)$/;

const first = (code: ShortcodeMatch, names: string[]): string => names.map((n) => code.attrs[n]).find((v) => v !== undefined && v.trim() !== '')?.trim() ?? '';

/** WPBakery writes a link as `url:…|title:…|target:…`, URL-encoded. */
function linkOf(code: ShortcodeMatch): string {
  const raw = first(code, ['url', 'link', 'href', 'button_url', 'target_url']);
  const vc = /(?:^|\|)url:([^|]*)/.exec(raw)?.[1];
  const address = vc !== undefined ? decodeURIComponent(vc) : raw;
  return /^(https?:|mailto:|\/|#)/i.test(address) ? address : '';
}

function button(code: ShortcodeMatch, context: ShortcodeContext): string {
  const text = context.expand(code.content ?? '').trim() || escapeText(first(code, ['text', 'title', 'button_text', 'label']));
  const href = linkOf(code);
  if (text === '') return '';
  return href === '' ? `<p>${text}</p>` : `<p><a href="${escapeAttribute(href)}">${text}</a></p>`;
}

function titled(code: ShortcodeMatch, context: ShortcodeContext): string {
  const title = first(code, ['title', 'heading', 'label', 'name', 'question']);
  const body = context.expand(code.content ?? '');
  return `${title === '' ? '' : `<p><strong>${escapeText(title)}</strong></p>`}${body}`;
}

export const layout: ShortcodeHandler = {
  name: 'layout',
  description: 'layout and interface shortcodes (themes, Shortcodes Ultimate, Meks, Divi, WPBakery, Avada) unwrapped to their content; a button its link; a toggle or tab keeps its title; icons and spacers leave nothing',
  matches: (tag) => FAMILY.test(tag) || THEME.has(tag.toLowerCase()),
  expand: (code, context) => {
    const kind = kindOf(code.name);
    if (NOTHING.test(kind)) return '';
    if (BUTTON.test(kind)) return button(code, context);
    if (TITLED.test(kind)) return titled(code, context);
    if (kind === 'image' || kind === 'single_image' || kind === 'imageframe') {
      const src = first(code, ['src', 'image', 'url']);
      return /^https?:\/\//i.test(src) ? `<p><img src="${escapeAttribute(src)}" alt="${escapeAttribute(first(code, ['alt', 'title']))}"></p>` : context.expand(code.content ?? '');
    }
    if (kind === 'custom_heading' || kind === 'heading' || kind === 'title') {
      const text = first(code, ['text', 'title']) || '';
      return text === '' ? context.expand(code.content ?? '') : `<h2>${escapeText(text)}</h2>`;
    }
    // A column, row or box is a block of its own (its plugin prints a <div>); a highlight is words.
    const inner = context.expand(code.content ?? '');
    return INLINE.test(kind) || inner.trim() === '' ? inner : `<div>${inner}</div>`;
  },
};
