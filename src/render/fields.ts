import type { ExtractedPost } from '../post.js';
import { decodeSlug } from '../parse/values.js';
import { commentRecord } from './comments.js';

/** A named output field and how to get it from a post. */
export interface Field<T> {
  name: string;
  get(post: ExtractedPost): T;
}

type Scalar = string | number | boolean | null;
/** A value of front matter: a scalar, a list, or (custom fields) a map of them. */
export type FrontMatterValue = Scalar | Array<string | number> | FrontMatterValue[] | { [key: string]: FrontMatterValue };

/** A front-matter key: its name, how to get its value, and whether it is an instant. */
export interface FrontMatterKey extends Field<FrontMatterValue> {
  /** Written as a YAML/TOML timestamp rather than a string. */
  date?: boolean;
}

/**
 * Keys a post names itself (its custom taxonomies, its custom fields): each pair becomes a key,
 * unless a key of the table already has that name, or the name is not a plain identifier
 * (letters, digits, `_` and `-`, starting with a letter or `_`).
 */
export interface FrontMatterKeys {
  name: string;
  entries(post: ExtractedPost): Array<[key: string, value: FrontMatterValue]>;
  /** Keys the generator reads on its own (Jekyll's `url`, Hugo's `aliases`): never taken. */
  except?: ReadonlySet<string>;
}

/** A group of keys that never takes one of a generator's own (see each target's). */
export const keysExcept = (group: FrontMatterKeys, reserved: readonly string[]): FrontMatterKeys => ({ ...group, except: new Set(reserved) });

/** A front-matter field: one key, or the keys a post names. */
export type FrontMatterField = FrontMatterKey | FrontMatterKeys;

const OWN_KEY = /^[A-Za-z_][\w-]{0,63}$/;

/** Not to be published by a generator: not published on WordPress, or behind a password there. */
export const isDraft = (p: ExtractedPost): boolean | null => (p.passwordProtected || (p.status !== null && p.status !== 'publish') ? true : null);
/** Taxonomies that are not a post's own terms: its format, menus, co-authors, languages and translation groups. */
const NOT_TERMS = new Set(['category', 'post_tag', 'post_format', 'nav_menu', 'link_category', 'author', 'language', 'post_translations', 'term_translations']);

/** A post's custom taxonomies (a `series`, a `genre`), each under its own key with its term names. */
export const customTaxonomies: FrontMatterKeys = {
  name: 'custom taxonomies',
  entries: (p) => {
    const byTaxonomy = new Map<string, string[]>();
    for (const term of p.terms ?? []) {
      if (NOT_TERMS.has(term.taxonomy)) continue;
      byTaxonomy.set(term.taxonomy, [...(byTaxonomy.get(term.taxonomy) ?? []), term.name]);
    }
    return [...byTaxonomy];
  },
};

/** The custom fields `--meta` asked for, each under its own key (a key the table has already is not taken). */
export const customFields: FrontMatterKeys = {
  name: 'custom fields',
  entries: (p) => Object.entries(p.fields ?? {}),
};

/** Getters several key tables share (a target names the key as its generator reads it). */
export const seoDescription = (p: ExtractedPost): string | null => p.seo?.description ?? null;
export const canonical = (p: ExtractedPost): string | null => p.seo?.canonical ?? null;
export const noindex = (p: ExtractedPost): boolean | null => p.seo?.noindex ?? null;
export const featuredUrl = (p: ExtractedPost): string | null => p.featuredImage?.url ?? null;

/**
 * Co-authors, and a multilingual site's language and translation group (Polylang, WPML),
 * under the names a generator's multilingual setup reads (`lang`, `translationKey`).
 */
export function peopleAndLanguage(language: string, group: string): FrontMatterKey[] {
  return [
    { name: 'authors', get: (p) => p.authors ?? null },
    { name: language, get: (p) => p.language ?? null },
    { name: group, get: (p) => p.translationKey ?? null },
  ];
}

/** The description a search engine shows: the SEO plugin's, else the excerpt. */
export const description = (p: ExtractedPost): string | null => p.seo?.description ?? (p.excerpt || null);

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
  { name: 'authors', get: (p) => p.authors ?? null },
  { name: 'categories', get: (p) => p.categories },
  { name: 'tags', get: (p) => p.tags },
  customTaxonomies,
  { name: 'language', get: (p) => p.language ?? null },
  { name: 'translation_key', get: (p) => p.translationKey ?? null },
  { name: 'excerpt', get: (p) => p.excerpt },
  { name: 'seo_title', get: (p) => p.seo?.title ?? null },
  { name: 'description', get: seoDescription },
  { name: 'canonical', get: canonical },
  { name: 'noindex', get: noindex },
  { name: 'featured_image', get: featuredUrl },
  { name: 'featured_image_alt', get: (p) => p.featuredImage?.alt ?? null },
  { name: 'parent', get: (p) => p.parent },
  { name: 'menu_order', get: (p) => p.menuOrder },
  { name: 'password_protected', get: (p) => (p.passwordProtected ? true : null) },
  customFields,
] satisfies FrontMatterField[]);

/** The default keys, kept under their old name for the library API. */
export const FRONT_MATTER_FIELDS: readonly FrontMatterField[] = DEFAULT_FIELDS;

/** Whether a permalink is a query (`?p=123`, `?page_id=5`: plain permalinks), which a static site cannot serve; WPML's `?lang=fr` alone is not one. */
export function isQueryPermalink(link: string | null): boolean {
  if (!link) return false;
  try {
    const url = new URL(link);
    return url.search !== '' && languageOf(url) === null;
  } catch {
    return false;
  }
}

/** The language of a permalink whose only query is WPML's `?lang=fr` (its languages as a parameter), else null. */
export function languageOf(url: URL): string | null {
  const keys = [...url.searchParams.keys()];
  const lang = url.searchParams.get('lang');
  return keys.length === 1 && lang !== null && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/i.test(lang) ? lang.toLowerCase() : null;
}

/**
 * Where a generator serves a post: the path of its WordPress permalink, so that old addresses
 * keep working (`/2024/01/03/beta/`, a page under its parent `/about/team/`), percent-decoded;
 * `/SLUG/` when the permalink is a query, which a static path cannot be.
 */
export function sitePath(post: Pick<ExtractedPost, 'link' | 'slug' | 'id'>): string | null {
  // Asked for by several keys and by the folder's state, once per post is enough.
  const known = sitePaths.get(post);
  if (known !== undefined) return known;
  const path = sitePathOf(post);
  sitePaths.set(post, path);
  return path;
}

const sitePaths = new WeakMap<object, string | null>();

function sitePathOf(post: Pick<ExtractedPost, 'link' | 'slug' | 'id'>): string | null {
  const slug = post.slug || (post.id !== null ? String(post.id) : '');
  const bySlug = slug ? `/${pathSegment(slug)}/` : null;
  if (!post.link || isQueryPermalink(post.link)) return bySlug;
  try {
    const url = new URL(post.link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return bySlug;
    // One leading slash: `//host/x` would be another site's address.
    const path = url.pathname.replace(/^\/{2,}/, '/').split('/').map(pathSegment).join('/');
    // WPML's `/hello/?lang=fr` is served at `/fr/hello/`.
    const language = languageOf(url);
    return language === null || path.startsWith(`/${language}/`) ? path : `/${language}${path}`;
  } catch {
    return bySlug;
  }
}

/** A path segment decoded for reading (`마`), but kept encoded where decoding would bring a control character or a slash. */
function pathSegment(segment: string): string {
  const decoded = decodeSlug(segment);
  return /[\u0000-\u001f\u007f/]/.test(decoded) ? encodeURIComponent(decoded) : decoded;
}

/**
 * The addresses a post had under its earlier slugs (an export's `_wp_old_slug`), which
 * WordPress redirects to it: its path with the slug's segment replaced (`/2024/05/02/kob-review/`
 * for `/2024/05/02/kind-of-blue/`), or `/OLD/` when the path does not end in its slug.
 */
export function oldSlugPaths(post: Pick<ExtractedPost, 'link' | 'slug' | 'id' | 'oldSlugs'>): string[] {
  const path = sitePath(post);
  if (!path || !post.oldSlugs || post.oldSlugs.length === 0) return [];
  const segments = path.split('/');
  const last = segments.length - (path.endsWith('/') ? 2 : 1);
  const withSlug = segments[last] === post.slug;
  return post.oldSlugs.map((slug) => (withSlug ? [...segments.slice(0, last), slug, ...segments.slice(last + 1)].join('/') : `/${slug}/`)).filter((alias) => alias !== path);
}

/** Every old address of a post that is not its address now: its earlier slugs', and where earlier runs served it. */
export function formerAddresses(post: ExtractedPost): string[] | null {
  const all = [...new Set([...oldSlugPaths(post), ...(post.movedFrom ?? [])])].sort();
  return all.length > 0 ? all : null;
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
  const named = new Set(fields.map((field) => field.name));
  for (const field of fields) {
    if ('entries' in field) {
      for (const [key, value] of field.entries(post)) {
        if (!named.has(key) && !field.except?.has(key) && !Object.hasOwn(values, key) && OWN_KEY.test(key) && value !== null) values[key] = value;
      }
      continue;
    }
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
  // Every term with its taxonomy and slug (custom taxonomies too), when the input names them.
  { name: 'terms', get: (p) => p.terms?.map(({ taxonomy, slug, name }) => ({ taxonomy, slug, name })) },
  { name: 'excerpt', get: (p) => p.excerpt },
  { name: 'featured_image', get: (p) => (p.featuredImage ? { url: p.featuredImage.url, alt: p.featuredImage.alt } : null) },
  { name: 'format', get: (p) => p.format },
  { name: 'sticky', get: (p) => p.sticky },
  { name: 'parent', get: (p) => p.parent },
  { name: 'menu_order', get: (p) => p.menuOrder },
  { name: 'password_protected', get: (p) => p.passwordProtected },
  // When a plugin or `--meta` says them (undefined leaves the key out).
  { name: 'authors', get: (p) => p.authors },
  { name: 'language', get: (p) => p.language },
  { name: 'translation_key', get: (p) => p.translationKey },
  { name: 'seo', get: (p) => p.seo },
  { name: 'old_slugs', get: (p) => p.oldSlugs },
  { name: 'fields', get: (p) => p.fields },
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
