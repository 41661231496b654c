import { WpExtractError } from '../../errors.js';
import { htmlToInlineText } from '../../html/index.js';
import { describeWordPressError, isWordPressError } from '../../parse/post.js';
import { decodeBytes } from '../file.js';
import type { HttpClient, HttpResponse } from '../http.js';
import { restRouteOf } from './routes.js';

export const ACCEPT_JSON = 'application/json';
/** WordPress error codes that mean the request was not authenticated as it should be. */
const AUTH_ERRORS = new Set(['incorrect_password', 'invalid_username', 'rest_forbidden', 'rest_not_logged_in', 'rest_cannot_read', 'rest_forbidden_context']);

/** One page of a collection: its items, how many pages and items the site says there are. */
export interface Page {
  items: unknown[];
  totalPages: number;
  total: number | null;
}

/**
 * The REST API of one site as JSON: GETs through the HTTP client, a WordPress error body or an
 * HTTP error turned into one remote error naming the input, a blocked `/wp-json/` tried again
 * as `?rest_route=`.
 */
export class RestClient {
  constructor(
    readonly http: HttpClient,
    readonly input: string,
  ) {}

  /** Requests in flight at once. */
  get concurrency(): number {
    return this.http.options.concurrency;
  }

  /** GETs JSON; a WordPress error body or an HTTP error is a remote error naming the input. */
  async json(url: string, tolerate: string[] = []): Promise<unknown> {
    const response = await this.http.get(url, ACCEPT_JSON);
    const value = tryJson(response);
    const alternative = blockedAlternative(url, response, value);
    if (alternative) {
      // Use the ?rest_route= answer only when it is a real one; otherwise the first answer says more.
      const second = await this.http.get(alternative, ACCEPT_JSON);
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
        this.http.options.auth && (AUTH_ERRORS.has(value.code) || (value.code === 'rest_invalid_param' && /status/.test(value.message)))
          ? ' (WordPress did not accept the application password: check --auth or WP_AUTH)'
          : '';
      throw new WpExtractError('E_REMOTE', `${describeWordPressError({ ...value, data: status })}${hint}`, { input: this.input });
    }
    if (response.status >= 400) throw httpError(response, this.input);
    return value;
  }

  /** One page of a collection: its items, how many pages and items the site says there are. */
  async page(url: string): Promise<Page> {
    const response = await this.http.get(url, ACCEPT_JSON);
    const value = tryJson(response);
    // A page past the end; an empty collection answers [] instead.
    if (isWordPressError(value) && value.code === 'rest_post_invalid_page_number') return { items: [], totalPages: 0, total: null };
    const items = this.interpret(response, value);
    if (!Array.isArray(items)) throw new WpExtractError('E_REMOTE', 'expected a list from a collection', { input: this.input });
    const totalPages = Number.parseInt(response.headers['x-wp-totalpages'] ?? '', 10);
    const total = Number.parseInt(response.headers['x-wp-total'] ?? '', 10);
    return { items, totalPages: Number.isNaN(totalPages) ? Number.POSITIVE_INFINITY : totalPages, total: Number.isNaN(total) ? null : total };
  }
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
export function tryJson(response: HttpResponse): unknown {
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

export function tryJsonQuietly(response: HttpResponse): unknown {
  try {
    return tryJson(response);
  } catch {
    return undefined;
  }
}

export function httpError(response: HttpResponse, input: string): WpExtractError {
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

/** An address with query parameters set. */
export function withQuery(address: string, query: Record<string, string>): string {
  const url = new URL(address);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}
