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
export const isDraft = (p: ExtractedPost): boolean | null => (p.passwordProtected || (p.status !== null && p.status !== 'publish') ? true : null);
/** Categories and tags in one list, for generators with one kind of term. */
export const termNames = (p: ExtractedPost): Array<string | number> => [...p.categories, ...p.tags];

/**
 * wp-extract's own front matter keys, in order. Each generator's are in its target
 * (src/targets/). Null and empty-string values are left out (TOML has no null, and an empty
 * `excerpt:` helps no generator); lists are always written.
 */
export const DEFAULT_FIELDS: readonly FrontMatterField[] = Object.freeze([
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
] satisfies FrontMatterField[]);

/** The default keys, kept under their old name for the library API. */
export const FRONT_MATTER_FIELDS: readonly FrontMatterField[] = DEFAULT_FIELDS;

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

/** The front matter of a post under a table of keys (a target's). */
export function frontMatterOf(post: ExtractedPost, fields: readonly FrontMatterField[] = DEFAULT_FIELDS): FrontMatter {
  const values: Record<string, FrontMatterValue> = {};
  const dateKeys = new Set<string>();
  for (const field of fields) {
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
