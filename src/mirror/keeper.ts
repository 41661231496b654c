import { join } from 'node:path';
import { WpExtractError } from '../errors.js';
import { commentsDigest } from '../parse/comments.js';
import { keyOf, parsePostKey, scopeKey, type ExtractedPost } from '../post.js';
import type { CollectionUpdate } from '../read/url.js';
import { UpdateCrawl } from './update-crawl.js';
import { formerAddresses, isDraft, sitePath } from '../render/fields.js';
import { archivesOf } from './archives.js';
import { FolderListings } from '../write/files.js';
import type { WriteOutcome } from '../write/folder.js';
import { ownString } from '../write/files.js';
import type { FolderState, StateEntry } from './state.js';
import type { InputItem } from '../run/inputs.js';

/** The site and type of a post key, as a scope (`host|type`). */
const scopeOf = (key: string): string => {
  const { host, type } = parsePostKey(key);
  return scopeKey(host, type);
};

/** What became of a post the folder had, or did not have, once written. */
export type Change = 'new' | 'changed';

/**
 * A run's bookkeeping of its folder's state. Every folder run records what it writes (the
 * post's file, `modified`, comments and images); with `update`, posts the folder holds as they
 * are upstream are not converted at all, and at the end, the posts of a site and type that was
 * listed (or read) whole but were not among them are gone.
 */
export class StateKeeper {
  private readonly seen = new Set<string>();
  /** What the folder holds, listed once per folder. */
  private readonly files = new FolderListings();
  private readonly scopes = new Set<string>();
  /** Comment fingerprints of the posts under way, by key, taken from the posts as read. */
  private readonly digests = new Map<string, string>();
  /** Whether every source was read to its end and every post of it read (else nothing can be said to be gone). */
  private whole = true;

  constructor(
    readonly state: FolderState,
    private readonly dir: string,
    readonly update: boolean,
    private readonly comments: boolean,
    /** Told of posts found unchanged (not converted, not written). */
    private readonly unchanged: (count: number) => void,
    /** Whether a generator serves the posts at their old addresses (a preset): their addresses are kept. */
    private readonly served = false,
  ) {}

  /** How an `--update` crawl reads a collection of a site the folder holds: only what changed. */
  crawlUpdate(): CollectionUpdate {
    return new UpdateCrawl(this);
  }

  /** What the folder holds of a post as it is (a post whose file was removed by hand is as good as new). */
  known(key: string): StateEntry | undefined {
    const entry = this.state.get(key);
    return entry && this.present(entry) ? entry : undefined;
  }

  /** A post a site lists now. */
  listed(key: string): void {
    this.seen.add(key);
  }

  /** A site and post type whose every post was listed: what the folder holds of it and the site does not list is gone. */
  complete(scope: string): void {
    this.scopes.add(scope);
  }

  /** Posts found as the folder holds them (not fetched, not converted). */
  unchangedPosts(count: number): void {
    this.unchanged(count);
  }

  /** The posts the folder holds of a site and type: each key, and its `modified` (null when its file is gone). */
  entries(scope: string): Array<[key: string, modified: string | null]> {
    return [...this.state.entries].filter(([key]) => scopeOf(key) === scope).map(([key, entry]) => [key, this.present(entry) ? entry.modified : null]);
  }

  /** Whether the folder holds any post of a host. */
  holds(host: string): boolean {
    for (const key of this.state.entries.keys()) if (parsePostKey(key).host === host) return true;
    return false;
  }

  /** The items of a run, without (with `update`) the posts the folder already holds as they are. */
  async *filter(items: AsyncIterable<InputItem>): AsyncGenerator<InputItem> {
    for await (const item of items) {
      // A post that could not be read may be one the folder holds: nothing can be said to be gone.
      if (item.error !== undefined && !(item.error instanceof WpExtractError && item.error.code === 'E_NOT_POST')) this.whole = false;
      const key = item.post ? keyOf(item.post) : null;
      if (item.post && key !== null) {
        this.seen.add(key);
        this.scopes.add(scopeOf(key));
        const digest = this.comments ? commentsDigest(item.post.comments) : undefined;
        if (this.update && this.isCurrent(this.state.get(key), item.post.modified, digest)) {
          this.unchanged(1);
          continue;
        }
        if (digest !== undefined) this.digests.set(key, digest);
      }
      yield item;
    }
  }

  private isCurrent(entry: StateEntry | undefined, modified: string | null, digest: string | undefined): boolean {
    if (!entry || entry.modified === null || entry.modified !== modified) return false;
    if (digest !== undefined && (entry.comments ?? '') !== digest) return false;
    return this.present(entry);
  }

  /** Whether a post's file is still in the folder (one listing per folder, not a call per post). */
  private present(entry: StateEntry): boolean {
    return this.files.has(join(this.dir, entry.path));
  }

  /**
   * Records what became of a post: a file written (new, or changed over what the folder had) or
   * found there. Returns the change, and the post's old file when it moved (a new slug), which
   * no other post has.
   */
  record(post: ExtractedPost, outcome: WriteOutcome): { change: Change | null; moved: string | null } {
    const key = keyOf(post);
    if (key === null || outcome.status === 'duplicate') return { change: outcome.status === 'written' ? 'new' : null, moved: null };
    const before = this.state.get(key);
    const digest = this.digests.get(key);
    this.digests.delete(key);
    if (outcome.status === 'skipped') {
      // Found there, of an unknown vintage: an update will write it again.
      if (!before) this.state.set(key, { path: outcome.path, modified: null, ...this.addresses(post) });
      return { change: null, moved: null };
    }
    const images = outcome.images ?? (before?.path === outcome.path ? before.images : undefined);
    // The author of a post the generator builds, for the authors data file.
    if (this.served && post.authorProfile && !isDraft(post)) this.state.author(post.authorProfile);
    this.state.set(key, {
      path: outcome.path,
      modified: post.modified,
      ...this.addresses(post),
      ...(digest !== undefined ? { comments: digest } : before?.comments !== undefined ? { comments: before.comments } : {}),
      ...(images && images.length > 0 ? { images } : {}),
    });
    const moved = before && before.path !== outcome.path && !this.state.pathUsed(before.path, key) ? before.path : null;
    return { change: before ? 'changed' : 'new', moved };
  }

  /**
   * A post's permalink, and with a generator, where it serves the post, where it served it
   * before, and what its archives need, as the state keeps them (its own copies).
   */
  private addresses(post: ExtractedPost): Pick<StateEntry, 'link' | 'url' | 'old' | 'title' | 'date' | 'archives'> {
    const link = post.link ? { link: ownString(post.link) } : {};
    // A draft (or a protected post) is not built: nothing may lead to it, no archive lists it.
    const url = this.served && !isDraft(post) ? sitePath(post) : null;
    if (!url) return link;
    const old = formerAddresses(post);
    const archives = archivesOf(post);
    return { ...link, url, ...(old ? { old } : {}), title: ownString(post.title), ...(post.date ? { date: post.date } : {}), ...(archives.length > 0 ? { archives } : {}) };
  }

  /**
   * A post with the addresses the folder served it at before (its slug changed since an earlier
   * run), for the generator's redirects; the post as it is when there are none.
   */
  withFormerAddresses(post: ExtractedPost): ExtractedPost {
    const key = this.served ? keyOf(post) : null;
    const entry = key === null ? undefined : this.state.get(key);
    if (!entry?.url) return post;
    const now = sitePath(post);
    const before = [entry.url, ...(entry.old ?? [])].filter((address) => address !== now);
    return before.length > 0 ? { ...post, movedFrom: [...new Set(before)] } : post;
  }

  /**
   * The posts the folder holds that are gone upstream: of a site and type read whole in this
   * run, and not among its posts. None unless `update`, and none when a source failed.
   */
  gone(): Array<[key: string, entry: StateEntry]> {
    if (!this.update || !this.whole) return [];
    return [...this.state.entries].filter(([key]) => this.scopes.has(scopeOf(key)) && !this.seen.has(key)).sort(([, a], [, b]) => a.path.localeCompare(b.path));
  }

  /** Forgets a pruned post; returns its images that no other post uses. */
  forget(key: string): string[] {
    const images = this.state.get(key)?.images ?? [];
    this.state.delete(key);
    const inUse = this.state.imagesInUse();
    return images.filter((image) => !inUse.has(image));
  }
}
