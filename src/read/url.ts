import { defaultApiRoot, restUrl } from './discover.js';
import type { SiteData } from '../parse/menus.js';
import type { HttpClient } from './http.js';
import type { StreamItem, StreamShape } from './json-stream.js';
import type { CollectionFilters } from './rest/collections.js';
import { classifyUrl, parseHttpUrl, repliesRoute, siblingRoute } from './rest/routes.js';
import { RestSite, type CollectionCrawl } from './rest/site.js';

export { classifyUrl, parseHttpUrl, restRouteOf, type UrlKind } from './rest/routes.js';
export type { CollectionSource, CollectionUpdate, Listed } from './rest/site.js';

/** Which posts a site or collection crawl lists, and what else it fetches. */
export interface CrawlOptions extends CollectionFilters, CollectionCrawl {
  /** Keep the content of password-protected posts (an export holds it in the clear). @default false */
  protectedContent?: boolean;
}

/**
 * The posts behind an address, one by one: a REST item as it is; a post page through
 * discovery (the `Link` header or `<link rel="alternate" type="application/json">`, then the
 * shortlink id, then `?slug=`); a REST collection, a REST root or a site's address by paging
 * through every post. `shape.list` says whether the address held a list.
 */
export async function* readUrl(address: string, client: HttpClient, crawl: CrawlOptions = {}, shape: StreamShape = { list: false }, site?: (data: SiteData) => void): AsyncGenerator<StreamItem> {
  const url = parseHttpUrl(address);
  const kind = classifyUrl(url);
  const restSite = new RestSite(client, address);
  if (kind === 'rest-item' || kind === 'page') {
    yield* readItem(restSite, url, kind, crawl, shape);
    return;
  }
  shape.list = true;
  if (kind === 'rest-collection') {
    yield* restSite.crawl(url.href, crawl, shape);
    return;
  }
  // A whole site: its menus (where it shows them) and its terms too.
  if (site) {
    const posts = await restSite.collections.collectionFor(url.href, { ...crawl, type: 'posts' });
    site(await restSite.siteData.read(posts, crawl.attachments === true));
  }
  // `--type all`: every type of content the site has, one collection after the other.
  const types = crawl.type === 'all' ? await restSite.collections.contentTypes(url.href) : [crawl.type ?? 'posts'];
  let index = 0;
  for (const type of types) {
    const limit = crawl.limit === undefined ? undefined : crawl.limit - index;
    if (limit !== undefined && limit <= 0) return;
    const each = { ...crawl, type, ...(limit !== undefined ? { limit } : {}) };
    for await (const item of restSite.crawl(await restSite.collections.collectionFor(url.href, each), each, shape)) yield { ...item, index: index++ };
  }
}

/** One post (or a REST item's list), with its comments when asked. */
async function* readItem(site: RestSite, url: URL, kind: 'rest-item' | 'page', crawl: CrawlOptions, shape: StreamShape): AsyncGenerator<StreamItem> {
  const value = kind === 'page' ? await site.discoverPost(url.href) : await site.rest.json(url.href);
  const found = Array.isArray(value) ? (value as unknown[]) : [value];
  // A post's address gives the post as a crawl would: its terms and author named.
  const values = kind === 'page' ? await site.complete(found, restUrl(defaultApiRoot(url.href), 'wp/v2/posts'), crawl.originals === true) : found;
  if (Array.isArray(value)) shape.list = true;
  const comments = kind === 'page' ? (repliesRoute(values[0]) ?? restUrl(defaultApiRoot(url.href), 'wp/v2/comments')) : siblingRoute(url.href, 'wp/v2/comments');
  const { values: posts, error } = crawl.comments ? await site.comments.withComments(comments, values) : { values, error: null };
  yield* posts.map((item, index) => ({ index, value: item }));
  if (error) yield { index: posts.length, error };
}
