import { WpExtractError } from '../errors.js';
import { htmlToInlineText } from '../html.js';
import { describeWordPressError, isWordPressError } from '../parse/post.js';
import { decodeBytes } from './file.js';
import { defaultApiRoot, discover, isRestUrl, restUrl, slugFromPath } from './discover.js';
import { httpGet, type HttpOptions, type HttpResponse } from './http.js';

const ACCEPT_JSON = 'application/json';
const ACCEPT_PAGE = 'text/html, application/json;q=0.9, */*;q=0.5';

/** A JSON value read from the network, with the address that finally answered. */
export interface RemoteJson {
  url: string;
  value: unknown;
}

/**
 * Reads the post(s) behind an address: a REST address in either form is fetched as it is;
 * any other page is fetched and its REST address discovered (the `Link` header or
 * `<link rel="alternate" type="application/json">`, then the shortlink id, then `?slug=`).
 */
export async function readUrl(address: string, options: HttpOptions = {}): Promise<RemoteJson> {
  const url = parseHttpUrl(address);
  if (isRestUrl(url)) return fetchJson(url.href, options, address);

  const page = await httpGet(url.href, ACCEPT_PAGE, options);
  const json = tryJson(page);
  if (json !== undefined) return { url: page.url, value: checkJson(page, json, address) };
  if (page.status >= 400) throw httpError(page, address);

  const html = decodeBytes(page.body);
  const found = discover(page.url, page.headers.link ?? null, html);
  if (found.alternate) return fetchJson(found.alternate, options, address);

  const root = found.apiRoot ?? defaultApiRoot(page.url);
  if (found.shortlinkId !== null) {
    for (const type of ['posts', 'pages']) {
      const candidate = restUrl(root, `wp/v2/${type}/${found.shortlinkId}`);
      const result = await fetchJson(candidate, options, address, ['rest_post_invalid_id', 'rest_no_route']);
      if (result) return result;
    }
  }
  const slug = slugFromPath(page.url);
  if (slug !== null) {
    for (const type of ['posts', 'pages']) {
      const result = await fetchJson(restUrl(root, `wp/v2/${type}`, { slug }), options, address);
      if (Array.isArray(result.value) && result.value.length > 0) return { url: result.url, value: result.value[0] };
    }
  }
  throw new WpExtractError(
    'E_REMOTE',
    'no WordPress REST address found on this page (no alternate or shortlink <link>, and no post with its slug)',
    { input: address },
  );
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

async function fetchJson(url: string, options: HttpOptions, input: string): Promise<RemoteJson>;
async function fetchJson(url: string, options: HttpOptions, input: string, tolerate: string[]): Promise<RemoteJson | null>;
/** GETs a REST address and returns its JSON; `tolerate` lists WordPress error codes that give null instead. */
async function fetchJson(url: string, options: HttpOptions, input: string, tolerate: string[] = []): Promise<RemoteJson | null> {
  const response = await httpGet(url, ACCEPT_JSON, options);
  const json = tryJson(response);
  if (json === undefined) {
    if (response.status >= 400) throw httpError(response, input);
    throw new WpExtractError('E_REMOTE', `expected JSON, got ${describeBody(response)}`, { input });
  }
  if (isWordPressError(json) && tolerate.includes(json.code)) return null;
  return { url: response.url, value: checkJson(response, json, input) };
}

/** The parsed body when it is JSON (by its type or by its look), else undefined. */
function tryJson(response: HttpResponse): unknown {
  const type = response.headers['content-type'] ?? '';
  const text = decodeBytes(response.body);
  const looksJson = /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
  if (!/json/i.test(type) && !looksJson) return undefined;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    if (/json/i.test(type)) {
      throw new WpExtractError('E_REMOTE', `the server sent invalid JSON (HTTP ${response.status})`, { input: response.url });
    }
    return undefined;
  }
}

/** A WordPress error body or an HTTP error status is a remote error; anything else passes. */
function checkJson(response: HttpResponse, json: unknown, input: string): unknown {
  if (isWordPressError(json)) {
    const withStatus = { ...json, data: { status: response.status, ...(typeof json.data === 'object' ? json.data : {}) } };
    throw new WpExtractError('E_REMOTE', describeWordPressError(withStatus), { input });
  }
  if (response.status >= 400) throw httpError(response, input);
  return json;
}

function httpError(response: HttpResponse, input: string): WpExtractError {
  return new WpExtractError('E_REMOTE', `HTTP ${response.status} from ${response.url} (${describeBody(response)})`, {
    input,
  });
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
