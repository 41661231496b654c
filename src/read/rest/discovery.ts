import { WpExtractError } from '../../errors.js';
import { describeWordPressError, isWordPressError } from '../../parse/post.js';
import { defaultApiRoot, discover, restUrl, slugFromPath } from '../discover.js';
import { decodeBytes } from '../file.js';
import { ACCEPT_JSON, httpError, tryJson, tryJsonQuietly, type RestClient } from './client.js';
import { restRouteOf } from './routes.js';

const ACCEPT_PAGE = 'text/html, application/json;q=0.9, */*;q=0.5';

/**
 * The REST object of the post a page shows: the page's JSON when it is JSON, else through
 * discovery (the `Link` header or `<link rel="alternate" type="application/json">`, then the
 * shortlink id, then `?slug=`).
 */
export async function discoverPost(rest: RestClient, address: string): Promise<unknown> {
  const page = await rest.http.get(address, ACCEPT_PAGE);
  const json = tryJson(page);
  if (json !== undefined) {
    if (isWordPressError(json)) throw new WpExtractError('E_REMOTE', describeWordPressError(json), { input: rest.input });
    if (page.status >= 400) throw httpError(page, rest.input);
    return json;
  }
  if (page.status >= 400) throw httpError(page, rest.input);
  const found = discover(page.url, page.headers.link ?? null, decodeBytes(page.body));
  if (found.alternate) return rest.json(found.alternate);
  const root = found.apiRoot ?? defaultApiRoot(page.url);
  if (found.shortlinkId !== null) {
    for (const type of ['posts', 'pages']) {
      const value = await rest.json(restUrl(root, `wp/v2/${type}/${found.shortlinkId}`), ['rest_post_invalid_id', 'rest_no_route']);
      if (value !== undefined) return value;
    }
  }
  const slug = slugFromPath(page.url);
  if (slug !== null) {
    for (const type of ['posts', 'pages']) {
      const value = await rest.json(restUrl(root, `wp/v2/${type}`, { slug }));
      if (Array.isArray(value) && value.length > 0) return value[0];
    }
  }
  throw new WpExtractError('E_REMOTE', 'no WordPress REST address found on this page (no alternate or shortlink <link>, and no post with its slug)', { input: rest.input });
}

/** What the API root says a route accepts. */
type Routes = Record<string, { endpoints?: Array<{ args?: Record<string, unknown> }> }>;

/** A site's API root, found once: `/wp-json/`, else `?rest_route=/` (for sites that block the first), with its routes. */
export class ApiRoot {
  private root: string | null = null;
  private routes: Routes = {};

  constructor(private readonly rest: RestClient) {}

  async of(address: string): Promise<string> {
    if (this.root) return this.root;
    const url = new URL(address);
    const given = restRouteOf(url) !== null ? [url.href] : [];
    for (const candidate of [...given, new URL('/wp-json/', url).href, new URL('/?rest_route=/', url).href]) {
      const response = await this.rest.http.get(candidate, ACCEPT_JSON);
      const value = tryJsonQuietly(response);
      if (response.status < 400 && typeof value === 'object' && value !== null && 'routes' in value) {
        this.root = candidate;
        this.routes = (value as { routes: Routes }).routes;
        return candidate;
      }
    }
    throw new WpExtractError('E_REMOTE', 'no WordPress REST API found at /wp-json/ or ?rest_route=/', { input: this.rest.input });
  }

  /** Whether a route (`/wp/v2/posts`) takes a query parameter, as the API root read so far says. */
  accepts(route: string, parameter: string): boolean {
    const args = this.routes[route]?.endpoints?.[0]?.args;
    return args !== undefined && parameter in args;
  }
}
