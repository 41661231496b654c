/**
 * A REST post's terms, taxonomy by taxonomy, as its own fields say them: `_links['wp:term']`
 * names each taxonomy and its collection (`wp/v2/categories?post=ID`), whose last path part is
 * the post's field holding the term ids (`categories`, `tags`, a custom taxonomy's `genre`).
 * `?_embed` brings only the first page (10) of each: what the reader completes, and what a
 * saved file may lack.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One taxonomy of a post: its name, its collection's address, and the ids the post names. */
export interface TermLink {
  taxonomy: string;
  href: string;
  ids: number[];
}

/** The collection's base (`categories`) of a term link's address, from its path or its `rest_route`. */
export function restBase(href: string): string | null {
  // Read from the text (a URL object per term link of every post cost a tenth of the parse).
  const query = /[?&]rest_route=([^&#]*)/.exec(href)?.[1];
  let route = query ?? href.replace(/[?#].*$/, '');
  try {
    route = decodeURIComponent(route);
  } catch {
    return null;
  }
  return route.replace(/\/+$/, '').split('/').pop() || null;
}

/** The taxonomies a post links to, each with the term ids its field names. */
export function termLinks(post: Json): TermLink[] {
  const links = isObject(post._links) ? post._links['wp:term'] : undefined;
  if (!Array.isArray(links)) return [];
  return links.flatMap((link) => {
    if (!isObject(link) || typeof link.taxonomy !== 'string' || typeof link.href !== 'string') return [];
    const base = restBase(link.href);
    const field = base === null ? undefined : post[base];
    const ids = Array.isArray(field) ? field.filter((id): id is number => typeof id === 'number' && Number.isSafeInteger(id)) : [];
    return [{ taxonomy: link.taxonomy, href: link.href, ids }];
  });
}

/** The embedded terms of one taxonomy (`_embedded['wp:term']` holds a group per taxonomy). */
export function embeddedGroup(post: Json, taxonomy: string): Json[] {
  const embedded = isObject(post._embedded) ? post._embedded['wp:term'] : undefined;
  for (const group of Array.isArray(embedded) ? embedded : []) {
    if (!Array.isArray(group)) continue;
    const terms = group.filter(isObject);
    if (terms.some((term) => term.taxonomy === taxonomy)) return terms;
  }
  return [];
}

/** The class `get_post_class` gives a term (`category-news`, `tag-jazz`, `genre-jazz`): the prefix before its slug. */
export const classPrefix = (taxonomy: string): string => (taxonomy === 'post_tag' ? 'tag-' : `${taxonomy}-`);

/** The first part of a term archive's address by WordPress's defaults (`/category/news/`, `/tag/jazz/`, a custom taxonomy's `/genre/jazz/`). */
export const archiveBase = (taxonomy: string): string => ({ category: 'category', post_tag: 'tag' })[taxonomy] ?? taxonomy;
