import type { ExtractedPost } from '../post.js';
import { decodeSlug } from '../parse/values.js';
import { commentRecord } from './comments.js';

/** A named output field and how to get it from a post. */
export interface Field<T> {
  name: string;
  get(post: ExtractedPost): T;
}

type Scalar = string | number | boolean | null;
export type FrontMatterValue = Scalar | Array<string | number>;

/** A front-matter field: its key, how to get it, and whether it is an instant. */
export interface FrontMatterField extends Field<FrontMatterValue> {
  /** Written as a YAML/TOML timestamp rather than a string. */
  date?: boolean;
}

/** Not to be published by a generator: not published on WordPress, or behind a password there. */
const isDraft = (p: ExtractedPost): boolean | null => (p.passwordProtected || (p.status !== null && p.status !== 'publish') ? true : null);
const termNames = (p: ExtractedPost): Array<string | number> => [...p.categories, ...p.tags];

/**
 * Front matter schemes, each a table of fields in order: wp-extract's own, and the keys the
 * static site generators people migrate to read. Null and empty-string values are left out
 * (TOML has no null, and an empty `excerpt:` helps no generator); lists are always written.
 */
export const FRONT_MATTER_SCHEMES = Object.freeze({
  /** wp-extract's own keys. */
  default: [
    { name: 'title', get: (p) => p.title },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'modified', get: (p) => p.modified, date: true },
    { name: 'slug', get: (p) => p.slug },
    { name: 'link', get: (p) => p.link },
    { name: 'id', get: (p) => p.id },
    { name: 'author', get: (p) => p.author },
    { name: 'categories', get: (p) => p.categories },
    { name: 'tags', get: (p) => p.tags },
    { name: 'excerpt', get: (p) => p.excerpt },
    { name: 'featured_image', get: (p) => p.featuredImage?.url ?? null },
    { name: 'featured_image_alt', get: (p) => p.featuredImage?.alt ?? null },
    { name: 'parent', get: (p) => p.parent },
    { name: 'menu_order', get: (p) => p.menuOrder },
    { name: 'password_protected', get: (p) => (p.passwordProtected ? true : null) },
  ],
  /** Jekyll (and jekyll-seo-tag, jekyll-last-modified-at). */
  jekyll: [
    { name: 'title', get: (p) => p.title },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'last_modified_at', get: (p) => p.modified, date: true },
    { name: 'slug', get: (p) => p.slug },
    { name: 'author', get: (p) => p.author },
    { name: 'categories', get: (p) => p.categories },
    { name: 'tags', get: (p) => p.tags },
    { name: 'excerpt', get: (p) => p.excerpt },
    { name: 'image', get: (p) => p.featuredImage?.url ?? null },
    { name: 'published', get: (p) => (isDraft(p) ? false : null) },
    { name: 'wordpress_id', get: (p) => p.id },
    { name: 'permalink', get: sitePath },
    // A post's text is not a template: `{{ }}` in it is text.
    { name: 'render_with_liquid', get: () => false },
  ],
  /** Hugo's predefined front matter keys. */
  hugo: [
    { name: 'title', get: (p) => p.title },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'lastmod', get: (p) => p.modified, date: true },
    { name: 'slug', get: (p) => p.slug },
    { name: 'draft', get: isDraft },
    { name: 'author', get: (p) => p.author },
    { name: 'categories', get: (p) => p.categories },
    { name: 'tags', get: (p) => p.tags },
    { name: 'summary', get: (p) => p.excerpt },
    { name: 'images', get: (p) => (p.featuredImage ? [p.featuredImage.url] : null) },
    { name: 'url', get: sitePath },
  ],
  /** Astro's blog starter content collection schema. */
  astro: [
    { name: 'title', get: (p) => p.title },
    { name: 'description', get: (p) => p.excerpt },
    { name: 'pubDate', get: (p) => p.date, date: true },
    { name: 'updatedDate', get: (p) => p.modified, date: true },
    { name: 'heroImage', get: (p) => p.featuredImage?.url ?? null },
    { name: 'tags', get: termNames },
    { name: 'draft', get: isDraft },
    // The entry's slug is its old path (`2024/01/03/beta`), for a `[...slug]` route.
    { name: 'slug', get: (p) => sitePath(p)?.replace(/^\/|\/$/g, '') || null },
  ],
  /** Eleventy's data cascade. */
  eleventy: [
    { name: 'title', get: (p) => p.title },
    { name: 'description', get: (p) => p.excerpt },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'tags', get: termNames },
    { name: 'image', get: (p) => p.featuredImage?.url ?? null },
    { name: 'draft', get: isDraft },
    // A draft is not written at all; a post is served at its old address.
    { name: 'permalink', get: (p) => (isDraft(p) ? false : sitePath(p)) },
    { name: 'eleventyExcludeFromCollections', get: (p) => (isDraft(p) ? true : null) },
    // A post's text is not a template: `{{ }}` and `{% %}` in it are text.
    { name: 'templateEngineOverride', get: () => 'md' },
  ],
} satisfies Record<string, FrontMatterField[]>);

export type FrontMatterScheme = keyof typeof FRONT_MATTER_SCHEMES;

/** The default scheme, kept under its old name for the library API. */
export const FRONT_MATTER_FIELDS: readonly FrontMatterField[] = FRONT_MATTER_SCHEMES.default;

/** Whether a permalink is a query (`?p=123`, `?page_id=5`: plain permalinks), which a static site cannot serve. */
export function isQueryPermalink(link: string | null): boolean {
  if (!link) return false;
  try {
    return new URL(link).search !== '';
  } catch {
    return false;
  }
}

/**
 * Where a generator serves a post: the path of its WordPress permalink, so that old addresses
 * keep working (`/2024/01/03/beta/`, a page under its parent `/about/team/`), percent-decoded;
 * `/SLUG/` when the permalink is a query, which a static path cannot be.
 */
export function sitePath(post: Pick<ExtractedPost, 'link' | 'slug' | 'id'>): string | null {
  const slug = post.slug || (post.id !== null ? String(post.id) : '');
  if (!post.link || isQueryPermalink(post.link)) return slug ? `/${slug}/` : null;
  try {
    return new URL(post.link).pathname.split('/').map(decodeSlug).join('/');
  } catch {
    return slug ? `/${slug}/` : null;
  }
}

/** Front matter of a post: the ordered values, and which keys hold instants. */
export interface FrontMatter {
  values: Record<string, FrontMatterValue>;
  dateKeys: ReadonlySet<string>;
}

/** The front matter of a post under a scheme. */
export function frontMatterOf(post: ExtractedPost, scheme: FrontMatterScheme = 'default'): FrontMatter {
  const values: Record<string, FrontMatterValue> = {};
  const dateKeys = new Set<string>();
  for (const field of FRONT_MATTER_SCHEMES[scheme] as readonly FrontMatterField[]) {
    const value = field.get(post);
    if (value === null || value === '') continue;
    values[field.name] = value;
    if (field.date) dateKeys.add(field.name);
  }
  return { values, dateKeys };
}

/** The JSON record of a post: every parsed field, then `html` and `markdown`. Key order is fixed. */
export const JSON_FIELDS: ReadonlyArray<Field<unknown>> = Object.freeze([
  { name: 'id', get: (p) => p.id },
  { name: 'type', get: (p) => p.type },
  { name: 'slug', get: (p) => p.slug },
  { name: 'link', get: (p) => p.link },
  { name: 'status', get: (p) => p.status },
  { name: 'title', get: (p) => p.title },
  { name: 'date', get: (p) => p.date },
  { name: 'modified', get: (p) => p.modified },
  { name: 'author', get: (p) => p.author },
  { name: 'categories', get: (p) => p.categories },
  { name: 'tags', get: (p) => p.tags },
  { name: 'excerpt', get: (p) => p.excerpt },
  { name: 'featured_image', get: (p) => (p.featuredImage ? { url: p.featuredImage.url, alt: p.featuredImage.alt } : null) },
  { name: 'format', get: (p) => p.format },
  { name: 'sticky', get: (p) => p.sticky },
  { name: 'parent', get: (p) => p.parent },
  { name: 'menu_order', get: (p) => p.menuOrder },
  { name: 'password_protected', get: (p) => p.passwordProtected },
  { name: 'html', get: (p) => p.html },
  { name: 'markdown', get: (p) => p.markdown },
  // Only with --comments (undefined leaves the key out).
  { name: 'comments', get: (p) => p.comments?.map(commentRecord) },
]);

export function jsonRecordOf(post: ExtractedPost): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of JSON_FIELDS) {
    const value = field.get(post);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}
