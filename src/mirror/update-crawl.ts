import { commentsDigest, parseComments } from '../parse/comments.js';
import { postKey, scopeKey } from '../post.js';
import type { StreamItem, StreamShape } from '../read/json-stream.js';
import type { CollectionSource, CollectionUpdate, Listed } from '../read/url.js';
import { withReplies } from '../read/rest/comments.js';
import type { StateKeeper } from './keeper.js';

const keyOfListed = (listed: Listed): string => postKey(listed.host, listed.type, listed.id);
const DAY_MS = 24 * 3600 * 1000;

/**
 * An update's reading of one collection of a site the folder holds: the collection is asked
 * for plain listings, and this decides what is fetched. With every post's id and modification
 * time (`_fields`, 100 a page, the cheapest request the REST API answers), the new and changed
 * posts are fetched, 100 a request; the listing also tells which posts the folder holds that the
 * site no longer lists. With comments, every approved comment of the site is listed too, so that
 * a post whose comments changed is fetched again.
 */
export class UpdateCrawl implements CollectionUpdate {
  constructor(private readonly keeper: StateKeeper) {}

  covers(host: string): boolean {
    return this.keeper.holds(host);
  }

  async *read(source: CollectionSource, comments: boolean, shape: StreamShape): AsyncGenerator<StreamItem> {
    const recent = comments ? null : await this.recentChanges(source);
    if (recent?.whole) {
      shape.total = recent.posts.length;
      let index = 0;
      for (const { value } of recent.posts) yield { index: index++, value: await source.named(value) };
      return;
    }
    // Posts fetched already by the shortcut need no second request.
    const fetched = new Map((recent?.posts ?? []).map(({ listed, value }) => [listed.id, value]));
    const listed = await source.listing();
    const byPost = comments ? await source.allComments() : null;
    const wanted = listed.filter((post) => this.wanted(post, byPost));
    // What was listed whole: the site and type of each post listed, and this collection's type
    // (for a listing that came back empty); never another type the folder holds.
    const scopes = new Set(listed.map((post) => scopeKey(post.host, post.type)));
    if (source.type !== undefined) scopes.add(scopeKey(source.host, source.type));
    for (const scope of scopes) this.keeper.complete(scope);
    this.keeper.unchangedPosts(listed.length - wanted.length);
    shape.total = wanted.length;
    let index = 0;
    for await (const { id, value } of source.fetch(wanted.map((post) => post.id), fetched)) {
      yield { index: index++, value: byPost ? withReplies(value, byPost.get(id) ?? []) : value };
    }
  }

  /** Whether a listed post is new or changed against the folder (its comments too, when they were listed). */
  private wanted(post: Listed, byPost: Map<number, unknown[]> | null): boolean {
    const key = keyOfListed(post);
    this.keeper.listed(key);
    const known = this.keeper.known(key);
    if (!known || known.modified !== post.modified) return true;
    return byPost !== null && (known.comments ?? '') !== commentsDigest(parseComments(byPost.get(post.id) ?? []));
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
  private async recentChanges(source: CollectionSource): Promise<{ posts: Array<{ listed: Listed; value: unknown }>; whole: boolean } | null> {
    if (source.type === undefined) return null;
    const known = this.keeper.entries(scopeKey(source.host, source.type));
    const newest = known.reduce<string | null>((max, [, modified]) => (modified !== null && (max === null || modified > max) ? modified : max), null);
    if (newest === null || known.some(([, modified]) => modified === null)) return null;
    const recent = await source.recent(new Date(Date.parse(newest) - DAY_MS).toISOString().slice(0, 19));
    if (recent === null) return null;
    const keys = recent.posts.map(({ listed }) => keyOfListed(listed));
    const added = keys.filter((key) => !this.keeper.known(key)).length;
    if (recent.total === null || recent.total !== known.length + added) return { posts: recent.posts, whole: false };
    for (const [key] of known) this.keeper.listed(key);
    for (const key of keys) this.keeper.listed(key);
    this.keeper.complete(scopeKey(source.host, source.type));
    this.keeper.unchangedPosts(known.length - (keys.length - added));
    return { posts: recent.posts, whole: true };
  }
}
