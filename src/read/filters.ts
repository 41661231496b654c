import { WpExtractError } from '../errors.js';
import type { Post } from '../post.js';

/**
 * Which posts a run reads. A site filters on its side (REST query parameters); exports, files
 * and stdin hold every post, so their sources apply the same filters to each post parsed
 * ({@link PostFilter}): the same options mean the same whatever the input.
 */
export interface Filters {
  /** `posts`, `pages`, a custom type's slug or REST base, or `all`. A site and an export read `posts` unless told; a JSON file keeps every type unless told. */
  type?: string;
  /** Statuses to include, or `all`. A site and an export read `publish` unless told; a JSON file keeps what it holds unless told. */
  status?: string[];
  /** Only posts published after this ISO 8601 date (a date alone is midnight; UTC for files, the site's time for a site). */
  after?: string;
  /** Only posts published before this date. */
  before?: string;
  /** Only posts in one of these categories (slugs). @default [] */
  categories: string[];
  /** Only posts with one of these tags (slugs). @default [] */
  tags: string[];
  /** Only posts whose title, excerpt or content holds every word of this search (case-insensitive). */
  search?: string;
  /** Stop after this many posts (of each input). */
  limit?: number;
  /** Keep the content of password-protected posts (an export holds it in the clear). @default false */
  protectedContent: boolean;
}

/** `2024-01-31` or a full ISO 8601 date, as WordPress's `after`/`before` want it; anything else is a usage error. */
export function isoDate(value: string, option: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new WpExtractError('E_USAGE', `${option}: expected a date such as 2024-01-31, got "${value}"`);
  }
  return date;
}

/** Filters completed and checked: dates well formed, a limit of at least 1, statuses known. */
export function checkFilters(given: Partial<Filters>): Filters {
  const filters: Filters = { categories: [], tags: [], protectedContent: false, ...given };
  if (filters.after !== undefined) isoDate(filters.after, '--after');
  if (filters.before !== undefined) isoDate(filters.before, '--before');
  if (filters.limit !== undefined && (!Number.isInteger(filters.limit) || filters.limit < 1)) {
    throw new WpExtractError('E_USAGE', `--limit: expected a whole number of at least 1, got "${filters.limit}"`);
  }
  for (const status of filters.status ?? []) {
    if (!STATUSES.has(status)) throw new WpExtractError('E_USAGE', `--status: unknown status "${status}" (known: ${[...STATUSES].join(', ')})`);
  }
  return filters;
}

const STATUSES = new Set(['publish', 'future', 'draft', 'pending', 'private', 'all']);

/** A date filter as an instant: a date without a zone is UTC. */
const instant = (value: string): number => {
  const date = isoDate(value, '');
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(date) ? date : `${date}Z`);
};

const lower = (text: string): string => text.toLocaleLowerCase('en-US');

/**
 * The filters as a test of a parsed post, for the sources that hold every post (exports, JSON
 * files, stdin). `native` names what the source filtered already (an export's type and status).
 * A category or tag filter on posts that name their terms by id only (saved without `_embed`
 * or `class_list`) cannot be honoured: that is a usage error, not a silent miss.
 */
export class PostFilter {
  private readonly after: number | null;
  private readonly before: number | null;
  private readonly words: string[];

  constructor(
    private readonly filters: Filters,
    private readonly native: { type: boolean; status: boolean },
  ) {
    this.after = filters.after === undefined ? null : instant(filters.after);
    this.before = filters.before === undefined ? null : instant(filters.before);
    this.words = lower(filters.search ?? '').split(/\s+/).filter(Boolean);
  }

  /** Whether every post passes (nothing to test). */
  get open(): boolean {
    const f = this.filters;
    const typed = !this.native.type && f.type !== undefined && f.type !== 'all';
    const statused = !this.native.status && f.status !== undefined && !f.status.includes('all');
    return !typed && !statused && this.after === null && this.before === null && this.words.length === 0 && f.categories.length === 0 && f.tags.length === 0;
  }

  matches(post: Post, input: string): boolean {
    const f = this.filters;
    if (!this.native.type && f.type !== undefined && f.type !== 'all' && !sameType(post.type, f.type)) return false;
    if (!this.native.status && f.status !== undefined && !f.status.includes('all') && !f.status.includes(post.status ?? 'publish')) return false;
    if (this.after !== null || this.before !== null) {
      const date = post.date === null ? Number.NaN : Date.parse(post.date);
      if (Number.isNaN(date) || (this.after !== null && date <= this.after) || (this.before !== null && date >= this.before)) return false;
    }
    if (!this.hasTerms(post, 'category', f.categories, '--category', input) || !this.hasTerms(post, 'post_tag', f.tags, '--tag', input)) return false;
    return this.words.length === 0 || this.found(post);
  }

  private hasTerms(post: Post, taxonomy: string, slugs: readonly string[], flag: string, input: string): boolean {
    if (slugs.length === 0) return true;
    const named = taxonomy === 'category' ? post.categories : post.tags;
    const terms = (post.terms ?? []).filter((t) => t.taxonomy === taxonomy);
    if (terms.length === 0 && named.some((term) => typeof term === 'number')) {
      throw new WpExtractError('E_USAGE', `${flag}: the posts name their terms by id only (saved without _embed or class_list), so the filter cannot tell; filter on the site instead`, { input });
    }
    const wanted = new Set(slugs.map(lower));
    return terms.some((t) => wanted.has(lower(t.slug)));
  }

  /** Every word of the search in the title, excerpt or content (markup left out). */
  private found(post: Post): boolean {
    const text = lower(`${post.title}\n${stripTags(post.excerptHtml)}\n${stripTags(post.contentHtml)}`);
    return this.words.every((word) => text.includes(word));
  }
}

/** `posts` and `post`, `pages` and `page` name the same type. */
const sameType = (type: string, wanted: string): boolean => type === wanted || ({ posts: 'post', pages: 'page' } as Record<string, string>)[wanted] === type;

const stripTags = (html: string): string => html.replace(/<[^>]*>/g, ' ');
