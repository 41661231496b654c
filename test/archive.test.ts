import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PASSWORD, POSTS, startFakeWordPress, type FakeWordPress } from './fake-wordpress.js';
import { HttpClient } from '../src/read/http.js';
import { readInputs } from '../src/run/inputs.js';
import { filesBelow, runBin, runCli, samplePost } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-archive-'));
let folderCount = 0;
const freshDir = (): string => join(tmp, `out-${++folderCount}`);


function frontMatter(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as Record<string, unknown>;
}

describe('many inputs', () => {
  const dir = join(tmp, 'inputs');
  mkdirSync(join(dir, 'nested'), { recursive: true });
  writeFileSync(join(dir, 'b.json'), JSON.stringify(samplePost({ id: 2, title: { rendered: 'B' } })));
  writeFileSync(join(dir, 'a.json'), JSON.stringify([samplePost({ id: 1, title: { rendered: 'A' } })]));
  writeFileSync(join(dir, 'nested', 'c.ndjson'), `${JSON.stringify(samplePost({ id: 3, title: { rendered: 'C' } }))}\n${JSON.stringify(samplePost({ id: 4, title: { rendered: 'D' } }))}\n`);
  writeFileSync(join(dir, 'notes.txt'), 'not a post');

  it('reads folders (sorted, *.json and *.ndjson) and files in the order given', async () => {
    const result = await runCli(['-f', 'ndjson', dir, join(dir, 'b.json')]);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { title: string }).title)).toEqual(['A', 'B', 'C', 'D', 'B']);
  });

  it('reads NDJSON on stdin', async () => {
    const ndjson = [1, 2, 3].map((id) => JSON.stringify(samplePost({ id, title: { rendered: `T${id}` } }))).join('\n');
    const result = await runCli(['-f', 'json'], ndjson);
    expect((JSON.parse(result.stdout) as Array<{ title: string }>).map((p) => p.title)).toEqual(['T1', 'T2', 'T3']);
  });

  it('names a bad line of NDJSON by its place and goes on', async () => {
    const result = await runCli(['-f', 'ndjson', '-'], `${JSON.stringify(samplePost({ id: 1 }))}\n{"id": 2, "title": }\n${JSON.stringify(samplePost({ id: 3 }))}\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('wp-extract: stdin[1]: malformed JSON at line 2, column 20: unexpected "}"\n');
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('streams a large JSON array', async () => {
    const path = join(tmp, 'big.json');
    const posts = Array.from({ length: 3000 }, (_, i) => samplePost({ id: i + 1, slug: `p-${i + 1}` }));
    writeFileSync(path, JSON.stringify(posts));
    const result = await runCli(['-f', 'ndjson', path]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(3000);
  });
});

describe('a folder of Markdown out', () => {
  const input = join(tmp, 'archive.json');
  writeFileSync(
    input,
    JSON.stringify([
      samplePost({ id: 10, slug: 'hello', date_gmt: '2024-05-06T07:08:09' }),
      samplePost({ id: 11, slug: 'hello', date_gmt: '2024-05-06T07:08:09', title: { rendered: 'Same slug, same day' } }),
      samplePost({ id: 12, slug: '../../escape', title: { rendered: 'Hostile slug' } }),
      samplePost({ id: 13, slug: 'con', type: 'page' }),
      { id: 14, name: 'not a post', avatar_urls: {}, slug: 'x', link: 'x' },
    ]),
  );

  it('writes one file per post, safely named, colliding by id, and reports what failed', async () => {
    const dir = freshDir();
    const result = await runCli(['-o', dir, input]);
    expect(result.code).toBe(1);
    expect(filesBelow(dir)).toEqual([
      'page/2024-01-15-con.md',
      'post/2024-01-15-..-..-escape.md',
      'post/2024-05-06-hello-11.md',
      'post/2024-05-06-hello.md',
    ]);
    expect(frontMatter(join(dir, 'post/2024-05-06-hello-11.md')).title).toBe('Same slug, same day');
    expect(result.stderr).toContain(`${input}[4]: expected a WordPress post object, got a user\n`);
    expect(result.stderr).toMatch(new RegExp(`4 written, 0 skipped, 1 failed in \\d+s \\(${dir}\\)\\n`));
    expect(result.stderr).toContain(`wp-extract: failed: ${input}[4]\n`);
    expect(result.stdout).toBe('');
  });

  it('skips files that exist, so a rerun finishes where it stopped; --force rewrites', async () => {
    const dir = freshDir();
    await runCli(['-o', dir, input]);
    writeFileSync(join(dir, 'post/2024-05-06-hello.md'), 'edited by hand');
    const rerun = await runCli(['-o', dir, input]);
    expect(rerun.stderr).toContain('0 written, 4 skipped, 1 failed');
    expect(readFileSync(join(dir, 'post/2024-05-06-hello.md'), 'utf8')).toBe('edited by hand');
    const forced = await runCli(['-o', dir, '--force', input]);
    expect(forced.stderr).toContain('4 written, 0 skipped, 1 failed');
    expect(readFileSync(join(dir, 'post/2024-05-06-hello.md'), 'utf8')).toMatch(/^---\ntitle: Hello\n/);
  });

  it('leaves no temporary files', async () => {
    const dir = freshDir();
    await runCli(['-o', dir, input]);
    expect(filesBelow(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('lays files out for Hugo with its front matter keys', async () => {
    const dir = freshDir();
    await runCli(['-o', dir, '--preset', 'hugo', '-q', input]);
    expect(filesBelow(dir)).toContain('content/posts/hello/index.md');
    const values = frontMatter(join(dir, 'content/posts/hello/index.md'));
    expect(Object.keys(values)).toEqual(['title', 'date', 'lastmod', 'slug', 'author', 'categories', 'tags', 'summary', 'url']);
    // Served at the path of its WordPress permalink.
    expect(values.url).toBe(new URL(String(samplePost().link)).pathname);
  });

  it('lays files out for Jekyll, and takes a template', async () => {
    const dir = freshDir();
    await runCli(['-o', dir, '--preset', 'jekyll', '-q', input]);
    expect(filesBelow(dir)).toContain('_posts/2024-05-06-hello.md');
    expect(frontMatter(join(dir, '_posts/2024-05-06-hello.md')).wordpress_id).toBe(10);
    const custom = freshDir();
    await runCli(['-o', custom, '--path', '{yyyy}/{mm}/{id}.md', '-q', input]);
    expect(filesBelow(custom)).toContain('2024/05/10.md');
  });

  it('never writes through a symbolic link that leaves the folder', async () => {
    const dir = freshDir();
    const outside = join(tmp, 'outside');
    mkdirSync(outside, { recursive: true });
    mkdirSync(dir, { recursive: true });
    symlinkSync(outside, join(dir, 'post'));
    const result = await runCli(['-o', dir, '-q', input]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to write outside');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('says clearly when the folder cannot be written', async () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, 'x');
    const result = await runCli(['-o', join(blocker, 'sub'), '-q', input]);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toMatch(/^wp-extract: .*a-file\/sub: cannot write: a part of the path is a file, not a folder$/);
  });

  it.each([
    [['--path', '{nope}.md'], '--path: unknown field {nope}'],
    [['-f', 'json'], '--output writes Markdown (or MDX) files'],
  ])('refuses %j with a usage error', async (args, message) => {
    const result = await runCli(['-o', freshDir(), ...args, input]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses archive options without --output', async () => {
    const result = await runCli(['--force', input]);
    expect(result).toMatchObject({ code: 2, stderr: 'wp-extract: --force goes with --output\n' });
  });
});

describe('a site', () => {
  let wp: FakeWordPress;
  beforeAll(async () => {
    wp = await startFakeWordPress();
  });
  afterAll(async () => {
    await wp.close();
  });

  it('stops a crawl whose pages all bring the same posts within a few requests, and says so (exit 1)', async () => {
    wp.requests.length = 0;
    const out = join(tmp, 'stuck');
    const result = await runBin(['-o', out, '-q', `${wp.base}/?rest_route=/wp/v2/stuck`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `wp-extract: ${wp.base}/?rest_route=/wp/v2/stuck: page 2 holds only posts of earlier pages (does a cache ignore the query string?): stopped after 3 posts; the site lists 3000000, 2999997 missing\nwp-extract: failed: ${wp.base}/?rest_route=/wp/v2/stuck\n`,
    );
    expect(filesBelow(out)).toHaveLength(3);
    const pages = wp.requests.filter((r) => r.includes('stuck'));
    expect(pages.length).toBeLessThanOrEqual(6); // page 1, and the few fetched ahead
  });

  it('says how many posts a crawl missed when the site lists more than it serves (exit 1)', async () => {
    const result = await runBin(['-f', 'ndjson', `${wp.base}/?rest_route=/wp/v2/short`]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(20);
    expect(result.stderr).toBe(`wp-extract: ${wp.base}/?rest_route=/wp/v2/short: the crawl ended early; the site lists 30, 10 missing\n`);
  });

  it('lists every post by paging, falls back to ?rest_route=, and fetches each term once', async () => {
    wp.requests.length = 0;
    const result = await runCli(['-f', 'ndjson', '--retries', '0', wp.base]);
    expect(result.stderr).toBe('');
    const posts = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; categories: string[]; tags: string[]; author: unknown });
    expect(posts).toHaveLength(POSTS);
    expect(posts.map((p) => p.id)).toEqual(Array.from({ length: POSTS }, (_, i) => i + 1));
    expect(posts[0]).toMatchObject({ categories: ['News & Views'], tags: ['Tom & Jerry'], author: 7 });
    expect(posts[1]?.categories).toEqual(["Rock 'n' Roll"]);
    const pages = wp.requests.filter((r) => r.includes('rest_route=%2Fwp%2Fv2%2Fposts&'));
    expect(pages).toHaveLength(3);
    expect(pages.every((r) => r.includes('per_page=100') && r.includes('_embed=1'))).toBe(true);
    const decoded = wp.requests.map((r) => decodeURIComponent(r));
    expect(decoded.filter((r) => r.includes('/wp/v2/categories/1'))).toHaveLength(1);
    expect(decoded.filter((r) => r.includes('/wp/v2/users/7'))).toHaveLength(1);
    expect(wp.requests[0]).toBe('/wp-json/');
  });

  it('tells the progress line how many posts a crawl will bring (X-WP-Total, or --limit)', async () => {
    for (const [limit, total] of [[undefined, POSTS], [120, 120]] as const) {
      const client = new HttpClient();
      const expected: number[] = [];
      const items = readInputs([{ kind: 'url', name: wp.base }], { stdin: Readable.from([]), client: () => client, crawl: limit ? { limit } : {}, expect: (n) => expected.push(n) });
      const first = await items.next();
      await items.return(undefined);
      await client.close();
      expect(first.value).toMatchObject({ list: true });
      expect(expected).toEqual([total]);
    }
  });

  it('filters by category slug, limits, and reads a custom type', async () => {
    const news = await runCli(['-f', 'ndjson', '--category', 'news', '--limit', '120', wp.base]);
    const ids = news.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: number }).id);
    expect(ids).toHaveLength(120);
    expect(ids.every((id) => id % 2 === 1)).toBe(true);
    const books = await runCli(['-f', 'ndjson', '--type', 'books', wp.base]);
    expect(books.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { slug: string }).slug)).toEqual(['a-book', 'b-book']);
    const unknown = await runCli(['--type', 'movies', wp.base]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--type: the site has no post type "movies" (it has: post, book)');
  });

  it('completes the terms ?_embed cut short (10 a taxonomy) by id, and writes a custom taxonomy under its own key', async () => {
    const crawled = await runBin(['-f', 'ndjson', '--type', 'books', wp.base]);
    expect(crawled.code, crawled.stderr).toBe(0);
    const book = JSON.parse(crawled.stdout.trim().split('\n')[1] ?? '{}') as { terms: Array<{ taxonomy: string; slug: string }>; categories: string[] };
    expect(book.terms.filter((t) => t.taxonomy === 'genre').map((t) => t.slug)).toEqual(Array.from({ length: 12 }, (_, i) => `genre-${i + 1}`));
    expect(book.categories).toEqual(['News']);
    for (const jobs of ['1', '3']) {
      const dir = freshDir();
      const written = await runBin(['-o', dir, '--preset', 'hugo', '--type', 'books', '--jobs', jobs, wp.base]);
      expect(written.code, written.stderr).toBe(0);
      const matter = parseYaml(readFileSync(join(dir, 'content/book/b-book/index.md'), 'utf8').split('---')[1] ?? '') as Record<string, unknown>;
      expect(matter.genre).toEqual(Array.from({ length: 12 }, (_, i) => `Genre ${i + 1}`));
    }

    // Saved with ?_embed and no class_list to complete them: the run says so once.
    const saved = JSON.parse(crawled.stdout.trim().split('\n')[1] ?? '{}') as Record<string, unknown>;
    const raw = await (await fetch(`${wp.base}/?rest_route=/wp/v2/books`)).json() as Array<Record<string, unknown>>;
    const file = join(tmp, 'cut-short.json');
    writeFileSync(file, JSON.stringify([raw[1], { ...raw[1], id: 1003, slug: 'c-book' }]));
    const cut = await runBin(['-f', 'ndjson', file]);
    expect(cut.code).toBe(0);
    expect(cut.stderr).toBe(`wp-extract: warning: 2 posts name more terms than the input holds (genre: ?_embed brings 10 a taxonomy, and no class_list completes them); crawling the site brings them all\n`);
    expect(saved.id).toBe(1002);
    // A class_list that names them all completes them.
    const classes = Array.from({ length: 12 }, (_, i) => `genre-genre-${i + 1}`);
    writeFileSync(file, JSON.stringify({ ...raw[1], class_list: ['post-1002', ...classes] }));
    const completed = await runBin(['-f', 'ndjson', file]);
    expect(completed.stderr).toBe('');
    expect((JSON.parse(completed.stdout) as { terms: unknown[] }).terms.filter((t) => (t as { taxonomy: string }).taxonomy === 'genre')).toHaveLength(12);
  });

  it('writes a crawl to a folder with its images, reporting an image that is not one', async () => {
    const dir = freshDir();
    const result = await runCli(['-o', dir, '--images', '--limit', '3', wp.base]);
    expect(result.code).toBe(0);
    expect(filesBelow(dir)).toEqual(['media/a.png', 'post/2024-02-02-post-1.md', 'post/2024-02-03-post-2.md', 'post/2024-02-04-same-slug.md']);
    expect(readFileSync(join(dir, 'media/a.png')).subarray(1, 4).toString()).toBe('PNG');
    const markdown = readFileSync(join(dir, 'post/2024-02-02-post-1.md'), 'utf8');
    expect(markdown).toContain('![A](../media/a.png)');
    expect(markdown).toContain(`![B](${wp.base}/img/not-image.png)`);
    expect(result.stderr).toContain('warning: image not saved: ');
    expect(result.stderr).toContain('not an image (text/html)');
  });

  it('sends an application password, never to another host, and never prints it', async () => {
    const draft = await runCli(['-f', 'json', '--auth', `admin:${PASSWORD}`, `${wp.base}/?rest_route=/wp/v2/posts/999`]);
    expect((JSON.parse(draft.stdout) as { status: string }).status).toBe('draft');
    const noAuth = await runCli([`${wp.base}/?rest_route=/wp/v2/posts/999`]);
    expect(noAuth).toMatchObject({ code: 3, stderr: `wp-extract: ${wp.base}/?rest_route=/wp/v2/posts/999: WordPress error rest_forbidden (HTTP 401): Sorry, you are not allowed to do that.\n` });
    const wrong = await runCli(['--verbose', `${wp.base}/?rest_route=/wp/v2/posts/999`], undefined, { WP_AUTH: 'admin:wrong-password' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('WordPress error incorrect_password (HTTP 401)');
    expect(wrong.stderr).not.toContain('wrong-password');
    const moved = await runCli(['-f', 'json', '--auth', `admin:${PASSWORD}`, `${wp.base}/moved-private`]);
    expect((JSON.parse(moved.stdout) as { title: string }).title).toBe('no auth');
  });

  it('retries 429 (honouring Retry-After), 5xx and dropped connections', async () => {
    for (const route of ['/flaky/429', '/flaky/500', '/flaky/reset']) {
      const result = await runCli(['-f', 'json', `${wp.base}/?rest_route=${route}`]);
      expect({ route, code: result.code, stderr: result.stderr }).toEqual({ route, code: 0, stderr: '' });
    }
    const down = await runCli(['--retries', '2', `${wp.base}/?rest_route=/always/503`]);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('WordPress error down (HTTP 503): Down for maintenance');
    expect(wp.requests.filter((r) => r.includes('always')).length).toBe(3);
  });

  it('goes through the proxy named by HTTP_PROXY, and sends --user-agent', async () => {
    const seen: string[] = [];
    // The "site" behind the proxy, and a proxy that tunnels (CONNECT) or forwards to it.
    const target = createServer((req, res) => {
      seen.push(`${req.headers.host ?? ''} ${req.url ?? ''} ${req.headers['user-agent'] ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(samplePost({ title: { rendered: 'via the proxy' } })));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as AddressInfo).port;
    const proxy = createServer((req, res) => target.emit('request', req, res));
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      seen.push(`CONNECT ${req.url ?? ''}`);
      const upstream = connect(targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    delete process.env.NO_PROXY;
    try {
      const result = await runCli(['-f', 'json', '--retries', '0', '--timeout', '5', '--user-agent', 'archive-bot/1.0', 'http://wordpress.invalid/?rest_route=/wp/v2/posts/1']);
      expect(result.stderr).toBe('');
      expect((JSON.parse(result.stdout) as { title: string }).title).toBe('via the proxy');
      expect(seen.filter((line) => !line.startsWith('CONNECT'))).toEqual([
        expect.stringMatching(/^wordpress\.invalid(:80)? \S*rest_route=\/wp\/v2\/posts\/1 archive-bot\/1\.0$/) as unknown,
      ]);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      for (const server of [proxy, target]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('waits --delay between requests', async () => {
    const started = Date.now();
    const result = await runCli(['-f', 'ndjson', '--delay', '0.2', '--type', 'books', wp.base]);
    expect(result.code).toBe(0);
    // root, the /wp-json/ refusal and ?rest_route= answer, types, one page: at least 4 gaps.
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
  });

  it('passes --after, --before and --search to WordPress', async () => {
    wp.requests.length = 0;
    await runCli(['-f', 'ndjson', '--after', '2024-01-31', '--before', '2024-03-01T12:00:00', '--search', 'tom & jerry', '--limit', '1', wp.base]);
    const page = wp.requests.find((r) => r.includes('page=1')) ?? '';
    expect(page).toContain('after=2024-01-31T00%3A00%3A00');
    expect(page).toContain('before=2024-03-01T12%3A00%3A00');
    expect(page).toContain('search=tom+%26+jerry');
    const bad = await runCli(['--after', 'last tuesday', wp.base]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--after: expected a date such as 2024-01-31, got "last tuesday"') as unknown });
  });

  it('keeps at most --concurrency requests in flight', async () => {
    const client = new HttpClient({ concurrency: 2, delay: 0 });
    await Promise.all(Array.from({ length: 8 }, () => client.get(`${wp.base}/?rest_route=/slow`, 'application/json')));
    await client.close();
    expect(wp.maxConcurrent()).toBe(2);
  });

  it('saves images beside each post with --images-beside', async () => {
    const dir = freshDir();
    await runCli(['-o', dir, '--preset', 'hugo', '--images-beside', '--limit', '1', '-q', wp.base]);
    expect(filesBelow(dir).filter((f) => !f.startsWith('content/wp-archives/'))).toEqual(['content/posts/post-1/a.png', 'content/posts/post-1/index.md', 'static/_redirects', 'static/redirects.csv']);
    expect(readFileSync(join(dir, 'content/posts/post-1/index.md'), 'utf8')).toContain('![A](a.png)');
  });

  it("--media downloads the documents and audio posts link to from the site's uploads, never a page in their place", async () => {
    for (const jobs of ['1', '3']) {
      const dir = freshDir();
      const result = await runBin(['-o', dir, '--preset', 'hugo', '--media', '--limit', '2', '--jobs', jobs, wp.base]);
      expect(result.code, result.stderr).toBe(0);
      expect(filesBelow(join(dir, 'static'))).toEqual(['_redirects', 'media/127.0.0.1/img/a.png', 'redirects.csv', 'wp-content/uploads/2024/02/notes.pdf', 'wp-content/uploads/2024/02/talk.mp3'].map((f) => f.replace('127.0.0.1', new URL(wp.base).host.replace(':', '-'))).sort());
      const text = readFileSync(join(dir, 'content/posts/post-2/index.md'), 'utf8');
      expect(text).toContain('The [notes](/wp-content/uploads/2024/02/notes.pdf), [gone](');
      expect(text).toContain(`[elsewhere](${wp.base}/elsewhere/file.pdf)`);
      expect(text).toContain('[Audio: talk.mp3](/wp-content/uploads/2024/02/talk.mp3)');
      expect(result.stderr).toContain('gone.pdf: a web page, not the file (text/html)');
    }
  });

  it('reads deflate-compressed answers', async () => {
    const result = await runCli(['-f', 'json', `${wp.base}/?rest_route=/deflate`]);
    expect((JSON.parse(result.stdout) as { id: number }).id).toBe(502);
  });
});
