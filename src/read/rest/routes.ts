import { WpExtractError } from '../../errors.js';


/** What an address is, to a reader of WordPress. */
export type UrlKind = 'rest-root' | 'rest-collection' | 'rest-item' | 'site' | 'page';


/** The REST route of a REST address (`/wp/v2/posts/5`), or null for other addresses. */
export function restRouteOf(url: URL): string | null {
  const route = url.searchParams.get('rest_route');
  if (route !== null) return route;
  // `/wp-json/...`, also behind `/index.php` or a subfolder install.
  const match = /\/wp-json(?=\/|$)(.*)$/.exec(url.pathname);
  return match ? match[1] || '/' : null;
}

export function classifyUrl(url: URL): UrlKind {
  const route = restRouteOf(url);
  if (route !== null) {
    if (route === '' || route === '/') return 'rest-root';
    if (/^\/wp\/v2\/[\w-]+\/?$/.test(route)) return 'rest-collection';
    return 'rest-item';
  }
  if ((url.pathname === '/' || url.pathname === '') && url.search === '') return 'site';
  return 'page';
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

/** A collection's REST route without a trailing slash (`/wp/v2/posts`), as `types` and the API root's routes key it. */
export function collectionRoute(collection: string): string {
  return restRouteOf(new URL(collection))?.replace(/\/$/, '') ?? '';
}

/** Another route of the same API as a collection's address (`wp/v2/comments` beside `wp/v2/posts`). */
export function siblingRoute(collection: string, route: string): string {
  const url = new URL(collection);
  const restRoute = url.searchParams.has('rest_route');
  // The collection's filters are not carried over: only the route changes.
  url.search = '';
  if (restRoute) url.searchParams.set('rest_route', `/${route}`);
  else url.pathname = url.pathname.replace(/\/wp-json\/.*$/, `/wp-json/${route}`);
  return url.href;
}

/** The comments route a post links to (`_links.replies`), without its query. */
export function repliesRoute(post: unknown): string | null {
  const href = (post as { _links?: { replies?: Array<{ href?: unknown }> } } | null)?._links?.replies?.[0]?.href;
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(href);
    const route = url.searchParams.get('rest_route');
    url.search = '';
    if (route !== null) url.searchParams.set('rest_route', route);
    return url.href;
  } catch {
    return null;
  }
}

export function hostOf(link: unknown): string | null {
  try {
    return typeof link === 'string' ? new URL(link).host : null;
  } catch {
    return null;
  }
}
