import { loadFragment } from '../html/index.js';

/**
 * Finding a post's REST address from an ordinary page, without I/O. WordPress advertises it
 * in a `Link` header and in `<link>` tags (5.5+), and the API root and shortlink besides.
 * https://developer.wordpress.org/rest-api/using-the-rest-api/discovery/
 */

/** One link from a `Link` header or a `<link>` tag. */
export interface WebLink {
  href: string;
  rel: string[];
  type: string | null;
}

/** Parses an RFC 8288 `Link` header (`<url>; rel="a b"; type="x", <url2>; rel=next`). */
export function parseLinkHeader(header: string | null | undefined): WebLink[] {
  if (!header) return [];
  const links: WebLink[] = [];
  const pattern = /<([^>]*)>((?:\s*;\s*[^;,]+?(?:=(?:"[^"]*"|[^;,]*))?)*)\s*(?:,|$)/g;
  for (const match of header.matchAll(pattern)) {
    const params = new Map<string, string>();
    for (const param of (match[2] ?? '').matchAll(/;\s*([^=;\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?/g)) {
      const key = (param[1] ?? '').toLowerCase();
      if (!params.has(key)) params.set(key, (param[2] ?? param[3] ?? '').trim());
    }
    links.push({
      href: match[1] ?? '',
      rel: (params.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
      type: params.get('type')?.toLowerCase() ?? null,
    });
  }
  return links;
}

/** The `<link>` tags of an HTML page. */
export function htmlLinks(html: string): WebLink[] {
  const $ = loadFragment(html);
  return $('link[href]')
    .toArray()
    .map((el) => ({
      href: el.attribs.href ?? '',
      rel: (el.attribs.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
      type: el.attribs.type?.toLowerCase() ?? null,
    }));
}

/** What a page says about its REST address. */
export interface Discovery {
  /** The post's own REST address (`rel="alternate" type="application/json"`). */
  alternate: string | null;
  /** The API root (`rel="https://api.w.org/"`). */
  apiRoot: string | null;
  /** The post id from the shortlink (`?p=ID`). */
  shortlinkId: number | null;
}

/** Reads discovery links from the page's `Link` headers and its HTML, headers first. */
export function discover(pageUrl: string, linkHeader: string | null, html: string): Discovery {
  const links = [...parseLinkHeader(linkHeader), ...htmlLinks(html)];
  const resolve = (href: string): string | null => {
    try {
      return new URL(href, pageUrl).href;
    } catch {
      return null;
    }
  };
  const alternate = links.find((l) => l.rel.includes('alternate') && l.type === 'application/json');
  const apiRoot = links.find((l) => l.rel.includes('https://api.w.org/'));
  const shortlink = links.find((l) => l.rel.includes('shortlink'));
  const shortUrl = shortlink ? resolve(shortlink.href) : null;
  const id = shortUrl ? new URL(shortUrl).searchParams.get('p') : null;
  const shortlinkId = id && /^\d+$/.test(id) ? Number(id) : null;
  return {
    alternate: alternate ? resolve(alternate.href) : null,
    apiRoot: apiRoot ? resolve(apiRoot.href) : null,
    shortlinkId,
  };
}

/** True for a REST address in either form: `/wp-json/...` or `?rest_route=...`. */
export function isRestUrl(url: URL): boolean {
  return url.pathname.includes('/wp-json/') || url.searchParams.has('rest_route');
}

/**
 * A route under an API root, in the root's own form: `https://site/wp-json/` gives
 * `https://site/wp-json/wp/v2/posts/5`, `https://site/?rest_route=/` gives
 * `https://site/?rest_route=/wp/v2/posts/5`.
 */
export function restUrl(apiRoot: string, route: string, query: Record<string, string> = {}): string {
  const root = new URL(apiRoot);
  const path = route.replace(/^\/+/, '');
  let url: URL;
  if (root.searchParams.has('rest_route')) {
    url = new URL(root.href);
    url.searchParams.set('rest_route', `/${path}`);
  } else {
    url = new URL(path, root.href.endsWith('/') ? root.href : `${root.href}/`);
  }
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/** The default API root of a site: `/wp-json/` under the page's origin. */
export function defaultApiRoot(pageUrl: string): string {
  return new URL('/wp-json/', pageUrl).href;
}

/** The slug a pretty permalink ends with (`/2024/01/my-post/` gives `my-post`), if any. */
export function slugFromPath(pageUrl: string): string | null {
  const segments = new URL(pageUrl).pathname.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (!last || /\.(php|html?)$/i.test(last)) return null;
  return last;
}
