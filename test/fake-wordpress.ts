import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

/**
 * A small stand-in for a WordPress REST API on 127.0.0.1, for the archive tests: paging with
 * `X-WP-TotalPages`, `/wp-json/` blocked so that `?rest_route=` must be used, posts that come
 * without `_embedded` so that terms are fetched by id, a custom type, an application password,
 * and routes that fail before they succeed (429, 500, a reset connection).
 */
export interface FakeWordPress {
  base: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** Authorization headers seen, by route. */
  authSeen: Map<string, string | undefined>;
  /** The most requests to /slow that were in flight at once. */
  maxConcurrent(): number;
  close(): Promise<void>;
}

export const POSTS = 250;
export const PASSWORD = 'abcd efgh ijkl mnop';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function post(id: number, base: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const day = String((id % 28) + 1).padStart(2, '0');
  return {
    id,
    date: `2024-02-${day}T10:00:00`,
    date_gmt: `2024-02-${day}T09:00:00`,
    slug: id === 3 ? 'same-slug' : id === 4 ? 'same-slug' : `post-${id}`,
    status: 'publish',
    type: 'post',
    link: `${base}/?p=${id}`,
    title: { rendered: `Post ${id} &amp; more` },
    content: {
      rendered: `<div class='booster-block booster-read-block'><div class="twp-read-time">Read Time: 1 Minute</div></div><p>Body ${id}.</p>${
        id === 1 ? `<p><img src="${base}/img/a.png" alt="A"><img src="${base}/img/not-image.png" alt="B"></p>` : id === 2 ? `<p>The <a href="${base}/wp-content/uploads/2024/02/notes.pdf">notes</a>, <a href="${base}/wp-content/uploads/2024/02/gone.pdf">gone</a>, <a href="${base}/elsewhere/file.pdf">elsewhere</a>.</p><audio controls src="${base}/wp-content/uploads/2024/02/talk.mp3"></audio>` : ''
      }`,
    },
    excerpt: { rendered: '' },
    author: 7,
    categories: id % 2 ? [1] : [2],
    tags: [3],
    featured_media: 0,
    _links: {
      author: [{ href: `${base}/?rest_route=/wp/v2/users/7` }],
      'wp:term': [
        { taxonomy: 'category', href: `${base}/?rest_route=/wp/v2/categories&post=${id}` },
        { taxonomy: 'post_tag', href: `${base}/?rest_route=/wp/v2/tags&post=${id}` },
      ],
    },
    ...extra,
  };
}

/** Twelve genres of a custom taxonomy, of which `?_embed` brings the first ten (as WordPress does). */
const GENRES = Array.from({ length: 12 }, (_, i) => ({ id: 200 + i, taxonomy: 'genre', slug: `genre-${i + 1}`, name: `Genre ${i + 1}` }));
function genres(base: string): Record<string, unknown> {
  const links = post(1002, base)._links as Record<string, unknown[]>;
  return {
    categories: [1],
    genre: GENRES.map((g) => g.id),
    _links: { ...links, 'wp:term': [...(links['wp:term'] ?? []), { taxonomy: 'genre', href: `${base}/?rest_route=/wp/v2/genre&post=1002` }] },
    _embedded: { 'wp:term': [[{ id: 1, taxonomy: 'category', slug: 'news', name: 'News' }], [{ id: 3, taxonomy: 'post_tag', slug: 'tom-jerry', name: 'Tom &amp; Jerry' }], GENRES.slice(0, 10)] },
  };
}

export async function startFakeWordPress(): Promise<FakeWordPress> {
  const requests: string[] = [];
  const authSeen = new Map<string, string | undefined>();
  const failures = new Map<string, number>();
  let base = '';
  let active = 0;
  let maxActive = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const failFirst = (key: string, times: number): boolean => {
    const seen = failures.get(key) ?? 0;
    failures.set(key, seen + 1);
    return seen < times;
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(url.pathname + url.search);
    const route = url.searchParams.get('rest_route');
    if (url.pathname.startsWith('/wp-json')) {
      res.writeHead(403, { 'content-type': 'text/html' });
      return void res.end('<html><head><title>Forbidden</title></head></html>');
    }
    if (url.pathname === '/wp-content/uploads/2024/02/notes.pdf' || url.pathname === '/wp-content/uploads/2024/02/talk.mp3') {
      res.writeHead(200, { 'content-type': url.pathname.endsWith('.pdf') ? 'application/pdf' : 'audio/mpeg' });
      return void res.end('%PDF-1.4 fake');
    }
    if (url.pathname === '/wp-content/uploads/2024/02/gone.pdf') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>log in</html>');
    }
    if (url.pathname === '/img/a.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return void res.end(PNG);
    }
    if (url.pathname === '/img/not-image.png') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>login</html>');
    }
    if (url.pathname === '/moved-private') {
      res.writeHead(302, { location: `${base.replace('127.0.0.1', 'localhost')}/?rest_route=/echo-auth` });
      return void res.end();
    }
    authSeen.set(route ?? url.pathname, req.headers.authorization);
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '10');
    switch (route) {
      case '/':
        return json(res, 200, { name: 'Fake', namespaces: ['wp/v2'], routes: {} });
      case '/wp/v2/posts': {
        let ids = Array.from({ length: POSTS }, (_, i) => i + 1);
        if (url.searchParams.get('categories') === '1') ids = ids.filter((id) => id % 2 === 1);
        const pages = Math.ceil(ids.length / perPage);
        if (page > pages) return json(res, 400, { code: 'rest_post_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } });
        const slice = ids.slice((page - 1) * perPage, page * perPage).map((id) => post(id, base));
        return json(res, 200, slice, { 'x-wp-total': String(ids.length), 'x-wp-totalpages': String(pages) });
      }
      case '/wp/v2/stuck':
        // Behind a cache that ignores the query string: every page is page 1.
        return json(res, 200, [1, 2, 3].map((id) => post(id, base)), { 'x-wp-total': '3000000', 'x-wp-totalpages': '1000000' });
      case '/wp/v2/short': {
        // Lists 30 posts but serves 20: the third page is past the end.
        if (page > 2) return json(res, 400, { code: 'rest_post_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } });
        return json(res, 200, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => post((page - 1) * 10 + i, base)), { 'x-wp-total': '30', 'x-wp-totalpages': '3' });
      }
      case '/wp/v2/types':
        return json(res, 200, {
          post: { slug: 'post', rest_base: 'posts', rest_namespace: 'wp/v2' },
          book: { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2' },
        });
      case '/wp/v2/books':
        return json(res, 200, [post(1001, base, { type: 'book', slug: 'a-book' }), post(1002, base, { type: 'book', slug: 'b-book', ...genres(base) })], {
          'x-wp-total': '2',
          'x-wp-totalpages': '1',
        });
      case '/wp/v2/categories':
        return json(res, 200, url.searchParams.get('slug') === 'news' ? [{ id: 1, slug: 'news' }] : []);
      case '/wp/v2/categories/1':
        return json(res, 200, { id: 1, name: 'News &amp; Views', slug: 'news', taxonomy: 'category' });
      case '/wp/v2/categories/2':
        return json(res, 200, { id: 2, name: "Rock 'n' Roll", slug: 'rock', taxonomy: 'category' });
      case '/wp/v2/tags/3':
        return json(res, 200, { id: 3, name: 'Tom &amp; Jerry', slug: 'tom-jerry', taxonomy: 'post_tag' });
      case route?.startsWith('/wp/v2/genre/') ? route : null: {
        const genre = GENRES.find((g) => `/wp/v2/genre/${g.id}` === route);
        return genre ? json(res, 200, genre) : json(res, 404, { code: 'rest_term_invalid', message: 'Term does not exist.', data: { status: 404 } });
      }
      case '/wp/v2/users/7':
        return json(res, 401, { code: 'rest_user_cannot_view', message: 'Sorry, you are not allowed to list users.', data: { status: 401 } });
      case '/wp/v2/posts/999': {
        const expected = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
        if (req.headers.authorization === expected) return json(res, 200, post(999, base, { status: 'draft', title: { rendered: 'A draft' } }));
        if (req.headers.authorization) return json(res, 401, { code: 'incorrect_password', message: 'The provided password is an invalid application password.', data: { status: 401 } });
        return json(res, 401, { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } });
      }
      case '/echo-auth':
        return json(res, 200, post(998, base, { title: { rendered: req.headers.authorization ? 'auth leaked' : 'no auth' } }));
      case '/flaky/429':
        if (failFirst('429', 1)) return json(res, 429, { code: 'too_many', message: 'Slow down' }, { 'retry-after': '1' });
        return json(res, 200, post(429, base));
      case '/flaky/500':
        if (failFirst('500', 2)) return json(res, 500, { code: 'oops', message: 'Server error' });
        return json(res, 200, post(500, base));
      case '/flaky/reset':
        if (failFirst('reset', 1)) return void req.socket.destroy();
        return json(res, 200, post(501, base));
      case '/always/503':
        return json(res, 503, { code: 'down', message: 'Down for maintenance' }, { 'retry-after': '0' });
      case '/slow': {
        active++;
        maxActive = Math.max(maxActive, active);
        setTimeout(() => {
          active--;
          json(res, 200, post(503, base));
        }, 50);
        return;
      }
      case '/deflate': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate' });
        return void res.end(deflateSync(JSON.stringify(post(502, base))));
      }
      default:
        return json(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    authSeen,
    maxConcurrent: () => maxActive,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
