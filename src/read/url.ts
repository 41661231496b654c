import { WpExtractError } from '../errors.js';
import { htmlToInlineText } from '../html/index.js';
import { commentsDigest, parseComments } from '../parse/comments.js';
import { describeWordPressError, isWordPressError } from '../parse/post.js';
import { normalizeDate } from '../parse/values.js';
import { postKey } from '../post.js';
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
  /** Fetch each post's approved comments (every page of them). @default false */
  comments?: boolean;
  /** Fetch only the posts new or changed against a folder (`--update`). */
  update?: CrawlUpdate;
}

/** What an `--update` crawl is told of a folder, and tells it back. */
export interface CrawlUpdate {
  /** What the folder holds of a post, by {@link postKey}. */
  known(key: string): { modified: string | null; comments?: string } | undefined;
  /** A post the site lists now. */
  listed(key: string): void;
  /** How many of the posts listed the folder holds as they are (not fetched). */
  unchanged(count: number): void;
  /** A site and post type (`host|type`) whose every post was listed: what the folder holds of it and the site does not list is gone. */
  complete(scope: string): void;
  /** The scopes (`host|type`) the folder holds of a host: none means a first run, a plain crawl. */
  scopesOf(host: string): string[];
  /** The posts the folder holds of a scope (`host|type`): each key and its `modified`. */
  entries(scope: string): Array<[key: string, modified: string | null]>;
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
  if (kind === 'rest-item' || kind === 'page') {
    const value = kind === 'page' ? await reader.discoverPost(url.href) : await reader.json(url.href);
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    if (Array.isArray(value)) shape.list = true;
    const comments = kind === 'page' ? repliesRoute(values[0]) ?? restUrl(defaultApiRoot(url.href), 'wp/v2/comments') : siblingRoute(url.href, 'wp/v2/comments');
    const { values: posts, error } = crawl.comments ? await reader.withComments(comments, values) : { values, error: null };
    yield* posts.map((item, index) => ({ index, value: item }));
    if (error) yield { index: posts.length, error };
    return;
  }
  shape.list = true;
  if (kind === 'rest-collection') {
    yield* reader.crawl(url.href, crawl, shape);
    return;
  }
  // `--type all`: every type of content the site has, one collection after the other.
  const types = crawl.type === 'all' ? await reader.contentTypes(url.href) : [crawl.type ?? 'posts'];
  let index = 0;
  for (const type of types) {
    const limit = crawl.limit === undefined ? undefined : crawl.limit - index;
    if (limit !== undefined && limit <= 0) return;
    const each = { ...crawl, type, ...(limit !== undefined ? { limit } : {}) };
    for await (const item of reader.crawl(await reader.collectionFor(url.href, each), each, shape)) yield { ...item, index: index++ };
  }
}

/** A collection's REST route without a trailing slash (`/wp/v2/posts`), as `types` and the API root's routes key it. */
function collectionRoute(collection: string): string {
  return restRouteOf(new URL(collection))?.replace(/\/$/, '') ?? '';
}

/** Post types that are not content: media, menus, templates, styles, fonts, reusable blocks. */
const NOT_CONTENT = new Set(['attachment', 'nav_menu_item', 'wp_block', 'wp_template', 'wp_template_part', 'wp_navigation', 'wp_global_styles', 'wp_font_family', 'wp_font_face']);

/** Reads JSON from a WordPress site through one client, with the site's API root worked out once. */
class RestReader {
  private root: string | null = null;
  /** The routes of the API root, once read: what each route accepts. */
  private routes: Record<string, { endpoints?: Array<{ args?: Record<string, unknown> }> }> = {};
  /** The post type of each collection route the crawl resolved (`/wp/v2/posts` → `post`). */
  private readonly types = new Map<string, string>();
  private readonly names = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: HttpClient,
    readonly input: string,
  ) {}

  /** Requests in flight at once. */
  get concurrency(): number {
    return this.client.options.concurrency;
  }

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
        this.routes = (value as { routes: unknown }).routes as typeof this.routes;
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

  /** The content types of a site (`--type all`): posts, pages, then its custom types, by slug. */
  async contentTypes(address: string): Promise<string[]> {
    const types = await this.json(restUrl(await this.apiRoot(address), 'wp/v2/types'));
    const custom = Object.keys((types ?? {}) as object).filter((slug) => slug !== 'post' && slug !== 'page' && !NOT_CONTENT.has(slug));
    return ['posts', 'pages', ...custom];
  }

  private async typeRoute(root: string, type: string): Promise<string> {
    const known = (route: string, slug: string): string => {
      this.types.set(`/${route}`, slug);
      return route;
    };
    if (type === 'posts' || type === 'post') return known('wp/v2/posts', 'post');
    if (type === 'pages' || type === 'page') return known('wp/v2/pages', 'page');
    const types = await this.json(restUrl(root, 'wp/v2/types'));
    for (const [slug, info] of Object.entries((types ?? {}) as Record<string, { rest_base?: string; rest_namespace?: string }>)) {
      if (slug === type || info.rest_base === type) return known(`${info.rest_namespace ?? 'wp/v2'}/${info.rest_base ?? slug}`, slug);
    }
    const have = Object.keys((types ?? {}) as object).join(', ');
    throw new WpExtractError('E_USAGE', `--type: the site has no post type "${type}" (it has: ${have})`, { input: this.input });
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
   * how many there are (`X-WP-Total`), later pages fetched a few at a time; with `comments`,
   * each page's comments in one more request or so. With `update`, a cheap listing first, and
   * only the posts it shows new or changed (see {@link RestReader.changed}).
   */
  async *crawl(collection: string, crawl: CrawlOptions, shape: StreamShape = { list: true }): AsyncGenerator<StreamItem> {
    // An update of a folder that holds nothing of this site yet is a crawl.
    if (crawl.update && crawl.update.scopesOf(new URL(collection).host).length > 0) {
      yield* this.changed(collection, crawl, crawl.update, shape);
      return;
    }
    const limit = crawl.limit ?? Number.POSITIVE_INFINITY;
    let index = 0;
    const pages = new Pages(this, collection, { _embed: '1' }, limit);
    for await (const posts of pages) {
      if (index === 0 && pages.total !== null) shape.total = Math.min(pages.total, limit);
      const named = await Promise.all(posts.map((post) => this.withNames(post)));
      const { values, error } = crawl.comments ? await this.withComments(siblingRoute(collection, 'wp/v2/comments'), named) : { values: named, error: null };
      for (const value of values) {
        if (index >= limit) return;
        yield { index: index++, value };
      }
      if (error) yield { index, error };
    }
    const missing = incomplete(pages.total, limit, index);
    if (missing) throw new WpExtractError('E_INCOMPLETE', `the crawl ended early${missing}`, { input: this.input });
  }

  /**
   * The posts of a collection that are new or changed against what a folder holds: a listing of
   * every post's id and modification time (`_fields`, 100 a page, the cheapest request the REST
   * API answers), then the new and changed ones, 100 a request (`include=`). The listing also
   * tells which posts the folder holds that the site no longer lists. With `comments`, every
   * approved comment of the site is listed too, so that a post whose comments changed is
   * fetched again.
   */
  private async *changed(collection: string, crawl: CrawlOptions, update: CrawlUpdate, shape: StreamShape): AsyncGenerator<StreamItem> {
    const host = new URL(collection).host;
    const recent = crawl.comments ? null : await this.recentChanges(collection, update, host);
    if (recent?.whole) {
      shape.total = recent.posts.length;
      let index = 0;
      for (const post of recent.posts) yield { index: index++, value: await this.withNames(post) };
      return;
    }
    // Posts fetched already by the shortcut need no second request.
    const fetched = new Map((recent?.posts ?? []).map((post) => [(post as { id?: unknown })?.id, post]));
    const listed = await this.listing(collection, host);
    const comments = crawl.comments ? await this.allComments(collection) : null;
    const digest = (id: number): string => commentsDigest(parseComments(comments?.get(id) ?? []));
    const wanted = listed.filter(({ id, key, modified }) => {
      update.listed(key);
      const known = update.known(key);
      return !known || known.modified !== modified || (comments !== null && (known.comments ?? '') !== digest(id));
    });
    // What was listed whole: the site and type of each post listed, and this collection's type
    // (for a listing that came back empty); never another type the folder holds.
    const type = this.types.get(collectionRoute(collection));
    const scopes = new Set(listed.map(({ key }) => key.slice(0, key.lastIndexOf('|'))));
    if (type !== undefined) scopes.add(`${host}|${type}`);
    for (const scope of scopes) update.complete(scope);
    update.unchanged(listed.length - wanted.length);
    shape.total = wanted.length;
    let index = 0;
    for (let at = 0; at < wanted.length; at += PER_PAGE) {
      const ids = wanted.slice(at, at + PER_PAGE).map(({ id }) => id);
      const missing = ids.filter((id) => !fetched.has(id));
      const url = withQuery(collection, { include: missing.join(','), per_page: String(missing.length), _embed: '1' });
      const posts = missing.length === 0 ? [] : ((await this.json(url)) as unknown);
      if (!Array.isArray(posts)) throw new WpExtractError('E_REMOTE', 'expected a list of posts from a collection', { input: this.input });
      // In the listing's order, whatever order the site answers in.
      const byId = new Map([...fetched, ...posts.map((post): [unknown, unknown] => [(post as { id?: unknown })?.id, post])]);
      for (const id of ids) {
        const post = byId.get(id);
        if (post === undefined) continue; // gone between the listing and now
        const named = (await this.withNames(post)) as Record<string, unknown>;
        yield { index: index++, value: comments ? withReplies(named, comments.get(id) ?? []) : named };
      }
    }
  }

  /** Every post of a collection as an update needs it: id, key and modification time, 100 a request; an incomplete listing is an error. */
  private async listing(collection: string, host: string): Promise<Array<{ id: number; key: string; modified: string | null }>> {
    const pages = new Pages(this, collection, { _fields: 'id,type,link,modified,modified_gmt' });
    const listed: Array<{ id: number; key: string; modified: string | null }> = [];
    for await (const posts of pages) {
      for (const post of posts as Array<Record<string, unknown>>) {
        if (typeof post?.id !== 'number') continue;
        const key = postKey(hostOf(post.link) ?? host, typeof post.type === 'string' ? post.type : 'post', post.id);
        listed.push({ id: post.id, key, modified: normalizeDate(stringOr(post.modified_gmt)) ?? normalizeDate(stringOr(post.modified)) });
      }
    }
    const missing = incomplete(pages.total, Number.POSITIVE_INFINITY, listed.length);
    if (missing) throw new WpExtractError('E_INCOMPLETE', `the listing of posts ended early${missing}`, { input: this.input });
    return listed;
  }

  /**
   * The shortcut of an update, on WordPress 5.7 and later: the posts modified since the newest
   * the folder holds (`modified_after`, a day earlier to be safe with time zones), and the count of
   * the collection (`X-WP-Total`). When the count is what the folder holds plus the new posts,
   * nothing is gone and no listing is needed (`whole`); otherwise the caller lists every post,
   * and takes the posts fetched here from here. Null when the site or the folder cannot tell.
   * (A post deleted while another one, published with an older modification time, appeared is
   * missed by the count; the next listing finds both.) Not for comments: they do not move a
   * post's modification time.
   */
  private async recentChanges(collection: string, update: CrawlUpdate, host: string): Promise<{ posts: unknown[]; whole: boolean } | null> {
    const route = collectionRoute(collection);
    const type = this.types.get(route);
    const args = this.routes[route]?.endpoints?.[0]?.args;
    if (type === undefined || !args || !('modified_after' in args)) return null;
    const known = update.entries(`${host}|${type}`);
    const newest = known.reduce<string | null>((max, [, modified]) => (modified !== null && (max === null || modified > max) ? modified : max), null);
    if (newest === null || known.some(([, modified]) => modified === null)) return null;
    const since = new Date(Date.parse(newest) - 24 * 3600 * 1000).toISOString().slice(0, 19);
    const recent: unknown[] = [];
    for await (const posts of new Pages(this, collection, { _embed: '1', modified_after: since })) recent.push(...posts);
    const { total } = await this.page(withQuery(collection, { per_page: '1', _fields: 'id' }));
    const keys = recent.map((post) => {
      const p = post as { id?: unknown; link?: unknown; type?: unknown };
      return postKey(hostOf(p.link) ?? host, typeof p.type === 'string' ? p.type : type, typeof p.id === 'number' ? p.id : -1);
    });
    const added = keys.filter((key) => !update.known(key)).length;
    if (total === null || total !== known.length + added) return { posts: recent, whole: false };
    for (const [key] of known) update.listed(key);
    for (const key of keys) update.listed(key);
    update.complete(`${host}|${type}`);
    update.unchanged(known.length - (keys.length - added));
    return { posts: recent, whole: true };
  }

  /** Every approved comment of a site, by post id (for `--update --comments`). */
  private allComments(collection: string): Promise<Map<number, unknown[]>> {
    return this.commentsByPost(siblingRoute(collection, 'wp/v2/comments'), {});
  }

  /** Every page of a comments listing, the comments by the post they belong to. */
  private async commentsByPost(route: string, query: Record<string, string>): Promise<Map<number, unknown[]>> {
    const byPost = new Map<number, unknown[]>();
    for await (const comments of new Pages(this, route, query, Number.POSITIVE_INFINITY, 'comments')) {
      for (const comment of comments as Array<{ post?: unknown }>) {
        if (typeof comment?.post !== 'number') continue;
        const list = byPost.get(comment.post);
        if (list) list.push(comment);
        else byPost.set(comment.post, [comment]);
      }
    }
    return byPost;
  }

  /**
   * The posts with every approved comment of theirs as `_embedded.replies` (where `_embed` puts
   * the first ten): one listing for the whole page of posts, every page of it. Password-protected
   * posts are left out of the request (WordPress refuses it whole for them). A failure leaves the
   * posts as they are and is returned, to be reported after them.
   */
  async withComments(commentsRoute: string, posts: unknown[]): Promise<{ values: unknown[]; error: WpExtractError | null }> {
    const open = posts.flatMap((post) => {
      const p = post as { id?: unknown; content?: { protected?: unknown } };
      return typeof p?.id === 'number' && p.content?.protected !== true ? [p.id] : [];
    });
    if (open.length === 0) return { values: posts, error: null };
    let byPost: Map<number, unknown[]>;
    try {
      byPost = await this.commentsByPost(commentsRoute, { post: open.join(',') });
    } catch (error) {
      const reason = error instanceof WpExtractError ? error.message : String(error);
      return { values: posts, error: new WpExtractError('E_REMOTE', `comments of posts ${open.join(', ')} not read: ${reason}`, { input: this.input, cause: error }) };
    }
    const asked = new Set(open);
    const values = posts.map((post) => {
      const id = (post as { id?: unknown })?.id;
      return typeof id === 'number' && asked.has(id) ? withReplies(post as Record<string, unknown>, byPost.get(id) ?? []) : post;
    });
    return { values, error: null };
  }

  /** One page of a collection: its items, how many pages and items the site says there are. */
  async page(url: string): Promise<Page> {
    const response = await this.client.get(url, ACCEPT_JSON);
    const value = tryJson(response);
    // A page past the end; an empty collection answers [] instead.
    if (isWordPressError(value) && value.code === 'rest_post_invalid_page_number') return { items: [], totalPages: 0, total: null };
    const items = this.interpret(response, value);
    if (!Array.isArray(items)) throw new WpExtractError('E_REMOTE', 'expected a list from a collection', { input: this.input });
    const totalPages = Number.parseInt(response.headers['x-wp-totalpages'] ?? '', 10);
    const total = Number.parseInt(response.headers['x-wp-total'] ?? '', 10);
    return { items, totalPages: Number.isNaN(totalPages) ? Number.POSITIVE_INFINITY : totalPages, total: Number.isNaN(total) ? null : total };
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


/** Items a page of a collection asks for: the most the REST API gives. */
const PER_PAGE = 100;

interface Page {
  items: unknown[];
  totalPages: number;
  total: number | null;
}

/**
 * The pages of a collection, in order, each as the items no earlier page brought: the first page
 * tells how many there are (`X-WP-TotalPages`), later ones are fetched a few at a time. A page
 * that brings nothing new means the site answers every page alike (a cache that ignores the
 * query string): going on would fetch the same page for ever, so it stops with E_INCOMPLETE.
 * An item repeated by pages that shifted while the crawl ran is handed on once.
 */
class Pages implements AsyncIterable<unknown[]> {
  /** What the site says the collection holds (`X-WP-Total`), once the first page is read. */
  total: number | null = null;

  constructor(
    private readonly reader: RestReader,
    private readonly collection: string,
    private readonly query: Record<string, string>,
    private readonly limit = Number.POSITIVE_INFINITY,
    private readonly noun = 'posts',
  ) {}

  private url(page: number): string {
    const url = new URL(withQuery(this.collection, this.query));
    url.searchParams.set('per_page', url.searchParams.get('per_page') ?? String(PER_PAGE));
    url.searchParams.set('page', String(page));
    return url.href;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<unknown[]> {
    const first = await this.reader.page(this.url(1));
    this.total = first.total;
    const perPage = Number.parseInt(new URL(this.url(1)).searchParams.get('per_page') ?? '', 10) || PER_PAGE;
    const lastPage = Math.min(first.totalPages, Math.ceil(this.limit / perPage));
    const window = Math.max(1, this.reader.concurrency);
    const pending = new Map<number, Promise<Page>>();
    const seen = new Set<unknown>();
    let nextToFetch = 2;
    let handed = 0;
    for (let page = 1; page <= lastPage && handed < this.limit; page++) {
      // Keep a few later pages in flight while this one is handed on.
      while (nextToFetch <= Math.min(lastPage, page + window)) {
        const request = this.reader.page(this.url(nextToFetch));
        request.catch(() => undefined); // awaited in turn below; never left unhandled
        pending.set(nextToFetch++, request);
      }
      const { items } = page === 1 ? first : await (pending.get(page) as Promise<Page>);
      pending.delete(page);
      if (items.length === 0) break;
      const fresh = items.filter((item) => {
        const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
        if (id === undefined) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (fresh.length === 0) {
        throw new WpExtractError('E_INCOMPLETE', `page ${page} holds only ${this.noun} of earlier pages (does a cache ignore the query string?): stopped after ${handed} ${this.noun}${incomplete(first.total, this.limit, handed)}`, { input: this.reader.input });
      }
      handed += fresh.length;
      yield fresh;
    }
  }
}

/** An address with query parameters set. */
function withQuery(address: string, query: Record<string, string>): string {
  const url = new URL(address);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/** Another route of the same API as a collection's address (`wp/v2/comments` beside `wp/v2/posts`). */
function siblingRoute(collection: string, route: string): string {
  const url = new URL(collection);
  const restRoute = url.searchParams.has('rest_route');
  // The collection's filters are not carried over: only the route changes.
  url.search = '';
  if (restRoute) url.searchParams.set('rest_route', `/${route}`);
  else url.pathname = url.pathname.replace(/\/wp-json\/.*$/, `/wp-json/${route}`);
  return url.href;
}

/** The comments route a post links to (`_links.replies`), without its query. */
function repliesRoute(post: unknown): string | null {
  const href = (post as { _links?: { replies?: Array<{ href?: unknown }> } } | null)?._links?.replies?.[0]?.href;
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(href);
    const route = url.searchParams.get('rest_route');
    url.search = '';
    if (route !== null) url.searchParams.set('rest_route', route);
    return url.href;
  } catch {
    return null;
  }
}

/** A post with its comments where `_embed` puts them. */
function withReplies(post: Record<string, unknown>, comments: unknown[]): Record<string, unknown> {
  const embedded = typeof post._embedded === 'object' && post._embedded !== null ? post._embedded : {};
  return { ...post, _embedded: { ...embedded, replies: [comments] } };
}

function hostOf(link: unknown): string | null {
  try {
    return typeof link === 'string' ? new URL(link).host : null;
  } catch {
    return null;
  }
}

const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);
