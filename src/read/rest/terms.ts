import { embeddedGroup, termLinks, type TermLink } from '../../parse/terms.js';
import type { RestClient } from './client.js';

/** The names of terms and authors of posts that arrived without `_embedded` ones, each fetched once per run. */
export class TermNames {
  private readonly names = new Map<string, Promise<unknown>>();

  constructor(private readonly rest: RestClient) {}

  /**
   * A post with every term and its author named: each taxonomy's embedded group completed with
   * the terms `?_embed` left out (it brings the first 10), or fetched whole when the post came
   * without `_embedded` terms. Each term id is fetched once per run; one that cannot be fetched
   * stays an id.
   */
  async withNames(post: unknown): Promise<unknown> {
    if (typeof post !== 'object' || post === null) return post;
    const value = post as Record<string, unknown>;
    const embedded = (typeof value._embedded === 'object' && value._embedded !== null ? value._embedded : {}) as Record<string, unknown>;
    const links = value._links as Record<string, Array<{ href?: string }>> | undefined;
    const additions: Record<string, unknown> = {};
    const taxonomies = termLinks(value);
    const groups = taxonomies.map((link) => embeddedGroup(value, link.taxonomy));
    if (taxonomies.some((link, i) => link.ids.length > (groups[i]?.length ?? 0))) {
      additions['wp:term'] = await Promise.all(taxonomies.map((link, i) => this.completed(link, groups[i] ?? [])));
    }
    if (!Array.isArray(embedded.author) && typeof value.author === 'number' && Array.isArray(links?.author) && links.author[0]?.href) {
      const href = links.author[0].href;
      const author = await this.cached(`author|${href}`, () => this.rest.json(href).catch(() => undefined));
      if (author !== undefined) additions.author = [author];
    }
    return Object.keys(additions).length === 0 ? post : { ...value, _embedded: { ...embedded, ...additions } };
  }

  /** A taxonomy's terms for a post, in the order of its ids: the embedded ones, and the others fetched by id. */
  private async completed(link: TermLink, group: ReadonlyArray<Record<string, unknown>>): Promise<unknown[]> {
    const byId = new Map(group.map((term) => [term.id, term]));
    if (link.ids.length <= group.length) return [...group];
    const origin = new URL(link.href).origin;
    const terms = await Promise.all(link.ids.map((id) => byId.get(id) ?? this.cached(`${origin}|${link.taxonomy}|${id}`, () => this.termUrl(link.href, id))));
    return terms.filter((term) => term !== undefined);
  }

  private termUrl(collectionHref: string, id: unknown): Promise<unknown> {
    const url = new URL(collectionHref);
    // `_links['wp:term']` points at `wp/v2/categories?post=ID`; the term itself is `wp/v2/categories/ID`.
    const route = url.searchParams.get('rest_route');
    if (route !== null) {
      url.search = '';
      url.searchParams.set('rest_route', `${route.replace(/\/$/, '')}/${String(id)}`);
    } else {
      url.search = '';
      url.pathname = `${url.pathname.replace(/\/$/, '')}/${String(id)}`;
    }
    return this.rest.json(url.href).catch(() => undefined);
  }

  private cached(key: string, load: () => Promise<unknown>): Promise<unknown> {
    let value = this.names.get(key);
    if (!value) {
      value = load();
      this.names.set(key, value);
    }
    return value;
  }
}
