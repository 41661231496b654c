import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { WpExtractError } from '../errors.js';
import type { AuthorProfile } from '../post.js';

/**
 * A folder's state: what wp-extract wrote there, so that `--update` can fetch and write only
 * what changed, and tell what is gone. One small JSON file at the folder's top, written whole
 * (atomically) at the end of every run that writes the folder; a folder copied elsewhere keeps it.
 * The leading `_` keeps Jekyll from publishing it; Hugo, Eleventy and Astro do not read it.
 */
export const STATE_FILE = '_wp-extract.json';
const STATE_VERSION = 1;

/** What the state holds of one post, by its key (`host|type|id`). */
export interface StateEntry {
  /** Its file, relative to the folder. */
  path: string;
  /** Its `modified` when written (UTC); null when the file was found there, not written. */
  modified: string | null;
  /** A fingerprint of its comments, when they were asked for (see commentsDigest). */
  comments?: string;
  /** The images downloaded for it, relative to the folder. */
  images?: string[];
  /** Its WordPress permalink, and where the generator serves it: what later posts link to. */
  link?: string;
  url?: string;
  /** Addresses it had before (earlier slugs, and where earlier runs served it), which redirect to `url`. */
  old?: string[];
  /** With a generator: its title, date and the archives it is in (its terms', author's and date's), for the archive pages. */
  title?: string;
  date?: string;
  archives?: Array<[path: string, title: string]>;
}


/** The entries of a folder's state, by post key, and the authors of its posts, by slug. */
export class FolderState {
  /** The site pages the last run wrote (archives, redirect pages), which the next one removes when it does not write them again. */
  pages: string[] = [];

  private constructor(
    readonly entries: Map<string, StateEntry>,
    readonly authors: Map<string, AuthorProfile> = new Map(),
  ) {}

  static empty(): FolderState {
    return new FolderState(new Map());
  }

  /** Keeps what the site says of an author, the fuller word winning field by field. */
  author(profile: AuthorProfile): void {
    const before = this.authors.get(profile.slug);
    this.authors.set(profile.slug, { ...profile, ...(before?.description && !profile.description ? { description: before.description } : {}), ...(before?.url && !profile.url ? { url: before.url } : {}) });
  }

  /** The state of a folder; empty when it has none. A damaged file is an error: a full run would rewrite everything. */
  static async load(dir: string): Promise<FolderState> {
    const path = join(dir, STATE_FILE);
    let text: string;
    try {
      text = await fsp.readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return FolderState.empty();
      throw new WpExtractError('E_READ', `cannot read the folder's state: ${(error as Error).message}`, { input: path, cause: error });
    }
    let value: { version?: unknown; posts?: unknown; authors?: unknown; pages?: unknown };
    try {
      value = JSON.parse(text) as typeof value;
    } catch (error) {
      throw new WpExtractError('E_READ', 'the folder\'s state is not valid JSON (remove it to write every post again)', { input: path, cause: error });
    }
    if (value.version !== STATE_VERSION || typeof value.posts !== 'object' || value.posts === null) {
      throw new WpExtractError('E_READ', `not a wp-extract state of version ${STATE_VERSION} (remove it to write every post again)`, { input: path });
    }
    const entries = new Map<string, StateEntry>();
    for (const [key, entry] of Object.entries(value.posts as Record<string, StateEntry>)) {
      if (typeof entry?.path === 'string') entries.set(key, entry);
    }
    const authors = new Map<string, AuthorProfile>();
    if (typeof value.authors === 'object' && value.authors !== null) {
      for (const [slug, profile] of Object.entries(value.authors as Record<string, AuthorProfile>)) if (typeof profile?.name === 'string') authors.set(slug, { ...profile, slug });
    }
    const state = new FolderState(entries, authors);
    if (Array.isArray(value.pages)) state.pages = value.pages.filter((page): page is string => typeof page === 'string');
    return state;
  }

  get(key: string): StateEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: StateEntry): void {
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Whether a post other than `except` has this file. */
  pathUsed(path: string, except: string): boolean {
    for (const [key, entry] of this.entries) if (key !== except && entry.path === path) return true;
    return false;
  }

  /** Every image some post of the state uses. */
  imagesInUse(): Set<string> {
    return new Set([...this.entries.values()].flatMap((entry) => entry.images ?? []));
  }

  /** The state as its file holds it: keys sorted, one post a line, so that it diffs well. */
  text(): string {
    const keys = [...this.entries.keys()].sort();
    const lines = keys.map((key) => `    ${JSON.stringify(key)}: ${JSON.stringify(this.entries.get(key))}`);
    const authors = [...this.authors.keys()].sort().map((slug) => `    ${JSON.stringify(slug)}: ${JSON.stringify(this.authors.get(slug))}`);
    const authorsPart = `${authors.length > 0 ? `,\n  "authors": {\n${authors.join(',\n')}\n  }` : ''}${this.pages.length > 0 ? `,\n  "pages": ${JSON.stringify([...this.pages].sort())}` : ''}`;
    return `{\n  "version": ${STATE_VERSION},\n  "generator": "wp-extract",\n  "posts": {${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}}${authorsPart}\n}\n`;
  }
}
