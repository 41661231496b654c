import type { RestClient } from './client.js';

/** The names of terms and authors of posts that arrived without `_embedded` ones, each fetched once per run. */
export class TermNames {
  private readonly names = new Map<string, Promise<unknown>>();

  constructor(private readonly rest: RestClient) {}

  /**
   * Term and author names for a post that arrived without `_embedded` ones: each id is fetched
   * once and cached; an id that cannot be fetched stays an id.
   */
  async withNames(post: unknown): Promise<unknown> {
    if (typeof post !== 'object' || post === null) return post;
    const value = post as Record<string, unknown>;
    const embedded = (typeof value._embedded === 'object' && value._embedded !== null ? value._embedded : {}) as Record<string, unknown>;
    const links = value._links as Record<string, Array<{ href?: string; taxonomy?: string }>> | undefined;
    const additions: Record<string, unknown> = {};
    if (!Array.isArray(embedded['wp:term']) && Array.isArray(links?.['wp:term'])) {
      const groups = await Promise.all(
        links['wp:term'].map(async (link) => {
          const ids = (link.taxonomy === 'category' ? value.categories : link.taxonomy === 'post_tag' ? value.tags : []) as unknown;
          if (!Array.isArray(ids) || !link.href) return [];
          const terms = await Promise.all(ids.map((id) => this.cached(`${new URL(link.href ?? '').origin}|${link.taxonomy}|${String(id)}`, () => this.termUrl(link.href ?? '', id))));
          return terms.filter((t) => t !== undefined);
        }),
      );
      additions['wp:term'] = groups;
    }
    if (!Array.isArray(embedded.author) && typeof value.author === 'number' && Array.isArray(links?.author) && links.author[0]?.href) {
      const href = links.author[0].href;
      const author = await this.cached(`author|${href}`, () => this.rest.json(href).catch(() => undefined));
      if (author !== undefined) additions.author = [author];
    }
    return Object.keys(additions).length === 0 ? post : { ...value, _embedded: { ...embedded, ...additions } };
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
