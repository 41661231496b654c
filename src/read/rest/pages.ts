import { WpExtractError } from '../../errors.js';
import { withQuery, type Page, type RestClient } from './client.js';

/** Items a page of a collection asks for: the most the REST API gives. */
export const PER_PAGE = 100;

/** How a crawl falls short of what the site said it holds (`X-WP-Total`), or '' when it does not. */
export function incomplete(total: number | null, limit: number, got: number): string {
  const expected = total === null ? null : Math.min(total, limit);
  return expected !== null && got < expected ? `; the site lists ${expected}, ${expected - got} missing` : '';
}

/**
 * The pages of a collection, in order, each as the items no earlier page brought: the first page
 * tells how many there are (`X-WP-TotalPages`), later ones are fetched a few at a time. A page
 * that brings nothing new means the site answers every page alike (a cache that ignores the
 * query string): going on would fetch the same page for ever, so it stops with E_INCOMPLETE.
 * An item repeated by pages that shifted while the crawl ran is handed on once.
 */
export class Pages implements AsyncIterable<unknown[]> {
  /** What the site says the collection holds (`X-WP-Total`), once the first page is read. */
  total: number | null = null;

  constructor(
    private readonly reader: RestClient,
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
