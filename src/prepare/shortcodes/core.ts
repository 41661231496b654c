import { escapeAttribute } from '../../html/index.js';
import type { Attachment } from '../../post.js';
import { WIDGET_SHORTCODE } from '../widgets.js';
import { embed } from './embeds.js';
import type { ShortcodeContext, ShortcodeHandler, ShortcodeMatch } from './types.js';

/** WordPress's own shortcodes, as media.php renders them (without the players' HTML). */
const CORE: Readonly<Record<string, (code: ShortcodeMatch, context: ShortcodeContext) => string | null>> = {
  caption: (code) => caption(code),
  wp_caption: (code) => caption(code),
  gallery: (code, context) => gallery(code, context.post.attachments ?? [], context),
  embed: (code) => embed((code.content ?? code.attrs.src ?? '').trim()),
  video: (code) => media(code),
  audio: (code) => media(code),
  playlist: (code, context) => playlist(code, context.post.attachments ?? []) || null,
};

export const core: ShortcodeHandler = {
  name: 'core',
  description: "WordPress's [caption], [gallery] (from the export's attachments; one whose images are not there is left out and counted), [embed], [video], [audio], [playlist]",
  matches: (tag) => Object.hasOwn(CORE, tag),
  expand: (code, context) => CORE[code.name]?.(code, context) ?? null,
};

/** Widget plugins' shortcodes (Booster Extension's, share and rating boxes): chrome, removed. */
export const widgets: ShortcodeHandler = {
  name: 'widgets',
  description: "widget plugins' shortcodes (Booster Extension, sharing, ratings, related posts) removed",
  matches: (tag) => WIDGET_SHORTCODE.test(tag),
  expand: () => '',
};

function caption(code: ShortcodeMatch): string {
  let content = code.content ?? '';
  let text = code.attrs.caption ?? '';
  if (text === '') {
    // The caption is what follows the image (and the link around it).
    const image = /^\s*((?:<a [^>]*>\s*)?<img [^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
    if (image) [content, text] = [image[1] ?? '', (image[2] ?? '').trim()];
  }
  const id = code.attrs.id ? ` id="${escapeAttribute(code.attrs.id)}"` : '';
  const align = escapeAttribute(code.attrs.align ?? 'alignnone');
  return `<figure${id} class="wp-caption ${align}">${content.trim()}<figcaption class="wp-caption-text">${text}</figcaption></figure>`;
}

function gallery(code: ShortcodeMatch, attachments: readonly Attachment[], context: ShortcodeContext): string {
  const ids = (code.attrs.ids ?? code.attrs.include ?? '').split(',').map((id) => Number(id.trim())).filter((id) => id > 0);
  const shown = ids.length > 0 ? ids.map((id) => attachments.find((a) => a.id === id)).filter((a): a is Attachment => a !== undefined) : attachments;
  // None of its images is in the export: nothing is invented, and the run says how to get them.
  if (shown.length === 0) {
    context.note('gallery left out: its images are not in the export');
    return '';
  }
  const columns = Number(code.attrs.columns ?? 3) || 3;
  const items = shown.map((a) => {
    const image = `<img src="${escapeAttribute(a.url)}" alt="${escapeAttribute(a.alt)}">`;
    const linked = code.attrs.link === 'none' ? image : `<a href="${escapeAttribute(code.attrs.link === 'file' || !a.link ? a.url : a.link)}">${image}</a>`;
    const text = a.caption.trim() === '' ? '' : `<figcaption class="wp-caption-text gallery-caption">${a.caption}</figcaption>`;
    return `<figure class="gallery-item"><div class="gallery-icon">${linked}</div>${text}</figure>`;
  });
  return `<div class="gallery gallery-columns-${columns}">${items.join('')}</div>`;
}

function media(code: ShortcodeMatch): string {
  const formats = code.name === 'video' ? ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv'] : ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac'];
  const src = formats.map((f) => code.attrs[f]).find((v) => v !== undefined && v !== '') ?? (code.content ?? '').trim();
  return src === '' ? '' : `<${code.name} controls src="${escapeAttribute(src)}"></${code.name}>`;
}

function playlist(code: ShortcodeMatch, attachments: readonly Attachment[]): string {
  const ids = (code.attrs.ids ?? '').split(',').map((id) => Number(id.trim()));
  const tag = code.attrs.type === 'video' ? 'video' : 'audio';
  return ids
    .map((id) => attachments.find((a) => a.id === id))
    .filter((a): a is Attachment => a !== undefined)
    .map((a) => `<${tag} controls src="${escapeAttribute(a.url)}"></${tag}>`)
    .join('\n');
}
