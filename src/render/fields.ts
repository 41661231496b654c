import type { ExtractedPost } from '../post.js';

/** A named output field and how to get it from a post. */
export interface Field<T> {
  name: string;
  get(post: ExtractedPost): T;
}

type Scalar = string | number | boolean | null;
type FrontMatterValue = Scalar | Array<string | number>;

/**
 * Front matter, in this order. Null and empty-string values are left out (TOML has no null,
 * and an empty `excerpt:` helps no generator); lists are always written.
 */
export const FRONT_MATTER_FIELDS: ReadonlyArray<Field<FrontMatterValue>> = Object.freeze([
  { name: 'title', get: (p) => p.title },
  { name: 'date', get: (p) => p.date },
  { name: 'modified', get: (p) => p.modified },
  { name: 'slug', get: (p) => p.slug },
  { name: 'link', get: (p) => p.link },
  { name: 'id', get: (p) => p.id },
  { name: 'author', get: (p) => p.author },
  { name: 'categories', get: (p) => p.categories },
  { name: 'tags', get: (p) => p.tags },
  { name: 'excerpt', get: (p) => p.excerpt },
  { name: 'featured_image', get: (p) => p.featuredImage?.url ?? null },
  { name: 'featured_image_alt', get: (p) => p.featuredImage?.alt ?? null },
]);

/** Front-matter fields whose values are instants (written as YAML/TOML timestamps). */
export const DATE_FIELDS: ReadonlySet<string> = new Set(['date', 'modified']);

/** The front matter of a post as an ordered plain object. */
export function frontMatterOf(post: ExtractedPost): Record<string, FrontMatterValue> {
  const out: Record<string, FrontMatterValue> = {};
  for (const field of FRONT_MATTER_FIELDS) {
    const value = field.get(post);
    if (value === null || value === '') continue;
    out[field.name] = value;
  }
  return out;
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
  { name: 'password_protected', get: (p) => p.passwordProtected },
  { name: 'html', get: (p) => p.html },
  { name: 'markdown', get: (p) => p.markdown },
]);

export function jsonRecordOf(post: ExtractedPost): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of JSON_FIELDS) out[field.name] = field.get(post);
  return out;
}
