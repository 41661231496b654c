import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { WpExtractError } from '../errors.js';

/** Limits for every HTTP request. */
export interface HttpOptions {
  /**
   * Total time for one address, redirects and body included, in milliseconds.
   * @default 30000
   */
  timeout?: number;
  /**
   * Time to establish a connection, in milliseconds.
   * @default 10000
   */
  connectTimeout?: number;
  /**
   * Largest response body accepted, in bytes, before and after decompression.
   * @default 52428800 (50 MiB)
   */
  maxBytes?: number;
  /**
   * Redirects followed before giving up.
   * @default 5
   */
  maxRedirects?: number;
  /**
   * The User-Agent header.
   * @default 'wp-extract/VERSION'
   */
  userAgent?: string;
}

export const HTTP_DEFAULTS = Object.freeze({
  timeout: 30_000,
  connectTimeout: 10_000,
  maxBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'wp-extract',
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

/** Network failures by undici or errno code. */
const NETWORK_ERRORS: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_SOCKET: 'connection closed by the server',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed by the server',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate does not match the host',
};

function networkError(error: unknown, url: string, timeout: number): WpExtractError {
  if (error instanceof WpExtractError) return error;
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new WpExtractError('E_NETWORK', `timed out after ${timeout / 1000} s`, { input: url, cause: error });
  }
  const code = e.code ?? e.cause?.code ?? '';
  const reason = NETWORK_ERRORS[code] ?? `request failed (${code || e.message || String(error)})`;
  return new WpExtractError('E_NETWORK', reason, { input: url, cause: error });
}

function checkScheme(url: URL, original: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WpExtractError('E_REMOTE', `will not follow a redirect to a ${url.protocol} address (only http and https)`, {
      input: original,
    });
  }
}

/**
 * GETs an address with undici: redirects followed by hand (http and https only, at most
 * `maxRedirects`), a connect timeout, one total deadline, a size cap on the body before and
 * after decompression (gzip, deflate, br).
 */
export async function httpGet(address: string, accept: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const { timeout, connectTimeout, maxBytes, maxRedirects, userAgent } = { ...HTTP_DEFAULTS, ...options };
  const { Agent, request } = await import('undici');
  const agent = new Agent({ connect: { timeout: connectTimeout }, headersTimeout: timeout, bodyTimeout: timeout });
  const signal = AbortSignal.timeout(timeout);
  let url = new URL(address);
  try {
    for (let hop = 0; ; hop++) {
      checkScheme(url, address);
      const response: Dispatcher.ResponseData = await request(url, {
        method: 'GET',
        dispatcher: agent,
        signal,
        headers: { accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': userAgent },
      });
      const headers = flattenHeaders(response.headers);
      if (REDIRECTS.has(response.statusCode) && headers.location) {
        await response.body.dump();
        if (hop >= maxRedirects) {
          throw new WpExtractError('E_REMOTE', `too many redirects (more than ${maxRedirects})`, { input: address });
        }
        url = new URL(headers.location, url);
        continue;
      }
      const raw = await readCapped(response.body, maxBytes, address);
      const body = decompress(raw, headers['content-encoding'], maxBytes, address);
      return { url: url.href, status: response.statusCode, headers, body };
    }
  } catch (error) {
    throw networkError(error, address, timeout);
  } finally {
    void agent.close().catch(() => undefined);
  }
}

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
