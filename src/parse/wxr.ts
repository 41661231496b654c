import { WpExtractError } from '../errors.js';
import type { Attachment, MetaValue, Post } from '../post.js';
import type { WxrItem, WxrSite } from '../read/wxr.js';
import { isSerialized, PhpValueError, unserialize } from './php.js';
import { parsePost } from './post.js';

/** The attachments of an export, by id, for featured images and galleries. */
export type Attachments = ReadonlyMap<number, Attachment>;

/** An attachment item as what posts need of it. */
export function attachmentOf(item: WxrItem): Attachment | null {
  const id = Number(item.fields['wp:post_id']);
  const url = item.fields['wp:attachment_url']?.trim() ?? '';
  if (!Number.isSafeInteger(id) || url === '') return null;
  return {
    id,
    url,
    link: item.fields.link?.trim() ?? '',
    alt: item.meta.get('_wp_attachment_image_alt')?.[0] ?? '',
    caption: item.fields['excerpt:encoded'] ?? '',
    parent: Number(item.fields['wp:post_parent'] ?? 0) || 0,
    order: Number(item.fields['wp:menu_order'] ?? 0) || 0,
    ...originalOf(item.meta.get('_wp_attachment_metadata')?.[0], url),
  };
}

/** The file as uploaded of a `-scaled` attachment, from its metadata's `original_image` (a file name beside it). */
function originalOf(metadata: string | undefined, url: string): { original?: string } {
  if (metadata === undefined || !isSerialized(metadata)) return {};
  try {
    const value = unserialize(metadata);
    const name = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.original_image : undefined;
    return typeof name === 'string' && /^[^/?#\\]+$/.test(name) ? { original: url.replace(/[^/]+$/, encodeURIComponent(name)) } : {};
  } catch {
    return {};
  }
}

/** The attachments a content shows (`wp-image-ID`) and the featured one, as REST media for `_embedded['wp:attachment']`. */
function shownMedia(content: string, thumbnail: Attachment | undefined, attachments: Attachments): Array<Record<string, unknown>> {
  const ids = new Set([...content.matchAll(/\bwp-image-(\d+)\b/g)].map((m) => Number(m[1])));
  if (thumbnail) ids.add(thumbnail.id);
  return [...ids].flatMap((id) => {
    const attachment = attachments.get(id);
    if (!attachment) return [];
    const name = attachment.original?.split('/').pop();
    return [{ id, source_url: attachment.url, media_details: name ? { original_image: decodeURIComponent(name) } : {} }];
  });
}

/** Items an export holds that are not posts of any kind. */
export const NOT_POSTS = new Set(['attachment', 'nav_menu_item', 'revision', 'customize_changeset', 'custom_css', 'oembed_cache', 'user_request', 'wp_global_styles', 'wp_navigation', 'wp_template', 'wp_template_part', 'wp_font_family', 'wp_font_face']);

/** `2024-01-03 10:00:00` → REST's `2024-01-03T10:00:00`; the zero date → null. */
function restDate(value: string | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' || v.startsWith('0000') ? null : v.replace(' ', 'T');
}

/** An approved comment, not a pingback or trackback (WordPress's `comment_approved` is `1`, `0`, `spam` or `trash`). */
const isApproved = (c: Record<string, string>): boolean =>
  c['wp:comment_approved'] === '1' && ['', 'comment'].includes(c['wp:comment_type'] ?? '');

/** An export's comment as the REST API lists it; its text stays raw, like the post's. */
function restComment(c: Record<string, string>): Record<string, unknown> {
  return {
    id: Number(c['wp:comment_id']),
    parent: Number(c['wp:comment_parent'] ?? 0) || 0,
    author_name: c['wp:comment_author'] ?? '',
    date: restDate(c['wp:comment_date']),
    date_gmt: restDate(c['wp:comment_date_gmt']),
    content: { rendered: c['wp:comment_content'] ?? '' },
  };
}

/** An item's terms as `?_embed` groups them, a group per taxonomy: categories, tags, then the others in the order they come. */
function termGroups(item: WxrItem, site: WxrSite): Array<Array<{ taxonomy: string; slug: string; name: string }>> {
  const domains = ['category', 'post_tag', ...new Set(item.terms.map((t) => t.domain).filter((d) => d !== 'category' && d !== 'post_tag' && d !== 'post_format'))];
  // Co-Authors Plus names an author term by the user's login: the export's authors give the display name.
  const nameOf = (domain: string, name: string): string => (domain === 'author' ? (site.authors.get(name)?.displayName ?? name) : name);
  return domains.map((domain) => item.terms.filter((t) => t.domain === domain).map((t) => ({ taxonomy: domain, slug: t.nicename, name: nameOf(domain, t.name) })));
}

/** The `[gallery]` and `[playlist]` shortcodes of a content, and the attachments they show: listed ids, or the post's own. */
function shownAttachments(content: string, postId: number, attachments: Attachments): Attachment[] {
  const wanted = new Map<number, Attachment>();
  for (const match of content.matchAll(/\[(?:gallery|playlist)\b([^\]]*)\]/g)) {
    const ids = /\b(?:ids|include)\s*=\s*["']?([\d,\s]+)/.exec(match[1] ?? '')?.[1];
    const list = ids
      ? ids.split(',').map((id) => attachments.get(Number(id.trim())))
      : [...attachments.values()].filter((a) => a.parent === postId).sort((a, b) => a.order - b.order || a.id - b.id);
    for (const attachment of list) if (attachment) wanted.set(attachment.id, attachment);
  }
  return [...wanted.values()];
}

/**
 * An item's post meta as the REST API shows registered meta: a key's value, or its values when
 * it has several; PHP-serialized values read into lists and maps (see php.ts). A value that
 * cannot be read safely is left out, and its key told.
 */
function readMeta(meta: ReadonlyMap<string, string[]>): { values: Record<string, MetaValue>; refused: string[] } {
  const values: Record<string, MetaValue> = {};
  const refused: string[] = [];
  for (const [key, texts] of meta) {
    try {
      const read = texts.map((text) => (isSerialized(text) ? unserialize(text) : text));
      values[key] = read.length === 1 ? (read[0] as MetaValue) : read;
    } catch (error) {
      if (!(error instanceof PhpValueError)) throw error;
      refused.push(key);
    }
  }
  return { values, refused };
}

/**
 * A WXR item as the same typed post the REST path gives: the fields mapped to a REST object
 * (with `_embedded` author, terms and featured image, as `?_embed` gives them) and read by the
 * REST parser, so that both inputs print the same front matter. The content stays raw
 * (`post_content`), for the prepare stage. A password-protected post's content and excerpt are
 * left out, as the REST API leaves them out, unless `protectedContent` asks for them.
 */
export function wxrPost(item: WxrItem, site: WxrSite, attachments: Attachments, input: string, protectedContent = false): Post {
  const f = item.fields;
  const id = Number(f['wp:post_id']);
  if (!Number.isSafeInteger(id)) throw new WpExtractError('E_FIELD', `field "wp:post_id": expected an integer, got "${f['wp:post_id'] ?? ''}"`, { input });
  const locked = (f['wp:post_password'] ?? '') !== '';
  const hide = locked && !protectedContent;
  const content = hide ? '' : (f['content:encoded'] ?? '');
  const login = f['dc:creator'] ?? '';
  const thumbnail = attachments.get(Number(item.meta.get('_thumbnail_id')?.[0]));
  const format = item.terms.find((t) => t.domain === 'post_format')?.nicename.replace(/^post-format-/, '');
  const type = f['wp:post_type'] || 'post';
  const meta = readMeta(item.meta);
  const rest = {
    id,
    type,
    slug: f['wp:post_name'] ?? '',
    link: f.link?.trim() || null,
    status: f['wp:status'] || null,
    date: restDate(f['wp:post_date']),
    date_gmt: restDate(f['wp:post_date_gmt']),
    modified: restDate(f['wp:post_modified']),
    modified_gmt: restDate(f['wp:post_modified_gmt']),
    title: { rendered: f.title ?? '' },
    content: { rendered: content, protected: locked },
    excerpt: { rendered: hide ? '' : (f['excerpt:encoded'] ?? ''), protected: locked },
    sticky: f['wp:is_sticky'] === '1',
    featured_media: thumbnail?.id ?? 0,
    parent: Number(f['wp:post_parent'] ?? 0) || null,
    menu_order: Number(f['wp:menu_order'] ?? 0) || null,
    format: format ?? (type === 'post' ? 'standard' : null),
    // Every custom field, as the REST API would show it registered (the footnotes block's notes, which its render callback prints, among them).
    meta: meta.values,
    _embedded: {
      author: login ? [{ name: site.authors.get(login)?.displayName ?? login, slug: login }] : [],
      'wp:term': termGroups(item, site),
      'wp:featuredmedia': thumbnail ? [{ id: thumbnail.id, source_url: thumbnail.url, alt_text: thumbnail.alt }] : [],
      'wp:attachment': [shownMedia(content, thumbnail, attachments)],
      replies: [item.comments.filter(isApproved).map(restComment)],
    },
  };
  const post = parsePost(rest, input, { name: site.name });
  const shown = shownAttachments(content, id, attachments);
  return {
    ...post,
    contentFormat: 'raw',
    ...(shown.length > 0 ? { attachments: shown } : {}),
    ...(meta.refused.length > 0 ? { metaRefused: meta.refused } : {}),
  };
}
