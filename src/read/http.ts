import type { Dispatcher } from 'undici';
import { WpExtractError } from '../errors.js';

/** How the HTTP client behaves. Every field has a default (`HTTP_DEFAULTS`). */
export interface HttpOptions {
  /** Total time for one request, redirects and body included, in ms. @default 30000 */
  timeout?: number;
  /** Time to establish a connection, in ms. @default 10000 */
  connectTimeout?: number;
  /** Largest response body accepted, in bytes, before and after decompression. @default 50 MiB */
  maxBytes?: number;
  /** Redirects followed before giving up. @default 5 */
  maxRedirects?: number;
  /** The User-Agent header. @default 'wp-extract' */
  userAgent?: string;
  /** Attempts after the first on 429, 5xx and dropped connections. @default 3 */
  retries?: number;
  /** The first retry's delay in ms; each later one doubles, with jitter. @default 500 */
  retryDelay?: number;
  /** The longest wait before a retry, `Retry-After` included, in ms. @default 30000 */
  maxRetryDelay?: number;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /** Least time between the starts of two requests, in ms: at most 10 a second by default, so that a mirror job never hammers a site. @default 100 */
  delay?: number;
  /** Basic credentials (a WordPress application password), sent only to `authOrigin`. */
  auth?: { user: string; password: string };
  /** The origin credentials go to; set from the first address when not given. */
  authOrigin?: string;
}

export const HTTP_DEFAULTS = Object.freeze({
  timeout: 30_000,
  connectTimeout: 10_000,
  maxBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'wp-extract',
  retries: 3,
  retryDelay: 500,
  maxRetryDelay: 30_000,
  concurrency: 4,
  delay: 100,
});

/** A whole HTTP response, decompressed. */
export interface HttpResponse {
  /** The final address, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRY_STATUS = (status: number): boolean => status === 429 || (status >= 500 && status !== 501 && status <= 599);

/** Network failures by undici or errno code, and whether retrying can help. */
const NETWORK_ERRORS: Record<string, [string, boolean]> = {
  UND_ERR_CONNECT_TIMEOUT: ['connection timed out', true],
  UND_ERR_HEADERS_TIMEOUT: ['timed out waiting for the response headers', true],
  UND_ERR_BODY_TIMEOUT: ['timed out reading the response body', true],
  UND_ERR_SOCKET: ['connection closed by the server', true],
  UND_ERR_CLOSED: ['connection closed', true],
  ECONNREFUSED: ['connection refused', false],
  ECONNRESET: ['connection reset', true],
  EPIPE: ['connection closed by the server', true],
  ETIMEDOUT: ['connection timed out', true],
  ENOTFOUND: ['host not found', false],
  EAI_AGAIN: ['host name lookup failed', true],
  EHOSTUNREACH: ['host unreachable', false],
  ENETUNREACH: ['network unreachable', false],
  CERT_HAS_EXPIRED: ['the TLS certificate has expired', false],
  DEPTH_ZERO_SELF_SIGNED_CERT: ['the TLS certificate is self-signed', false],
  ERR_TLS_CERT_ALTNAME_INVALID: ['the TLS certificate does not match the host', false],
};

/** A failure of one attempt, with whether another attempt may succeed. */
class AttemptError extends Error {
  constructor(
    readonly error: WpExtractError,
    readonly retryable: boolean,
    readonly retryAfter: number | null = null,
  ) {
    super(error.message);
  }
}

function networkError(error: unknown, url: string, timeout: number): AttemptError {
  if (error instanceof AttemptError) return error;
  if (error instanceof WpExtractError) return new AttemptError(error, false);
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new AttemptError(new WpExtractError('E_NETWORK', `timed out after ${timeout / 1000} s`, { input: url, cause: error }), false);
  }
  const code = e.code ?? e.cause?.code ?? '';
  const [reason, retryable] = NETWORK_ERRORS[code] ?? [`request failed (${code || e.message || String(error)})`, false];
  return new AttemptError(new WpExtractError('E_NETWORK', reason, { input: url, cause: error }), retryable);
}

/** `Retry-After` in ms: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The HTTP client every network read goes through (undici): bounded concurrency, a minimum
 * interval between requests, retries with exponential backoff and full jitter on 429, 5xx and
 * dropped connections (honouring `Retry-After`), redirects followed by hand (http and https
 * only; credentials never follow to another origin), the standard proxy variables through
 * undici's `EnvHttpProxyAgent`, a connect timeout and a total deadline per request, and a
 * size cap before and after decompression (gzip, deflate, br).
 */
export class HttpClient {
  readonly options: Required<Omit<HttpOptions, 'auth' | 'authOrigin'>> & Pick<HttpOptions, 'auth' | 'authOrigin'>;
  private dispatcher: Dispatcher | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextStart = 0;
  /** Attempts that were retried, for reports and tests. */
  retried = 0;
  /** Requests sent (every attempt, redirects apart), for the summary. */
  requests = 0;

  constructor(options: HttpOptions = {}) {
    this.options = { ...HTTP_DEFAULTS, ...options };
  }

  private async agent(): Promise<Dispatcher> {
    if (!this.dispatcher) {
      const { EnvHttpProxyAgent } = await import('undici');
      this.dispatcher = new EnvHttpProxyAgent({
        connect: { timeout: this.options.connectTimeout },
        headersTimeout: this.options.timeout,
        bodyTimeout: this.options.timeout,
      });
    }
    return this.dispatcher;
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = null;
    await dispatcher?.close().catch(() => undefined);
  }

  private async slot(): Promise<void> {
    if (this.active >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    // The interval between starts, and any pause a server asked for (Retry-After), hold every request.
    const now = Date.now();
    const wait = Math.max(0, this.nextStart - now);
    this.nextStart = Math.max(now, this.nextStart) + this.options.delay;
    if (wait > 0) await sleep(wait);
    this.requests++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  /** GETs an address, retrying what can be retried. A final HTTP error status is returned, not thrown. */
  async get(address: string, accept: string): Promise<HttpResponse> {
    if (this.options.auth && !this.options.authOrigin) this.options.authOrigin = new URL(address).origin;
    for (let attempt = 0; ; attempt++) {
      await this.slot();
      let outcome: HttpResponse | AttemptError;
      try {
        outcome = await this.attempt(address, accept);
      } catch (error) {
        outcome = networkError(error, address, this.options.timeout);
      } finally {
        this.release();
      }
      const retryable = outcome instanceof AttemptError ? outcome.retryable : RETRY_STATUS(outcome.status);
      if (!retryable || attempt >= this.options.retries) {
        if (outcome instanceof AttemptError) throw outcome.error;
        return outcome;
      }
      const retryAfter = outcome instanceof AttemptError ? null : parseRetryAfter(outcome.headers['retry-after']);
      if (retryAfter !== null && retryAfter > this.options.maxRetryDelay && !(outcome instanceof AttemptError)) {
        throw new WpExtractError('E_REMOTE', `HTTP ${outcome.status}: the server asks for a pause of ${Math.ceil(retryAfter / 1000)} s (Retry-After); try again later`, { input: address });
      }
      const backoff = this.options.retryDelay * 2 ** attempt;
      const wait = retryAfter ?? Math.min(this.options.maxRetryDelay, Math.random() * backoff);
      // A server that asks for a pause gets it from every request, not only this one.
      if (retryAfter !== null) this.nextStart = Math.max(this.nextStart, Date.now() + retryAfter);
      this.retried++;
      await sleep(wait);
    }
  }

  private async attempt(address: string, accept: string): Promise<HttpResponse> {
    const { timeout, maxBytes, maxRedirects, userAgent, auth, authOrigin } = this.options;
    const { request } = await import('undici');
    const dispatcher = await this.agent();
    const signal = AbortSignal.timeout(timeout);
    let url = new URL(address);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new WpExtractError('E_REMOTE', `will not follow a redirect to a ${url.protocol} address (only http and https)`, {
          input: address,
        });
      }
      const headers: Record<string, string> = { accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': userAgent };
      if (auth && url.origin === authOrigin) {
        headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
      }
      const response = await request(url, { method: 'GET', dispatcher, signal, headers });
      const flat = flattenHeaders(response.headers);
      if (REDIRECTS.has(response.statusCode) && flat.location) {
        await response.body.dump();
        if (hop >= maxRedirects) {
          throw new WpExtractError('E_REMOTE', `too many redirects (more than ${maxRedirects})`, { input: address });
        }
        url = new URL(flat.location, url);
        continue;
      }
      const raw = await readCapped(response.body, maxBytes, address);
      const body = decompress(raw, flat['content-encoding'], maxBytes, address);
      return { url: url.href, status: response.statusCode, headers: flat, body };
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const tooLarge = (maxBytes: number, input: string, what = 'response'): WpExtractError =>
  new WpExtractError('E_REMOTE', `${what} is larger than ${formatBytes(maxBytes)} (raise --max-size)`, { input });

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, input: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes, input);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function decompress(raw: Buffer, encoding: string | undefined, maxBytes: number, input: string): Buffer {
  const coding = (encoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity' || raw.length === 0) return raw;
  const limits = { maxOutputLength: maxBytes };
  // Loaded here rather than at start: most runs read no URL.
  const { brotliDecompressSync, gunzipSync, inflateSync } = process.getBuiltinModule('node:zlib');
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(raw, limits);
    if (coding === 'deflate') return inflateSync(raw, limits);
    if (coding === 'br') return brotliDecompressSync(raw, limits);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes, input, 'decompressed response');
    throw new WpExtractError('E_REMOTE', `cannot decompress the ${coding} response (${(error as Error).message})`, {
      input,
      cause: error,
    });
  }
  throw new WpExtractError('E_REMOTE', `unsupported content encoding "${coding}"`, { input });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} B`;
}
