import { WpExtractError, describeJsonType } from '../errors.js';
import { htmlToInlineText } from '../html/index.js';
import type { AuthorProfile, Comment, FeaturedImage, Footnote, MetaValue, Post, PostTerm } from '../post.js';
import { parseComments } from './comments.js';
import { seoOf } from './seo.js';
import { classPrefix, termLinks, type TermLink } from './terms.js';
import { decodeSlug, normalizeDate } from './values.js';

export { decodeSlug, normalizeDate } from './values.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for a WordPress REST error body: `{code, message, data: {status}}`. */
export function isWordPressError(value: unknown): value is { code: string; message: string; data?: unknown } {
  return isObject(value) && typeof value.code === 'string' && typeof value.message === 'string' && !('content' in value);
}

/** The HTTP status a WordPress error body carries, if any. */
export function wordPressErrorStatus(value: { data?: unknown }): number | undefined {
  const data = value.data;
  return isObject(data) && typeof data.status === 'number' ? data.status : undefined;
}

/** `WordPress error rest_no_route (HTTP 404): No route was found matching the URL and request method.` */
export function describeWordPressError(value: { code: string; message: string; data?: unknown }): string {
  const status = wordPressErrorStatus(value);
  const message = htmlToInlineText(value.message);
  return `WordPress error ${value.code}${status ? ` (HTTP ${status})` : ''}${message ? `: ${message}` : ''}`;
}

/** True when a JSON value looks like a post object of any type. */
export function isPostLike(value: unknown): value is Json {
  return isObject(value) && ('content' in value || 'title' in value) && ('id' in value || 'content' in value || 'slug' in value);
}

/** Names what a non-post JSON value seems to be, for error messages. */
export function describeNonPost(value: unknown): string {
  if (isWordPressError(value)) return describeWordPressError(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((item) => !isPostLike(item))) {
      const first = describeNonPost(value[0]);
      return `a list of ${value.length} item${value.length === 1 ? '' : 's'} that are not posts (the first is ${first.replace(/^WordPress error/, 'a WordPress error')})`;
    }
    return 'an array';
  }
  if (!isObject(value)) return describeJsonType(value);
  if ('avatar_urls' in value || ('name' in value && 'slug' in value && 'link' in value && !('title' in value)))
    return 'a user';
  if ('taxonomy' in value && 'name' in value) return 'a term';
  const keys = Object.keys(value).slice(0, 5);
  return keys.length === 0 ? 'an empty object' : `an object with ${keys.join(', ')}${Object.keys(value).length > 5 ? ', …' : ''}`;
}

/** What a post's parse may know of its site: its name, for SEO templates (`%%sitename%%`). */
export interface SiteContext {
  name?: string | null;
}

/**
 * Parses one REST post object into a Post. Unknown fields are ignored and missing ones
 * tolerated; a known field of the wrong type is an `E_FIELD` error naming the field.
 * `input` names the post in errors (`posts.json[3]`).
 */
export function parsePost(value: unknown, input?: string, site: SiteContext = {}): Post {
  if (!isPostLike(value)) {
    throw new WpExtractError('E_NOT_POST', `expected a WordPress post object, got ${describeNonPost(value)}`, {
      input,
    });
  }
  const field = new FieldReader(value, input);
  const embedded = isObject(value._embedded) ? value._embedded : {};
  const classList = field.stringArray('class_list');
  const taxonomies = termLinks(value);
  const fromClasses = classTerms(classList, taxonomies);
  const { named, cut } = completeTerms(embeddedTerms(embedded), fromClasses, taxonomies);
  const content = field.rendered('content');
  const excerpt = field.rendered('excerpt');
  const title = htmlToInlineText(field.rendered('title').html);
  const link = field.string('link');
  const slug = decodeSlug(field.string('slug') ?? '');
  const meta = metaOf(value);
  const seo = seoOf(meta, [value.yoast_head_json, value.aioseo_head_json], { title, excerpt: () => htmlToInlineText(excerpt.html), link, siteName: site.name ?? null });

  return {
    id: field.integer('id'),
    type: field.string('type') ?? 'post',
    slug,
    link,
    status: field.string('status'),
    title,
    date: normalizeDate(field.string('date_gmt')) ?? normalizeDate(field.string('date')),
    modified: normalizeDate(field.string('modified_gmt')) ?? normalizeDate(field.string('modified')),
    author: embeddedAuthor(embedded) ?? positive(field.integer('author')),
    ...authorSlugOf(embedded),
    categories: termNamesOf(named, fromClasses, 'category', field.idArray('categories')),
    tags: termNamesOf(named, fromClasses, 'post_tag', field.idArray('tags')),
    ...termSlugs(named, fromClasses),
    ...(cut.length > 0 ? { termsCut: cut } : {}),
    ...wpmlOf(value, field.integer('id')),
    ...pluginTermsOf(named),
    ...footnotesOf(value.meta),
    ...builderOf(value.meta),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
    ...(seo ? { seo } : {}),
    ...oldSlugsOf(meta, slug),
    featuredImage: featuredImage(value, embedded),
    ...originalsOf(value, embedded),
    format: field.string('format'),
    sticky: field.boolean('sticky') ?? false,
    parent: positive(field.integer('parent')),
    menuOrder: positive(field.integer('menu_order')),
    passwordProtected: content.protected || excerpt.protected,
    contentHtml: content.html,
    contentFormat: 'rendered',
    excerptHtml: excerpt.html,
    ...repliesOf(embedded),
  };
}

/** The comments `?_embed` brings (`_embedded.replies[0]`), when there are any. */
function repliesOf(embedded: Json): { comments?: Comment[] } {
  const replies = embedded.replies;
  if (!Array.isArray(replies) || !Array.isArray(replies[0])) return {};
  const comments = parseComments(replies[0]);
  return comments.length > 0 ? { comments } : {};
}

/** Reads typed fields, failing with the field's name when a present field has the wrong type. */
class FieldReader {
  constructor(
    private readonly object: Json,
    private readonly input: string | undefined,
  ) {}

  private fail(name: string, expected: string, got: unknown): never {
    throw new WpExtractError('E_FIELD', `field "${name}": expected ${expected}, got ${describeJsonType(got)}`, {
      input: this.input,
    });
  }

  string(name: string): string | null {
    const v = this.object[name];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string') this.fail(name, 'a string', v);
    return v;
  }

  integer(name: string): number | null {
    const v = this.object[name];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(name, 'an integer', v);
    return v;
  }

  boolean(name: string): boolean | null {
    const v = this.object[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'boolean') this.fail(name, 'a boolean', v);
    return v;
  }

  stringArray(name: string): string[] {
    const v = this.object[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(name, 'an array of strings', v);
    return v.filter((item): item is string => typeof item === 'string');
  }

  idArray(name: string): number[] {
    const v = this.object[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(name, 'an array of term ids', v);
    return v.filter((item): item is number => typeof item === 'number' && Number.isSafeInteger(item));
  }

  /** `{rendered, protected}` objects; a bare string is accepted too (some plugins flatten them). */
  rendered(name: string): { html: string; protected: boolean } {
    const v = this.object[name];
    if (v === undefined || v === null) return { html: '', protected: false };
    if (typeof v === 'string') return { html: v, protected: false };
    if (!isObject(v)) this.fail(name, 'an object with "rendered"', v);
    const html = v.rendered;
    if (html !== undefined && html !== null && typeof html !== 'string') this.fail(`${name}.rendered`, 'a string', html);
    return { html: html ?? '', protected: v.protected === true };
  }
}

const positive = (n: number | null): number | null => (n !== null && n > 0 ? n : null);

function firstEmbedded(embedded: Json, key: string): Json | null {
  const list = embedded[key];
  const item = Array.isArray(list) ? list[0] : undefined;
  // A failed embed is an error object in place of the item (sites that block /wp/v2/users).
  return isObject(item) && !isWordPressError(item) ? item : null;
}

/** The author's slug and profile (name, biography, website; a user's email is never read), when embedded. */
function authorSlugOf(embedded: Json): { authorSlug?: string; authorProfile?: AuthorProfile } {
  const author = firstEmbedded(embedded, 'author');
  const slug = author?.slug;
  if (!author || typeof slug !== 'string' || slug === '') return {};
  const text = (value: unknown): string => (typeof value === 'string' ? htmlToInlineText(value).trim() : '');
  const [name, description, url] = [text(author.name), text(author.description), text(author.url)];
  const profile: AuthorProfile = { slug: decodeSlug(slug), name: name || decodeSlug(slug), ...(description ? { description } : {}), ...(/^https?:\/\//.test(url) ? { url } : {}) };
  return { authorSlug: profile.slug, authorProfile: profile };
}

function embeddedAuthor(embedded: Json): string | null {
  const author = firstEmbedded(embedded, 'author');
  const name = author?.name;
  return typeof name === 'string' && name.trim() !== '' ? htmlToInlineText(name) : null;
}

/** A term as the post names it: its taxonomy, slug ('' when not said), name (null when not said) and archive address (when said). */
type NamedTerm = { taxonomy: string; slug: string; name: string | null; link?: string };

/** The terms `?_embed` brings (`_embedded['wp:term']`, one group per taxonomy). */
function embeddedTerms(embedded: Json): NamedTerm[] {
  const out: NamedTerm[] = [];
  const groups = embedded['wp:term'];
  for (const group of Array.isArray(groups) ? groups : []) {
    for (const term of Array.isArray(group) ? group : []) {
      if (!isObject(term) || typeof term.taxonomy !== 'string') continue;
      out.push({
        taxonomy: term.taxonomy,
        slug: typeof term.slug === 'string' ? decodeSlug(term.slug) : '',
        name: typeof term.name === 'string' ? htmlToInlineText(term.name) : null,
        ...(typeof term.link === 'string' && /^https?:\/\//.test(term.link) ? { link: term.link } : {}),
      });
    }
  }
  return out;
}

/**
 * The terms `class_list` names (`category-news`, `tag-canal`, a custom taxonomy's `genre-jazz`
 * when the post links to that taxonomy): slugs only, which stand for names too.
 */
function classTerms(classList: string[], links: readonly TermLink[]): PostTerm[] {
  const taxonomies = new Set(['category', 'post_tag', ...links.map((link) => link.taxonomy)]);
  return [...taxonomies].flatMap((taxonomy) => {
    const prefix = classPrefix(taxonomy);
    return classList.filter((c) => c.startsWith(prefix) && c.length > prefix.length).map((c) => ({ taxonomy, slug: decodeSlug(c.slice(prefix.length)), name: decodeSlug(c.slice(prefix.length)) }));
  });
}

/**
 * The embedded terms, each taxonomy whole: where `?_embed` cut a taxonomy short (fewer terms
 * than the post's ids), the slugs `class_list` names complete it; taxonomies neither can
 * complete are told (`cut`), for the run to say so once.
 */
function completeTerms(embedded: NamedTerm[], fromClasses: readonly PostTerm[], links: readonly TermLink[]): { named: NamedTerm[]; cut: string[] } {
  if (embedded.length === 0) return { named: embedded, cut: [] };
  const cut: string[] = [];
  const named = [...embedded];
  for (const link of links) {
    const have = embedded.filter((term) => term.taxonomy === link.taxonomy);
    if (link.ids.length <= have.length) continue;
    const classes = fromClasses.filter((term) => term.taxonomy === link.taxonomy);
    if (classes.length < link.ids.length) {
      cut.push(link.taxonomy);
      continue;
    }
    const slugs = new Set(have.map((term) => term.slug));
    named.push(...classes.filter((term) => !slugs.has(term.slug)));
  }
  return { named, cut };
}

/** A taxonomy's terms as the post shows them: embedded names, else `class_list` slugs, else the ids. */
function termNamesOf(embedded: readonly NamedTerm[], fromClasses: readonly PostTerm[], taxonomy: string, ids: number[]): Array<string | number> {
  const names = embedded.flatMap((t) => (t.taxonomy === taxonomy && t.name !== null ? [t.name] : []));
  if (names.length > 0) return names;
  const slugs = fromClasses.filter((t) => t.taxonomy === taxonomy).map((t) => t.slug);
  return slugs.length > 0 ? slugs : ids;
}

/** The terms whose slugs the post says (embedded terms, else `class_list`), for `--category` and `--tag`. */
function termSlugs(embedded: readonly NamedTerm[], fromClasses: readonly PostTerm[]): { terms?: PostTerm[] } {
  const withSlugs = embedded.flatMap((t) => (t.slug === '' ? [] : [{ taxonomy: t.taxonomy, slug: t.slug, name: t.name ?? t.slug, ...(t.link ? { link: t.link } : {}) }]));
  const out = withSlugs.length > 0 ? withSlugs : [...fromClasses];
  return out.length > 0 ? { terms: out } : {};
}

/**
 * A post's custom fields: its `meta` (what the REST API shows of it; an export's, whole) and its
 * ACF fields (`acf`, which ACF adds to REST responses), ACF's winning where both name a key.
 */
function metaOf(value: Json): Record<string, MetaValue> {
  const out: Record<string, MetaValue> = {};
  for (const source of [value.meta, value.acf]) {
    if (!isObject(source)) continue;
    for (const [key, item] of Object.entries(source)) if (item !== undefined) out[key] = item as MetaValue;
  }
  return out;
}

/** The slugs a post had before (`_wp_old_slug`: an export's meta, or a site's that shows it in REST), but its own. */
function oldSlugsOf(meta: Readonly<Record<string, MetaValue>>, slug: string): { oldSlugs?: string[] } {
  const value = meta._wp_old_slug;
  const slugs = (Array.isArray(value) ? value : [value]).filter((s): s is string => typeof s === 'string').map(decodeSlug);
  const old = [...new Set(slugs)].filter((s) => s !== '' && s !== slug);
  return old.length > 0 ? { oldSlugs: old } : {};
}

/**
 * What plugins keep as terms: co-authors (Co-Authors Plus' and PublishPress Authors' `author`
 * taxonomy; Co-Authors Plus names a guest or user `cap-SLUG`), and Polylang's language and
 * translation group.
 */
function pluginTermsOf(terms: readonly NamedTerm[]): Pick<Post, 'authors' | 'language' | 'translationKey'> {
  const authors = terms.filter((t) => t.taxonomy === 'author').map((t) => t.name ?? t.slug.replace(/^cap-/, ''));
  const language = terms.find((t) => t.taxonomy === 'language' && t.slug !== '')?.slug;
  const group = terms.find((t) => t.taxonomy === 'post_translations' && t.slug !== '')?.slug;
  return { ...(authors.length > 0 ? { authors } : {}), ...(language ? { language } : {}), ...(group ? { translationKey: group } : {}) };
}

/**
 * WPML's language and translations, as its REST fields give them (`wpml_current_locale`
 * `fr_FR`, `wpml_translations` [{id, locale}]): the language code, and a key its translations
 * share (the smallest id of the group).
 */
function wpmlOf(value: Json, id: number | null): Pick<Post, 'language' | 'translationKey'> {
  const locale = value.wpml_current_locale;
  if (typeof locale !== 'string' || locale === '') return {};
  const translations = Array.isArray(value.wpml_translations) ? value.wpml_translations : [];
  const ids = [id, ...translations.map((t) => (isObject(t) ? t.id : null))].filter((n): n is number => typeof n === 'number' && Number.isSafeInteger(n));
  const language = locale.split('_')[0]?.toLowerCase() ?? '';
  return { ...(language ? { language } : {}), ...(translations.length > 0 && ids.length > 0 ? { translationKey: `wpml-${Math.min(...ids)}` } : {}) };
}

/** Page builders that keep a page's content in post meta, the post's content being only their fallback. */
const BUILDERS: ReadonlyArray<[key: string, name: string]> = [
  ['_elementor_data', 'Elementor'],
  ['_fl_builder_data', 'Beaver Builder'],
];

/** The page builder whose data the post's meta holds (an export's), if any. */
function builderOf(meta: unknown): { builder?: string } {
  if (!isObject(meta)) return {};
  const found = BUILDERS.find(([key]) => typeof meta[key] === 'string' && /\w/.test(meta[key] as string) && meta[key] !== '[]');
  return found ? { builder: found[1] } : {};
}

/** The notes of the footnotes block, from the post's `footnotes` meta (a JSON list of `{id, content}`), when it has any. */
function footnotesOf(meta: unknown): { footnotes?: Footnote[] } {
  const text = isObject(meta) ? meta.footnotes : undefined;
  if (typeof text !== 'string' || text === '') return {};
  try {
    const list = JSON.parse(text) as unknown;
    const notes = Array.isArray(list) ? list.filter((n): n is Footnote => isObject(n) && typeof n.id === 'string' && typeof n.content === 'string').map(({ id, content }) => ({ id, content })) : [];
    return notes.length > 0 ? { footnotes: notes } : {};
  } catch {
    return {};
  }
}

/** The file as uploaded of a media item (REST media): its `original_image` beside its `source_url`, else the `source_url`. */
function originalOf(media: Json): string | null {
  const url = media.source_url;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return null;
  const details = isObject(media.media_details) ? media.media_details : {};
  const original = details.original_image;
  return typeof original === 'string' && /^[^/?#\\]+$/.test(original) ? url.replace(/[^/]+$/, encodeURIComponent(original)) : url;
}

/**
 * The original uploads of the post's media: the featured image's and those of
 * `_embedded['wp:attachment']` (what a crawl with `--image-size full` fetches for the
 * `wp-image-ID` the content shows, and an export's attachments), by id.
 */
function originalsOf(post: Json, embedded: Json): { originals?: Record<string, string>; featuredId?: number } {
  const out: Record<string, string> = {};
  const groups = embedded['wp:attachment'];
  const media = [...(Array.isArray(groups) && Array.isArray(groups[0]) ? groups[0] : []), firstEmbedded(embedded, 'wp:featuredmedia')];
  for (const item of media) {
    // The first word on an id is the fullest: the media items', then the embedded featured image's.
    const original = isObject(item) && typeof item.id === 'number' && !Object.hasOwn(out, String(item.id)) ? originalOf(item) : null;
    if (original && isObject(item)) out[String(item.id)] = original;
  }
  const featured = typeof post.featured_media === 'number' && post.featured_media > 0 ? { featuredId: post.featured_media } : {};
  return Object.keys(out).length > 0 ? { originals: out, ...featured } : featured;
}

function featuredImage(post: Json, embedded: Json): FeaturedImage | null {
  const media = firstEmbedded(embedded, 'wp:featuredmedia');
  if (media && typeof media.source_url === 'string' && media.source_url !== '') {
    return { url: media.source_url, alt: typeof media.alt_text === 'string' ? media.alt_text : '' };
  }
  const yoast = post.yoast_head_json;
  if (isObject(yoast) && Array.isArray(yoast.og_image)) {
    const og = yoast.og_image[0];
    if (isObject(og) && typeof og.url === 'string' && og.url !== '') {
      return { url: og.url, alt: typeof og.alt === 'string' ? og.alt : '' };
    }
  }
  const jetpack = post.jetpack_featured_media_url;
  if (typeof jetpack === 'string' && jetpack !== '') return { url: jetpack, alt: '' };
  return null;
}
