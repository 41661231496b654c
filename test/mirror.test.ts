import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/read/http.js';
import { startFakeSite, type FakeSite } from './fake-site.js';
import { filesBelow, runBin, samplePost } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-mirror-'));
let folders = 0;
const freshDir = (): string => join(tmp, `out-${++folders}`);

/** Every file of a folder with its modification time. */
function mtimes(dir: string): Map<string, number> {
  return new Map(filesBelow(dir, { state: true }).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

const stateOf = (dir: string): { posts: Record<string, { path: string; modified: string | null; images?: string[] }> } =>
  JSON.parse(readFileSync(join(dir, '_wp-extract.json'), 'utf8')) as { posts: Record<string, { path: string; modified: string | null; images?: string[] }> };

describe('--update against a site', () => {
  let site: FakeSite;
  beforeAll(async () => {
    site = await startFakeSite();
    const image = (name: string): string => `<p><img src="${site.base}/img/${name}.png" alt=""></p>`;
    for (let id = 1; id <= 30; id++) {
      const extra = id === 1 ? image('only-one') : id === 2 || id === 3 ? image('shared') : '';
      site.posts.set(id, { id, slug: `post-${id}`, title: `Post ${id}`, content: `<p>Body ${id}.</p>${extra}`, modified: '2024-03-01T10:00:00' });
    }
  });
  afterAll(() => site.close());

  it('fetches and writes only what changed, leaves the rest untouched, reports what is gone, and --prune removes it', async () => {
    const dir = freshDir();
    const first = await runBin(['-o', dir, '--images', site.base]);
    expect(first.code, first.stderr).toBe(0);
    expect(filesBelow(dir).filter((f) => f.endsWith('.md'))).toHaveLength(30);
    expect(filesBelow(dir).filter((f) => f.startsWith('media/'))).toEqual(['media/only-one.png', 'media/shared.png']);
    expect(Object.keys(stateOf(dir).posts)).toHaveLength(30);
    const before = mtimes(dir);

    // Nothing changed: the root, the posts modified since the newest the folder holds (a day
    // before it), and the count, which says nothing is gone.
    let asked = site.requests.length;
    const idle = await runBin(['-o', dir, '--update', '--images', site.base]);
    expect(idle.code, idle.stderr).toBe(0);
    expect(idle.stderr).toMatch(/0 new, 0 changed, 30 unchanged, 0 gone, 0 failed in .*, 3 requests \(/);
    expect(site.requests.slice(asked)).toEqual([
      '/wp-json/',
      '/wp-json/wp/v2/posts?_embed=1&modified_after=2024-02-29T10%3A00%3A00&per_page=100&page=1',
      '/wp-json/wp/v2/posts?per_page=1&_fields=id',
    ]);
    const afterIdle = mtimes(dir);
    for (const [file, time] of before) if (file !== '_wp-extract.json') expect(afterIdle.get(file), file).toBe(time);

    // Two posts changed, one trashed, one added.
    site.posts.set(5, { ...site.posts.get(5)!, content: '<p>Body 5, corrected.</p>', modified: '2024-04-01T09:00:00' });
    site.posts.set(6, { ...site.posts.get(6)!, title: 'Post 6, retitled', modified: '2024-04-01T09:30:00' });
    site.posts.get(1)!.status = 'trash';
    site.posts.set(31, { id: 31, slug: 'post-31', title: 'Post 31', content: '<p>New.</p>', modified: '2024-04-02T08:00:00' });
    asked = site.requests.length;
    const update = await runBin(['-o', dir, '--update', '--images', '--jobs', '3', site.base]);
    expect(update.code, update.stderr).toBe(0);
    // The count falls short (a post is gone): the listing too, but the changed posts came already.
    expect(update.stderr).toMatch(/1 new, 2 changed, 27 unchanged, 1 gone, 0 failed in .*, 4 requests \(/);
    expect(update.stderr).toContain('wp-extract: post/2024-03-01-post-1.md: gone upstream (post 1 is no longer listed); --prune removes it\n');
    expect(site.requests.slice(asked).at(-1)).toBe('/wp-json/wp/v2/posts?_fields=id%2Ctype%2Clink%2Cmodified%2Cmodified_gmt&per_page=100&page=1');
    const afterUpdate = mtimes(dir);
    const rewritten = [...afterUpdate].filter(([file, time]) => before.get(file) !== time).map(([file]) => file).sort();
    expect(rewritten).toEqual(['_wp-extract.json', 'post/2024-03-01-post-31.md', 'post/2024-03-01-post-5.md', 'post/2024-03-01-post-6.md']);
    expect(readFileSync(join(dir, 'post/2024-03-01-post-5.md'), 'utf8')).toContain('Body 5, corrected.');
    expect(readFileSync(join(dir, 'post/2024-03-01-post-6.md'), 'utf8')).toContain('title: Post 6, retitled');
    expect(existsSync(join(dir, 'post/2024-03-01-post-1.md'))).toBe(true);

    const prune = await runBin(['-o', dir, '--update', '--prune', '--images', site.base]);
    expect(prune.code, prune.stderr).toBe(0);
    expect(prune.stderr).toContain('wp-extract: post/2024-03-01-post-1.md: removed, gone upstream (post 1), with 1 image\n');
    expect(prune.stderr).toMatch(/0 new, 0 changed, 30 unchanged, 1 gone/);
    expect(existsSync(join(dir, 'post/2024-03-01-post-1.md'))).toBe(false);
    expect(filesBelow(dir).filter((f) => f.startsWith('media/'))).toEqual(['media/shared.png']);
    expect(Object.keys(stateOf(dir).posts)).toHaveLength(30);
    const again = await runBin(['-o', dir, '--update', site.base]);
    expect(again.stderr).toMatch(/0 new, 0 changed, 30 unchanged, 0 gone/);
  });

  it('lists every post on a site that does not take modified_after (before WordPress 5.7), fetching the changed ones by id', async () => {
    const dir = freshDir();
    site.modifiedAfter = false;
    try {
      await runBin(['-o', dir, '-q', site.base]);
      site.posts.set(9, { ...site.posts.get(9)!, content: '<p>Body 9, again.</p>', modified: '2024-06-01T00:00:00' });
      const asked = site.requests.length;
      const update = await runBin(['-o', dir, '--update', site.base]);
      expect(update.stderr).toMatch(/0 new, 1 changed, \d+ unchanged, 0 gone, 0 failed in .*, 3 requests \(/);
      expect(site.requests.slice(asked)).toEqual([
        '/wp-json/',
        '/wp-json/wp/v2/posts?_fields=id%2Ctype%2Clink%2Cmodified%2Cmodified_gmt&per_page=100&page=1',
        '/wp-json/wp/v2/posts?include=9&per_page=1&_embed=1',
      ]);
      expect(readFileSync(join(dir, 'post/2024-03-01-post-9.md'), 'utf8')).toContain('Body 9, again.');
    } finally {
      site.modifiedAfter = true;
    }
  });

  it('writes again a file removed by hand; a first --update is a plain crawl', async () => {
    const dir = freshDir();
    const asked = site.requests.length;
    const first = await runBin(['-o', dir, '--update', site.base]);
    expect(first.stderr).toContain('no _wp-extract.json here yet: every post is new');
    expect(first.stderr).toMatch(/30 new, 0 changed, 0 unchanged, 0 gone, 0 failed in .*, 2 requests \(/);
    expect(site.requests.slice(asked)[1]).toMatch(/_embed=1/);
    rmSync(join(dir, 'post/2024-03-01-post-4.md'));
    const update = await runBin(['-o', dir, '--update', site.base]);
    // Written again, over what the state knew of it.
    expect(update.stderr).toMatch(/0 new, 1 changed, 29 unchanged, 0 gone/);
    expect(existsSync(join(dir, 'post/2024-03-01-post-4.md'))).toBe(true);
  });

  it('says nothing is gone of a type it did not list (pages in a folder, posts crawled)', async () => {
    const dir = freshDir();
    site.modifiedAfter = false;
    try {
      await runBin(['-o', dir, '-q', site.base]);
      const file = join(dir, '_wp-extract.json');
      const host = new URL(site.base).host;
      writeFileSync(file, readFileSync(file, 'utf8').replace('"posts": {\n', `"posts": {\n    "${host}|page|999": {"path":"page/2024-01-01-about.md","modified":"2024-01-01T00:00:00Z"},\n`));
      const update = await runBin(['-o', dir, '--update', site.base]);
      expect(update.stderr).toMatch(/, 0 gone, 0 failed/);
      expect(stateOf(dir).posts[`${host}|page|999`]).toBeDefined();
    } finally {
      site.modifiedAfter = true;
    }
  });

  it('writes a moved post (a new slug) to its new file and removes the old one', async () => {
    const dir = freshDir();
    await runBin(['-o', dir, '-q', site.base]);
    site.posts.set(7, { ...site.posts.get(7)!, slug: 'post-7-renamed', modified: '2030-05-01T00:00:00' });
    const update = await runBin(['-o', dir, '--update', '--verbose', site.base]);
    expect(update.stderr).toMatch(/0 new, 1 changed/);
    expect(existsSync(join(dir, 'post/2024-03-01-post-7.md'))).toBe(false);
    expect(existsSync(join(dir, 'post/2024-03-01-post-7-renamed.md'))).toBe(true);
  });

  it('rewrites a post whose comments changed, with --comments', async () => {
    const dir = freshDir();
    site.comments.set(900, { id: 900, post: 8, parent: 0, author: 'Cat', date: '2024-03-02T10:00:00', content: '<p>First!</p>', status: 'approved' });
    await runBin(['-o', dir, '-q', '--comments', site.base]);
    expect(readFileSync(join(dir, 'post/2024-03-01-post-8.md'), 'utf8')).toContain('**Cat** · 2024-03-02 10:00 UTC\n\nFirst!');
    const idle = await runBin(['-o', dir, '--update', '--comments', site.base]);
    expect(idle.stderr).toMatch(/0 new, 0 changed, \d+ unchanged/);
    site.comments.set(901, { id: 901, post: 8, parent: 900, author: 'Dan', date: '2024-03-03T10:00:00', content: '<p>Second.</p>', status: 'approved' });
    const update = await runBin(['-o', dir, '--update', '--comments', site.base]);
    expect(update.stderr).toMatch(/0 new, 1 changed/);
    expect(readFileSync(join(dir, 'post/2024-03-01-post-8.md'), 'utf8')).toContain('> **Dan** · 2024-03-03 10:00 UTC\n>\n> Second.');
  });
});

describe('--comments from a site', () => {
  let site: FakeSite;
  beforeAll(async () => {
    site = await startFakeSite();
    for (let id = 1; id <= 3; id++) site.posts.set(id, { id, slug: `p-${id}`, title: `P${id}`, content: `<p>Body ${id}.</p>`, modified: '2024-03-01T10:00:00' });
    for (let n = 1; n <= 150; n++) {
      site.comments.set(n, { id: n, post: 2, parent: n > 1 && n % 10 === 0 ? n - 1 : 0, author: `Reader ${n}`, date: `2024-03-02T10:${String(n % 60).padStart(2, '0')}:${String(Math.floor(n / 60)).padStart(2, '0')}`, content: `<p>Comment ${n}.</p>`, status: 'approved' });
    }
    site.comments.set(500, { id: 500, post: 2, parent: 0, author: 'Held', date: '2024-03-03T10:00:00', content: '<p>PENDING</p>', status: 'hold' });
  });
  afterAll(() => site.close());

  it('brings every page of approved comments, one listing per page of posts, the same on one thread and on three', async () => {
    const asked = site.requests.length;
    const one = await runBin(['-f', 'json', '--comments', '--jobs', '1', site.base]);
    expect(one.code, one.stderr).toBe(0);
    const posts = JSON.parse(one.stdout) as Array<{ id: number; comments: Array<{ id: number; parent: number; markdown: string }> }>;
    const two = posts.find((p) => p.id === 2)!;
    expect(two.comments).toHaveLength(150);
    expect(two.comments.find((c) => c.id === 20)).toEqual(expect.objectContaining({ parent: 19, markdown: 'Comment 20.\n' }));
    expect(one.stdout).not.toContain('PENDING');
    expect(posts.find((p) => p.id === 1)!.comments).toEqual([]);
    // The root, a page of posts, two pages of comments.
    expect(site.requests.slice(asked).filter((r) => r.includes('/comments'))).toHaveLength(2);
    const three = await runBin(['-f', 'json', '--comments', '--jobs', '3', site.base]);
    expect(three.stdout).toBe(one.stdout);
    const md = await runBin(['--comments', `${site.base}/wp-json/wp/v2/posts/2`]);
    expect(md.stdout.match(/^## Comments$/gm)).toHaveLength(1);
  });

  it('leaves comments out unless asked for', async () => {
    const result = await runBin(['-f', 'json', site.base]);
    expect(result.stdout).not.toContain('"comments"');
  });
});

describe('--update from files', () => {
  const post = (id: number, modified: string, title = `T${id}`): Record<string, unknown> =>
    samplePost({ id, slug: `p-${id}`, modified_gmt: modified, title: { rendered: title }, link: `https://example.org/p-${id}/` });

  it('writes only the posts of a newer export whose modified moved, and reports the ones gone', async () => {
    const dir = freshDir();
    const v1 = join(tmp, 'v1.ndjson');
    const v2 = join(tmp, 'v2.ndjson');
    writeFileSync(v1, [post(1, '2024-01-01T00:00:00'), post(2, '2024-01-01T00:00:00'), post(3, '2024-01-01T00:00:00')].map((p) => JSON.stringify(p)).join('\n'));
    writeFileSync(v2, [post(1, '2024-01-01T00:00:00'), post(2, '2024-02-01T00:00:00', 'T2 new'), post(4, '2024-02-01T00:00:00')].map((p) => JSON.stringify(p)).join('\n'));
    expect((await runBin(['-o', dir, '-q', v1])).code).toBe(0);
    const before = mtimes(dir);
    const update = await runBin(['-o', dir, '--update', '--jobs', '2', v2]);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stderr).toMatch(/1 new, 1 changed, 1 unchanged, 1 gone/);
    expect(update.stderr).toContain('post/2024-01-15-p-3.md: gone upstream (post 3 is no longer listed)');
    const after = mtimes(dir);
    expect([...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f).sort()).toEqual(['_wp-extract.json', 'post/2024-01-15-p-2.md', 'post/2024-01-15-p-4.md']);
  });

  it('updates from a WordPress export (WXR) the same way', async () => {
    const dir = freshDir();
    const source = readFileSync(new URL('../fixtures/wxr-export/input.xml', import.meta.url), 'utf8');
    const v1 = join(tmp, 'v1.xml');
    writeFileSync(v1, source);
    expect((await runBin(['-o', dir, '-q', v1])).code).toBe(0);
    const count = filesBelow(dir).length;
    const v2 = join(tmp, 'v2.xml');
    // One post edited since: its modification time moves.
    const first = /<wp:post_modified_gmt><!\[CDATA\[([^\]]*)\]\]><\/wp:post_modified_gmt>/.exec(source);
    expect(first).not.toBeNull();
    writeFileSync(v2, source.replace(first![0], '<wp:post_modified_gmt><![CDATA[2030-01-01 00:00:00]]></wp:post_modified_gmt>'));
    const update = await runBin(['-o', dir, '--update', v2]);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stderr).toMatch(new RegExp(`0 new, 1 changed, ${count - 1} unchanged, 0 gone`));
  });

  it('refuses what makes no sense with --update', async () => {
    const dir = freshDir();
    for (const [args, message] of [
      [['--prune', '-o', dir], '--prune goes with --update'],
      [['--update', '--limit', '3', '-o', dir], '--update keeps a whole mirror, and --limit reads part of it'],
      [['--update', '--force', '-o', dir], '--update writes only what changed'],
      [['--update'], '--update goes with --output'],
    ] as const) {
      const result = await runBin([...args, 'https://example.org/']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('one run at a time on a folder', () => {
  const input = join(tmp, 'lock.json');
  writeFileSync(input, JSON.stringify([samplePost({ id: 1 }), samplePost({ id: 2, slug: 'two' })]));

  it('refuses to write a folder another run is writing, in one line, writing nothing', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '_wp-extract.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-11-30T10:00:00Z' }));
    const result = await runBin(['-o', dir, input]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`wp-extract: ${dir}: another wp-extract run (process ${process.pid} on ${hostname()}, since 2026-11-30T10:00:00Z) is writing this folder; try again when it ends, or remove _wp-extract.lock if it is not running\n`);
    expect(filesBelow(dir, { state: true })).toEqual(['_wp-extract.lock']);
  });

  it('takes over the lock of a run that died, and lets it go at the end', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '_wp-extract.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: 'then' }));
    const result = await runBin(['-o', dir, input]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('taking over the lock of a run that did not end');
    expect(filesBelow(dir, { state: true })).toEqual(['_wp-extract.json', 'post/2024-01-15-hello.md', 'post/2024-01-15-two.md']);
  });

  it('lets two runs started at once on one folder end with whole files, one of them refused', async () => {
    const dir = freshDir();
    const big = join(tmp, 'lock-big.json');
    writeFileSync(big, JSON.stringify(Array.from({ length: 400 }, (_, i) => samplePost({ id: i + 1, slug: `p-${i + 1}` }))));
    const [a, b] = await Promise.all([runBin(['-o', dir, big]), runBin(['-o', dir, big])]);
    const codes = [a.code, b.code].sort();
    // Either the second started after the first ended (both fine), or it was refused.
    if (codes[1] === 1) expect(`${a.stderr}${b.stderr}`).toContain('is writing this folder');
    else expect(codes).toEqual([0, 0]);
    expect(filesBelow(dir).filter((f) => f.endsWith('.md'))).toHaveLength(400);
    expect(filesBelow(dir, { state: true }).filter((f) => f.includes('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});

describe('polite requests', () => {
  let site: FakeSite;
  beforeAll(async () => {
    site = await startFakeSite();
  });
  afterAll(() => site.close());

  it('pauses every request, not only the one told, for as long as Retry-After asks', async () => {
    const client = new HttpClient({ delay: 0, concurrency: 4 });
    const started = Date.now();
    const first = client.get(`${site.base}/pause?wait=1`, 'application/json');
    // Once the first has been answered 429.
    while (!site.requests.includes('/pause?wait=1')) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await client.get(`${site.base}/pause`, 'application/json');
    // The second request was sent after the pause the first was asked for.
    expect((JSON.parse(second.body.toString()) as { at: number }).at - started).toBeGreaterThanOrEqual(950);
    expect((await first).status).toBe(200);
    await client.close();
  });

  it('sends at most ten requests a second by default', async () => {
    const client = new HttpClient();
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => client.get(`${site.base}/wp-json/`, 'application/json')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    await client.close();
  });
});
