import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A WordPress REST API that changes, for the mirror tests: posts and comments held in maps the
 * test edits between runs, `/wp-json/wp/v2/posts` with the parameters an update uses
 * (`_fields`, `include`, `page`, `per_page`, `_embed`), `/wp-json/wp/v2/comments` with `post`
 * (as WordPress lists them to a visitor: approved comments only), images, and a route that asks
 * for a pause (429 with `Retry-After`).
 */
export interface FakeSite {
  base: string;
  posts: Map<number, SitePost>;
  comments: Map<number, SiteComment>;
  /** Every request's path and query, in order. */
  requests: string[];
  /** Whether it takes `modified_after` (WordPress 5.7 and later) and says so in its index. @default true */
  modifiedAfter: boolean;
  close(): Promise<void>;
}

export interface SitePost {
  id: number;
  slug: string;
  title: string;
  content: string;
  modified: string;
  status?: string;
  /** The featured image's address. */
  featured?: string;
}

export interface SiteComment {
  id: number;
  post: number;
  parent: number;
  author: string;
  date: string;
  content: string;
  /** `approved`, `hold` or `spam`: WordPress lists only approved ones to a visitor. */
  status: string;
}

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function restPost(post: SitePost, base: string): Record<string, unknown> {
  return {
    id: post.id,
    date: '2024-03-01T10:00:00',
    date_gmt: '2024-03-01T10:00:00',
    modified: post.modified,
    modified_gmt: post.modified,
    slug: post.slug,
    status: post.status ?? 'publish',
    type: 'post',
    link: `${base}/2024/03/01/${post.slug}/`,
    title: { rendered: post.title },
    content: { rendered: post.content, protected: false },
    excerpt: { rendered: '' },
    author: 1,
    _embedded: {
      author: [{ name: 'Ann' }],
      'wp:term': [[{ taxonomy: 'category', name: 'News' }], []],
      ...(post.featured ? { 'wp:featuredmedia': [{ source_url: post.featured, alt_text: 'Featured' }] } : {}),
    },
  };
}

function restComment(comment: SiteComment): Record<string, unknown> {
  return {
    id: comment.id,
    post: comment.post,
    parent: comment.parent,
    author_name: comment.author,
    date: comment.date,
    date_gmt: comment.date,
    content: { rendered: comment.content },
  };
}

function pick(value: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  if (!fields) return value;
  return Object.fromEntries(fields.split(',').filter((f) => f in value).map((f) => [f, value[f]]));
}

function send(res: ServerResponse, list: unknown[], url: URL, extra: Record<string, string> = {}): void {
  const perPage = Number(url.searchParams.get('per_page') ?? 10);
  const page = Number(url.searchParams.get('page') ?? 1);
  const pages = Math.max(1, Math.ceil(list.length / perPage));
  if (page > pages) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'rest_post_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'x-wp-total': String(list.length), 'x-wp-totalpages': String(pages), ...extra });
  res.end(JSON.stringify(list.slice((page - 1) * perPage, page * perPage)));
}

export async function startFakeSite(): Promise<FakeSite> {
  const posts = new Map<number, SitePost>();
  const comments = new Map<number, SiteComment>();
  const requests: string[] = [];
  let base = '';
  let paused = false;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', base);
    requests.push(url.pathname + url.search);
    if (url.pathname.startsWith('/img/') || url.pathname.includes('/wp-content/uploads/')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
      return;
    }
    if (url.pathname === '/wp-json/' || url.pathname === '/wp-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const args = site.modifiedAfter ? { modified_after: { type: 'string' } } : {};
      res.end(JSON.stringify({ name: 'Fake', namespaces: ['wp/v2'], routes: { '/wp/v2/posts': { endpoints: [{ methods: ['GET'], args }] } } }));
      return;
    }
    if (url.pathname === '/wp-json/wp/v2/posts') {
      const include = url.searchParams.get('include')?.split(',').map(Number);
      const after = site.modifiedAfter ? url.searchParams.get('modified_after') : null;
      const visible = [...posts.values()].filter((p) => (p.status ?? 'publish') === 'publish' && (!include || include.includes(p.id)) && (!after || p.modified > after));
      const list = visible
        .sort((a, b) => b.id - a.id)
        .map((p) => {
          const rest = restPost(p, base);
          if (url.searchParams.has('_embed')) {
            const replies = [...comments.values()].filter((c) => c.post === p.id && c.status === 'approved').slice(0, 10).map(restComment);
            (rest._embedded as Record<string, unknown>).replies = [replies];
          }
          return pick(rest, url.searchParams.get('_fields'));
        });
      send(res, list, url);
      return;
    }
    const single = /^\/wp-json\/wp\/v2\/posts\/(\d+)$/.exec(url.pathname);
    const one = single ? posts.get(Number(single[1])) : undefined;
    if (one) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(restPost(one, base)));
      return;
    }
    if (url.pathname === '/wp-json/wp/v2/comments') {
      const postIds = url.searchParams.get('post')?.split(',').map(Number);
      const list = [...comments.values()].filter((c) => c.status === 'approved' && (!postIds || postIds.includes(c.post))).sort((a, b) => b.date.localeCompare(a.date)).map(restComment);
      send(res, list, url);
      return;
    }
    if (url.pathname === '/pause') {
      // The first request is asked to wait a second; the ones after it get their answer.
      if (!paused) {
        paused = true;
        res.writeHead(429, { 'retry-after': url.searchParams.get('wait') ?? '1', 'content-type': 'text/plain' });
        res.end('slow down');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ at: Date.now() }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } }));
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const site: FakeSite = {
    base,
    posts,
    comments,
    requests,
    modifiedAfter: true,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return site;
}
