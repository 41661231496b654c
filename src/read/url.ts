import { WpExtractError } from '../errors.js';
import { htmlToInlineText } from '../html/index.js';
import { describeWordPressError, isWordPressError } from '../parse/post.js';
import { defaultApiRoot, discover, restUrl, slugFromPath } from './discover.js';
import { decodeBytes } from './file.js';
import type { HttpClient, HttpResponse } from './http.js';
import type { StreamItem, StreamShape } from './json-stream.js';

const ACCEPT_JSON = 'application/json';
/** WordPress error codes that mean the request was not authenticated as it should be. */
const AUTH_ERRORS = new Set(['incorrect_password', 'invalid_username', 'rest_forbidden', 'rest_not_logged_in', 'rest_cannot_read', 'rest_forbidden_context']);
const ACCEPT_PAGE = 'text/html, application/json;q=0.9, */*;q=0.5';

/** Which posts a site or collection crawl lists. */
export interface CrawlOptions {
  /** `posts`, `pages`, or a custom type's slug or REST base. @default 'posts' */
  type?: string;
  /** Only posts published after this ISO 8601 date. */
  after?: string;
  /** Only posts published before this ISO 8601 date. */
  before?: string;
  /** Only posts in these categories (slugs). */
  categories?: string[];
  /** Only posts with these tags (slugs). */
  tags?: string[];
  /** Only posts matching this search. */
  search?: string;
  /** Stop after this many posts. */
  limit?: number;
  /**
   * Statuses to include (`publish`, `future`, `draft`, `pending`, `private`), or `all`. An
   * export holds every status; a site shows more than `publish` only to an --auth user.
   * @default ['publish'] (a site with --auth: every status it shows that user)
   */
  status?: string[];
  /** Keep the content of password-protected posts (an export holds it in the clear). @default false */
  protectedContent?: boolean;
}

/** How a crawl falls short of what the site said it holds (`X-WP-Total`), or '' when it does not. */
function incomplete(total: number | null, limit: number, got: number): string {
  const expected = total === null ? null : Math.min(total, limit);
  return expected !== null && got < expected ? `; the site lists ${expected}, ${expected - got} missing` : '';
}

/** Every status the REST API lists for a user allowed to see it. */
const ALL_STATUSES = 'publish,future,draft,pending,private';

/** What an address is, to a reader of WordPress. */
export type UrlKind = 'rest-root' | 'rest-collection' | 'rest-item' | 'site' | 'page';

/** The REST route of a REST address (`/wp/v2/posts/5`), or null for other addresses. */
export function restRouteOf(url: URL): string | null {
  const route = url.searchParams.get('rest_route');
  if (route !== null) return route;
  // `/wp-json/...`, also behind `/index.php` or a subfolder install.
  const match = /\/wp-json(?=\/|$)(.*)$/.exec(url.pathname);
  return match ? match[1] || '/' : null;
}

export function classifyUrl(url: URL): UrlKind {
  const route = restRouteOf(url);
  if (route !== null) {
    if (route === '' || route === '/') return 'rest-root';
    if (/^\/wp\/v2\/[\w-]+\/?$/.test(route)) return 'rest-collection';
    return 'rest-item';
  }
  if ((url.pathname === '/' || url.pathname === '') && url.search === '') return 'site';
  return 'page';
}

/** Checks that an address is absolute http(s); anything else is a usage error. */
export function parseHttpUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch (error) {
    throw new WpExtractError('E_USAGE', 'not a valid URL', { input: address, cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WpExtractError('E_USAGE', `unsupported scheme ${url.protocol} (only http and https)`, { input: address });
  }
  return url;
}

/**
 * The posts behind an address, one by one: a REST item as it is; a post page through
 * discovery (the `Link` header or `<link rel="alternate" type="application/json">`, then the
 * shortlink id, then `?slug=`); a REST collection, a REST root or a site's address by paging
 * through every post. `shape.list` says whether the address held a list.
 */
export async function* readUrl(
  address: string,
  client: HttpClient,
  crawl: CrawlOptions = {},
  shape: StreamShape = { list: false },
): AsyncGenerator<StreamItem> {
  const url = parseHttpUrl(address);
  const kind = classifyUrl(url);
  const reader = new RestReader(client, address);
  if (kind === 'rest-item') {
    const value = await reader.json(url.href);
    if (Array.isArray(value)) {
      shape.list = true;
      yield* value.map((item, index) => ({ index, value: item as unknown }));
    } else yield { index: 0, value };
    return;
  }
  if (kind === 'page') {
    yield { index: 0, value: await reader.discoverPost(url.href) };
    return;
  }
  shape.list = true;
  const collection = kind === 'rest-collection' ? url.href : await reader.collectionFor(url.href, crawl);
  yield* reader.crawl(collection, crawl, shape);
}

/** Reads JSON from a WordPress site through one client, with the site's API root worked out once. */
class RestReader {
  private root: string | null = null;
  private readonly names = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: HttpClient,
    private readonly input: string,
  ) {}

  /** GETs JSON; a WordPress error body or an HTTP error is a remote error naming the input. */
  async json(url: string, tolerate: string[] = []): Promise<unknown> {
    const response = await this.client.get(url, ACCEPT_JSON);
    const value = tryJson(response);
    const alternative = blockedAlternative(url, response, value);
    if (alternative) {
      // Use the ?rest_route= answer only when it is a real one; otherwise the first answer says more.
      const second = await this.client.get(alternative, ACCEPT_JSON);
      const secondValue = tryJsonQuietly(second);
      if (second.status < 400 && secondValue !== undefined && !isWordPressError(secondValue)) return secondValue;
    }
    return this.interpret(response, value, tolerate);
  }

  /** The JSON of a response, or the error it stands for; `tolerate`d WordPress errors give undefined. */
  private interpret(response: HttpResponse, value: unknown, tolerate: string[] = []): unknown {
    if (value === undefined) {
      if (response.status >= 400) throw httpError(response, this.input);
      throw new WpExtractError('E_REMOTE', `expected JSON, got ${describeBody(response)}`, { input: this.input });
    }
    if (isWordPressError(value)) {
      if (tolerate.includes(value.code)) return undefined;
      const status = { status: response.status, ...(typeof value.data === 'object' && value.data !== null ? value.data : {}) };
      // WordPress ignores an application password it does not accept, then refuses what
      // only a logged-in user may ask for: say which setting to check.
      const hint =
        this.client.options.auth && (AUTH_ERRORS.has(value.code) || (value.code === 'rest_invalid_param' && /status/.test(value.message)))
          ? ' (WordPress did not accept the application password: check --auth or WP_AUTH)'
          : '';
      throw new WpExtractError('E_REMOTE', `${describeWordPressError({ ...value, data: status })}${hint}`, { input: this.input });
    }
    if (response.status >= 400) throw httpError(response, this.input);
    return value;
  }

  async discoverPost(address: string): Promise<unknown> {
    const page = await this.client.get(address, ACCEPT_PAGE);
    const json = tryJson(page);
    if (json !== undefined) {
      if (isWordPressError(json)) throw new WpExtractError('E_REMOTE', describeWordPressError(json), { input: this.input });
      if (page.status >= 400) throw httpError(page, this.input);
      return json;
    }
    if (page.status >= 400) throw httpError(page, this.input);
    const found = discover(page.url, page.headers.link ?? null, decodeBytes(page.body));
    if (found.alternate) return this.json(found.alternate);
    const root = found.apiRoot ?? defaultApiRoot(page.url);
    if (found.shortlinkId !== null) {
      for (const type of ['posts', 'pages']) {
        const value = await this.json(restUrl(root, `wp/v2/${type}/${found.shortlinkId}`), ['rest_post_invalid_id', 'rest_no_route']);
        if (value !== undefined) return value;
      }
    }
    const slug = slugFromPath(page.url);
    if (slug !== null) {
      for (const type of ['posts', 'pages']) {
        const value = await this.json(restUrl(root, `wp/v2/${type}`, { slug }));
        if (Array.isArray(value) && value.length > 0) return value[0];
      }
    }
    throw new WpExtractError(
      'E_REMOTE',
      'no WordPress REST address found on this page (no alternate or shortlink <link>, and no post with its slug)',
      { input: this.input },
    );
  }

  /** The API root of a site: `/wp-json/`, else `?rest_route=/` (for sites that block the first). */
  async apiRoot(address: string): Promise<string> {
    if (this.root) return this.root;
    const url = new URL(address);
    const given = restRouteOf(url) !== null ? [url.href] : [];
    for (const candidate of [...given, new URL('/wp-json/', url).href, new URL('/?rest_route=/', url).href]) {
      const response = await this.client.get(candidate, ACCEPT_JSON);
      const value = tryJsonQuietly(response);
      if (response.status < 400 && typeof value === 'object' && value !== null && 'routes' in value) {
        this.root = candidate;
        return candidate;
      }
    }
    throw new WpExtractError('E_REMOTE', 'no WordPress REST API found at /wp-json/ or ?rest_route=/', { input: this.input });
  }

  /** The collection address of a post type, with the crawl's filters. */
  async collectionFor(address: string, crawl: CrawlOptions): Promise<string> {
    const root = await this.apiRoot(address);
    const route = await this.typeRoute(root, crawl.type ?? 'posts');
    const query: Record<string, string> = {};
    if (crawl.after) query.after = isoDate(crawl.after, '--after');
    if (crawl.before) query.before = isoDate(crawl.before, '--before');
    if (crawl.search) query.search = crawl.search;
    if (crawl.categories?.length) query.categories = await this.termIds(root, 'categories', crawl.categories);
    if (crawl.tags?.length) query.tags = await this.termIds(root, 'tags', crawl.tags);
    if (crawl.status?.length) query.status = crawl.status.includes('all') ? ALL_STATUSES : crawl.status.join(',');
    else if (this.client.options.auth) query.status = ALL_STATUSES;
    return restUrl(root, route, query);
  }

  private async typeRoute(root: string, type: string): Promise<string> {
    if (type === 'posts' || type === 'post') return 'wp/v2/posts';
    if (type === 'pages' || type === 'page') return 'wp/v2/pages';
    const types = await this.json(restUrl(root, 'wp/v2/types'));
    for (const [slug, info] of Object.entries((types ?? {}) as Record<string, { rest_base?: string; rest_namespace?: string }>)) {
      if (slug === type || info.rest_base === type) return `${info.rest_namespace ?? 'wp/v2'}/${info.rest_base ?? slug}`;
    }
    const known = Object.keys((types ?? {}) as object).join(', ');
    throw new WpExtractError('E_USAGE', `--type: the site has no post type "${type}" (it has: ${known})`, { input: this.input });
  }

  private async termIds(root: string, taxonomy: string, slugs: string[]): Promise<string> {
    const terms = (await this.json(restUrl(root, `wp/v2/${taxonomy}`, { slug: slugs.join(','), per_page: '100' }))) as Array<{
      id: number;
      slug: string;
    }>;
    const missing = slugs.filter((slug) => !terms.some((t) => t.slug === slug));
    if (missing.length > 0) {
      throw new WpExtractError('E_USAGE', `--${taxonomy === 'categories' ? 'category' : 'tag'}: no such ${taxonomy === 'categories' ? 'category' : 'tag'}: ${missing.join(', ')}`, {
        input: this.input,
      });
    }
    return terms.map((t) => t.id).join(',');
  }

  /**
   * Every post of a collection, in order: `per_page=100` with `_embed`, the first page telling
   * how many there are (`X-WP-TotalPages`), later pages fetched a few at a time. A page past
   * the end (`rest_post_invalid_page_number`) ends it cleanly.
   */
  async *crawl(collection: string, crawl: CrawlOptions, shape: StreamShape = { list: true }): AsyncGenerator<StreamItem> {
    const base = new URL(collection);
    const perPage = Number.parseInt(base.searchParams.get('per_page') ?? '100', 10) || 100;
    const pageUrl = (page: number): string => {
      const url = new URL(base);
      url.searchParams.set('per_page', String(perPage));
      if (!url.searchParams.has('_embed')) url.searchParams.set('_embed', '1');
      url.searchParams.set('page', String(page));
      return url.href;
    };
    type Page = { posts: unknown[]; totalPages: number; total: number | null };
    const fetchPage = async (page: number): Promise<Page> => {
      const response = await this.client.get(pageUrl(page), ACCEPT_JSON);
      const value = tryJson(response);
      // A page past the end; an empty collection answers [] instead.
      if (isWordPressError(value) && value.code === 'rest_post_invalid_page_number') return { posts: [], totalPages: 0, total: null };
      const posts = this.interpret(response, value);
      if (!Array.isArray(posts)) throw new WpExtractError('E_REMOTE', 'expected a list of posts from a collection', { input: this.input });
      const totalPages = Number.parseInt(response.headers['x-wp-totalpages'] ?? '', 10);
      const total = Number.parseInt(response.headers['x-wp-total'] ?? '', 10);
      return {
        posts,
        totalPages: Number.isNaN(totalPages) ? Number.POSITIVE_INFINITY : totalPages,
        total: Number.isNaN(total) ? null : total,
      };
    };

    const limit = crawl.limit ?? Number.POSITIVE_INFINITY;
    const first = await fetchPage(1);
    if (first.total !== null) shape.total = Math.min(first.total, limit);
    const lastPage = Math.min(first.totalPages, Math.ceil(limit / perPage));
    const window = Math.max(1, this.client.options.concurrency);
    const pending = new Map<number, Promise<Page>>();
    const seen = new Set<unknown>();
    let nextToFetch = 2;
    let index = 0;
    for (let page = 1; page <= lastPage && index < limit; page++) {
      // Keep a few later pages in flight while this one is handed on.
      while (nextToFetch <= Math.min(lastPage, page + window)) {
        const request = fetchPage(nextToFetch);
        request.catch(() => undefined); // awaited in turn below; never left unhandled
        pending.set(nextToFetch++, request);
      }
      const { posts } = page === 1 ? first : await (pending.get(page) as Promise<Page>);
      pending.delete(page);
      if (posts.length === 0) break;
      // A post already read (pages that shifted while the crawl ran) is not read twice; a page
      // that brings nothing new means the site answers every page alike (a cache that ignores
      // the query string): going on would fetch the same page for ever.
      const fresh = posts.filter((post) => {
        const id = typeof post === 'object' && post !== null ? (post as { id?: unknown }).id : undefined;
        if (id === undefined) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (fresh.length === 0) {
        throw new WpExtractError('E_INCOMPLETE', `page ${page} holds only posts of earlier pages (does a cache ignore the query string?): stopped after ${index} posts${incomplete(first.total, limit, index)}`, { input: this.input });
      }
      for (const value of await Promise.all(fresh.map((post) => this.withNames(post)))) {
        if (index >= limit) return;
        yield { index: index++, value };
      }
    }
    const missing = incomplete(first.total, limit, index);
    if (missing) throw new WpExtractError('E_INCOMPLETE', `the crawl ended early${missing}`, { input: this.input });
  }

  /**
   * Term and author names for a post that arrived without `_embedded` ones: each id is fetched
   * once and cached; an id that cannot be fetched stays an id.
   */
  private async withNames(post: unknown): Promise<unknown> {
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
      const author = await this.cached(`author|${href}`, () => this.json(href).catch(() => undefined));
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
    return this.json(url.href).catch(() => undefined);
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

/** `2024-01-31` or a full ISO 8601 date, as WordPress's `after`/`before` want it. */
function isoDate(value: string, option: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value;
  if (Number.isNaN(Date.parse(date))) {
    throw new WpExtractError('E_USAGE', `${option}: expected a date such as 2024-01-31, got "${value}"`);
  }
  return date;
}

/**
 * The `?rest_route=` form of a `/wp-json/` address whose answer looks blocked (a security
 * plugin or server rule that serves HTML or a bare 403/404 there), or null.
 */
function blockedAlternative(url: string, response: HttpResponse, value: unknown): string | null {
  const parsed = new URL(url);
  if (parsed.searchParams.has('rest_route') || !parsed.pathname.includes('/wp-json')) return null;
  if (value !== undefined && (isWordPressError(value) ? value.code !== 'rest_no_route' || response.status === 200 : true)) return null;
  if (value === undefined && response.status < 400 && !/html/i.test(response.headers['content-type'] ?? '')) return null;
  const route = restRouteOf(parsed) ?? '/';
  const alternative = new URL('/', parsed);
  alternative.searchParams.set('rest_route', route);
  for (const [key, val] of parsed.searchParams) alternative.searchParams.set(key, val);
  return alternative.href;
}

/** The parsed body when it is JSON (by its type or by its look), else undefined. */
function tryJson(response: HttpResponse): unknown {
  const type = response.headers['content-type'] ?? '';
  const text = decodeBytes(response.body).replace(/^\uFEFF/, '');
  if (!/json/i.test(type) && !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (/json/i.test(type)) {
      throw new WpExtractError('E_REMOTE', `the server sent invalid JSON (HTTP ${response.status})`, { input: response.url });
    }
    return undefined;
  }
}

function tryJsonQuietly(response: HttpResponse): unknown {
  try {
    return tryJson(response);
  } catch {
    return undefined;
  }
}

function httpError(response: HttpResponse, input: string): WpExtractError {
  return new WpExtractError('E_REMOTE', `HTTP ${response.status} from ${response.url} (${describeBody(response)})`, { input });
}

/** `an HTML page titled "Just a moment..."`, `text/plain (12 bytes)`. */
function describeBody(response: HttpResponse): string {
  const type = (response.headers['content-type'] ?? 'no content type').split(';')[0]?.trim() ?? '';
  const text = decodeBytes(response.body.subarray(0, 64 * 1024));
  if (/html/i.test(type) || /^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]*)/i.exec(text)?.[1];
    return title ? `an HTML page titled "${htmlToInlineText(title).slice(0, 80)}"` : 'an HTML page';
  }
  return `${type} (${response.body.length} bytes)`;
}

