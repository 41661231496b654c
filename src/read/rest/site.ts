import { WpExtractError } from '../../errors.js';
import { normalizeDate } from '../../parse/values.js';
import type { HttpClient } from '../http.js';
import type { StreamItem, StreamShape } from '../json-stream.js';
import { RestClient, withQuery } from './client.js';
import { Collections } from './collections.js';
import { Comments } from './comments.js';
import { ApiRoot, discoverPost } from './discovery.js';
import { incomplete, Pages, PER_PAGE } from './pages.js';
import { collectionRoute, hostOf, siblingRoute } from './routes.js';
import { MediaOriginals } from './media.js';
import { SiteDataReader } from './site-data.js';
import { TermNames } from './terms.js';

/** A post as a listing gives it: what an update compares, nothing else. */
export interface Listed {
  id: number;
  host: string;
  type: string;
  modified: string | null;
}

/**
 * What one collection of a site offers an update: plain listings and fetches, no decisions.
 * The mirror decides what to fetch (see src/mirror/).
 */
export interface CollectionSource {
  readonly host: string;
  /** The post type the collection holds, when the crawl resolved it. */
  readonly type: string | undefined;
  /** Every post's id, type, host and modification time, 100 a request; an incomplete listing is an error. */
  listing(): Promise<Listed[]>;
  /**
   * The posts modified after `since` (whole, with `_embed`) and how many the collection holds,
   * or null where the site cannot list by modification time (before WordPress 5.7).
   */
  recent(since: string): Promise<{ posts: Array<{ listed: Listed; value: unknown }>; total: number | null } | null>;
  /** The posts with these ids, 100 a request, whole and named, in the order given; gone ones left out. */
  fetch(ids: readonly number[], fetched?: ReadonlyMap<number, unknown>): AsyncGenerator<{ id: number; value: Record<string, unknown> }>;
  /** A post fetched whole, with the names of its terms and author. */
  named(post: unknown): Promise<unknown>;
  /** Every approved comment of the site, by post id. */
  allComments(): Promise<Map<number, unknown[]>>;
}

/** How an update reads a collection: the mirror's, given to the crawl as a plain strategy. */
export interface CollectionUpdate {
  /** Whether the folder holds anything of this host yet (else the update is a plain crawl). */
  covers(host: string): boolean;
  /** The posts to convert, as the crawl yields them; `shape.total` says how many. */
  read(source: CollectionSource, comments: boolean, shape: StreamShape): AsyncIterable<StreamItem>;
}

/** What a crawl of a collection is told. */
export interface CollectionCrawl {
  limit?: number;
  comments?: boolean;
  /** Fetch the media the posts show, for their original uploads (`--image-size full`). */
  originals?: boolean;
  /** List the site's media (page and file of each), for redirects to the files a folder saves. */
  attachments?: boolean;
  update?: CollectionUpdate;
}

/**
 * One WordPress site through its REST API: the parts a crawl composes (a client, the API root,
 * the collections, the names of terms and authors, the comments), each a small object.
 */
export class RestSite {
  readonly rest: RestClient;
  readonly root: ApiRoot;
  readonly collections: Collections;
  readonly names: TermNames;
  readonly comments: Comments;
  readonly media: MediaOriginals;
  readonly siteData: SiteDataReader;

  constructor(http: HttpClient, input: string) {
    this.rest = new RestClient(http, input);
    this.root = new ApiRoot(this.rest);
    this.collections = new Collections(this.rest, this.root);
    this.names = new TermNames(this.rest);
    this.comments = new Comments(this.rest);
    this.media = new MediaOriginals(this.rest);
    this.siteData = new SiteDataReader(this.rest);
  }

  /** Posts as a crawl gives them: terms and author named, and with `originals`, the media they show. */
  async complete(posts: readonly unknown[], collection: string, originals: boolean): Promise<unknown[]> {
    const named = await Promise.all(posts.map((post) => this.names.withNames(post)));
    return originals ? this.media.withMedia(named, collection) : named;
  }

  discoverPost(address: string): Promise<unknown> {
    return discoverPost(this.rest, address);
  }

  /**
   * Every post of a collection, in order: `per_page=100` with `_embed`, the first page telling
   * how many there are (`X-WP-Total`), later pages fetched a few at a time; with `comments`,
   * each page's comments in one more request or so. With `update`, what the update reads.
   */
  async *crawl(collection: string, crawl: CollectionCrawl, shape: StreamShape = { list: true }): AsyncGenerator<StreamItem> {
    // An update of a folder that holds nothing of this site yet is a crawl.
    if (crawl.update?.covers(new URL(collection).host)) {
      yield* crawl.update.read(this.source(collection, crawl.originals === true), crawl.comments === true, shape);
      return;
    }
    const limit = crawl.limit ?? Number.POSITIVE_INFINITY;
    let index = 0;
    const pages = new Pages(this.rest, collection, { _embed: '1' }, limit);
    for await (const posts of pages) {
      if (index === 0 && pages.total !== null) shape.total = Math.min(pages.total, limit);
      const named = await this.complete(posts, collection, crawl.originals === true);
      const { values, error } = crawl.comments ? await this.comments.withComments(siblingRoute(collection, 'wp/v2/comments'), named) : { values: named, error: null };
      for (const value of values) {
        if (index >= limit) return;
        yield { index: index++, value };
      }
      if (error) yield { index, error };
    }
    const missing = incomplete(pages.total, limit, index);
    if (missing) throw new WpExtractError('E_INCOMPLETE', `the crawl ended early${missing}`, { input: this.rest.input });
  }

  /** What a collection offers an update. */
  source(collection: string, originals = false): CollectionSource {
    const host = new URL(collection).host;
    const type = this.collections.typeOf(collection);
    return {
      host,
      type,
      listing: () => this.listing(collection, host),
      recent: (since) => this.recent(collection, host, type, since),
      fetch: (ids, fetched) => this.fetch(collection, ids, fetched, originals),
      named: async (post) => (await this.complete([post], collection, originals))[0],
      allComments: () => this.comments.allComments(collection),
    };
  }

  private async listing(collection: string, host: string): Promise<Listed[]> {
    const pages = new Pages(this.rest, collection, { _fields: 'id,type,link,modified,modified_gmt' });
    const listed: Listed[] = [];
    for await (const posts of pages) {
      for (const post of posts as Array<Record<string, unknown>>) if (typeof post?.id === 'number') listed.push(listedOf(post, host, 'post'));
    }
    const missing = incomplete(pages.total, Number.POSITIVE_INFINITY, listed.length);
    if (missing) throw new WpExtractError('E_INCOMPLETE', `the listing of posts ended early${missing}`, { input: this.rest.input });
    return listed;
  }

  private async recent(collection: string, host: string, type: string | undefined, since: string): ReturnType<CollectionSource['recent']> {
    if (type === undefined || !this.root.accepts(collectionRoute(collection), 'modified_after')) return null;
    const posts: Array<{ listed: Listed; value: unknown }> = [];
    for await (const page of new Pages(this.rest, collection, { _embed: '1', modified_after: since })) {
      for (const value of page) posts.push({ listed: listedOf(value as Record<string, unknown>, host, type), value });
    }
    const { total } = await this.rest.page(withQuery(collection, { per_page: '1', _fields: 'id' }));
    return { posts, total };
  }

  private async *fetch(collection: string, ids: readonly number[], fetched: ReadonlyMap<number, unknown> = new Map(), originals = false): AsyncGenerator<{ id: number; value: Record<string, unknown> }> {
    for (let at = 0; at < ids.length; at += PER_PAGE) {
      const some = ids.slice(at, at + PER_PAGE);
      const missing = some.filter((id) => !fetched.has(id));
      const url = withQuery(collection, { include: missing.join(','), per_page: String(missing.length), _embed: '1' });
      const posts = missing.length === 0 ? [] : await this.rest.json(url);
      if (!Array.isArray(posts)) throw new WpExtractError('E_REMOTE', 'expected a list of posts from a collection', { input: this.rest.input });
      // In the order asked, whatever order the site answers in.
      const byId = new Map<unknown, unknown>([...fetched, ...posts.map((post): [unknown, unknown] => [(post as { id?: unknown })?.id, post])]);
      for (const id of some) {
        const post = byId.get(id);
        if (post === undefined) continue; // gone between the listing and now
        yield { id, value: (await this.complete([post], collection, originals))[0] as Record<string, unknown> };
      }
    }
  }
}

function listedOf(post: Record<string, unknown>, host: string, type: string): Listed {
  const modified = normalizeDate(stringOr(post.modified_gmt)) ?? normalizeDate(stringOr(post.modified));
  return { id: typeof post.id === 'number' ? post.id : -1, host: hostOf(post.link) ?? host, type: typeof post.type === 'string' ? post.type : type, modified };
}

const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);
