import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { filesBelow, runBin } from '../helpers.js';
import { auth, exportSite, php, site } from './wordpress-site.js';

/**
 * Against a real WordPress (Debian's package, started by scripts/wordpress/setup.sh, which
 * `npm run test:e2e` runs first): a full crawl, names with `&` and apostrophes, Booster
 * widgets removed, drafts only with an application password, a rerun that skips everything,
 * images that are real images; the site's export (WordPress's own exporter) converted to the
 * same files as the crawl. Through the built command, as users run it.
 */
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-e2e-'));


const frontMatter = (path: string): Record<string, unknown> =>
  parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path, 'utf8'))?.[1] ?? '') as Record<string, unknown>;

async function totalPosts(status?: string): Promise<number> {
  const url = new URL('?rest_route=/wp/v2/posts&per_page=1', site);
  const headers: Record<string, string> = {};
  if (status) {
    url.searchParams.set('status', status);
    headers.authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  }
  const response = await fetch(url, { headers });
  return Number(response.headers.get('x-wp-total'));
}

describe('a real WordPress', () => {
  const out = join(tmp, 'site');

  it('crawls every published post into a folder', async () => {
    const started = Date.now();
    const result = await runBin(['-o', out, '--images', site]);
    const seconds = (Date.now() - started) / 1000;
    const posts = filesBelow(out).filter((f) => f.endsWith('.md'));
    const total = await totalPosts();
    console.log(`e2e crawl: ${posts.length} posts (X-WP-Total ${total}) in ${seconds.toFixed(2)} s; ${result.stderr.trim().split('\n').pop()}`);
    expect(result.code).toBe(0);
    expect(total).toBeGreaterThan(100);
    expect(posts).toHaveLength(total);
  });

  it('puts the right names in the front matter and no Booster text in the body', () => {
    const first = frontMatter(join(out, 'post/2024-01-01-post-001.md'));
    expect(first).toMatchObject({
      title: 'Post 001: Tom & Jerry’s “day”',
      date: '2024-01-01T09:30:00Z',
      author: "Alice O'Hara",
      categories: ['News & Views'],
      tags: ['Tom & Jerry'],
    });
    expect(frontMatter(join(out, 'post/2024-01-04-post-004.md'))).toMatchObject({
      author: 'Bob & Sons',
      tags: expect.arrayContaining(["it's", 'Tom & Jerry']) as unknown,
    });
    expect(frontMatter(join(out, 'post/2024-01-03-post-003.md')).categories).toEqual(["Rock 'n' Roll"]);
    for (const file of filesBelow(out).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).not.toMatch(/Read Time|twp-|Happy/);
    }
    expect(readFileSync(join(out, 'post/2024-01-05-post-005.md'), 'utf8')).toContain('Body of post 5, with a [relative link]');
  });

  it('saves images as real images and links to the copies', () => {
    const png = readFileSync(join(out, 'media/e2e-pixel.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const text = readFileSync(join(out, 'post/2024-01-01-post-001.md'), 'utf8');
    expect(text).toContain('featured_image: ../media/e2e-pixel.png');
    expect(text).toContain('![Red square in post 1](../media/e2e-pixel.png)');
  });

  it('skips everything on a rerun', async () => {
    const result = await runBin(['-o', out, site]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/0 written, \d+ skipped, 0 failed/);
  });

  it('lists drafts and private posts only with an application password', async () => {
    const anonymous = await runBin(['-f', 'ndjson', site]);
    const titles = anonymous.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { title: string }).title);
    expect(titles).not.toContain('Secret draft');
    const authed = await runBin(['-f', 'ndjson', site], undefined, { env: { WP_AUTH: auth } });
    const withAuth = authed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { title: string; status: string });
    expect(authed.code).toBe(0);
    expect(withAuth).toHaveLength(await totalPosts('publish,future,draft,pending,private'));
    expect(withAuth.find((p) => p.title === 'Secret draft')?.status).toBe('draft');
    expect(withAuth.find((p) => p.title === 'Private: Private thoughts')?.status ?? withAuth.find((p) => p.title.endsWith('Private thoughts'))?.status).toBe('private');
  });

  it('gets exit 3 and WordPress\'s error code for a wrong password, without printing it', async () => {
    const result = await runBin(['--auth', 'admin:not the password', site]);
    expect(result.code).toBe(3);
    // WordPress 6.1 answers a wrong application password as if none had been sent, so the
    // listing of drafts is refused with its own code; newer versions say incorrect_password.
    expect(result.stderr).toMatch(/WordPress error (incorrect_password|rest_invalid_param|rest_forbidden) \(HTTP 40[013]\)/);
    expect(result.stderr).toContain('WordPress did not accept the application password: check --auth or WP_AUTH');
    expect(result.stderr).not.toContain('not the password');
  });

  it('marks a password-protected post and leaves its body empty', async () => {
    const result = await runBin(['-f', 'ndjson', new URL('?rest_route=/wp/v2/posts&slug=members-only', site).href]);
    const post = JSON.parse(result.stdout.trim()) as { password_protected: boolean; markdown: string };
    expect(post).toMatchObject({ password_protected: true, markdown: '' });
  });

  it('reads pages (with their parents) and a custom post type', async () => {
    const pages = await runBin(['-f', 'ndjson', '--type', 'pages', site]);
    expect(pages.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { slug: string }).slug).sort()).toEqual(['about-us', 'our-team', 'sample-page']);
    const books = await runBin(['-f', 'ndjson', '--type', 'book', site]);
    expect(books.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['book', 'book', 'book']);
  });

  it("converts the site's export (WordPress's own exporter) to the same files as the crawl", async () => {
    const exportFile = join(tmp, 'export.xml');
    exportSite(exportFile);
    const fromExport = join(tmp, 'from-export');
    const fromSite = join(tmp, 'from-site');
    // With the custom fields the site shows in REST (a private one named), as a moving site asks for them.
    const meta = ['--meta', 'price,specs,_yoast_wpseo_metadesc'];
    const [wxr, crawl] = await Promise.all([runBin(['-o', fromExport, ...meta, exportFile]), runBin(['-o', fromSite, ...meta, site])]);
    expect(wxr.code, wxr.stderr).toBe(0);
    expect(crawl.code, crawl.stderr).toBe(0);
    const files = filesBelow(fromSite);
    expect(files.length).toBeGreaterThan(120);
    expect(filesBelow(fromExport)).toEqual(files);
    // Front matter and body alike, classic posts (wpautop, wptexturize, [caption], [gallery],
    // <!--more-->, <!--nextpage-->, a widget shortcode) and block posts.
    for (const file of files) expect(readFileSync(join(fromExport, file), 'utf8'), file).toBe(readFileSync(join(fromSite, file), 'utf8'));
    // --image-size full: the original upload, not the -300x7 size shown nor the -scaled copy, on both paths.
    const [fullExport, fullCrawl] = await Promise.all([runBin(['-f', 'ndjson', '--image-size', 'full', exportFile]), runBin(['-f', 'ndjson', '--image-size', 'full', site])]);
    const wide = (out: string): { markdown: string; featured_image: { url: string } } => JSON.parse(out.split('\n').find((line) => line.includes('"slug":"wide-image"')) ?? '{}') as { markdown: string; featured_image: { url: string } };
    for (const result of [fullExport, fullCrawl]) {
      expect(wide(result.stdout).markdown).toMatch(/^!\[A wide band\]\(http:\/\/127\.0\.0\.1:\d+\/wp-content\/uploads\/\d{4}\/\d\d\/e2e-wide\.jpg\)\n$/);
      expect(wide(result.stdout).featured_image.url).toMatch(/\/e2e-wide\.jpg$/);
    }
    // Every term (15 tags, more than ?_embed's 10; a custom taxonomy), SEO and custom fields, on both paths.
    const many = readFileSync(join(fromSite, 'post/2023-04-01-many-tags.md'), 'utf8');
    for (const line of ['  - Tag 15\n', 'genre:\n  - Jazz\n  - Modal jazz\n', 'description: Fifteen tags, two genres and a price.\n', 'price: "24.90"\n', 'specs:\n  label: Columbia\n  year: 1959\n']) {
      expect(many).toContain(line);
    }
  });
});

/** Changes the site through WordPress's own functions (scripts/wordpress/mirror.php). */
const wordpress = (...args: string[]): string => php('mirror.php', ...args);

const mtimesBelow = (dir: string): Map<string, number> => new Map(filesBelow(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
const requestsOf = (stderr: string): number => Number(/, (\d+) requests? \(/.exec(stderr)?.[1] ?? Number.NaN);

describe('a mirror of a real WordPress', () => {
  const out = join(tmp, 'mirror');
  const added = `mirror-added-${Date.now()}`;

  it('brings a folder up to date with a few requests: two posts changed, one trashed, one added', async () => {
    const first = await runBin(['-o', out, site]);
    expect(first.code, first.stderr).toBe(0);
    const total = await totalPosts();
    const idle = await runBin(['-o', out, '--update', site]);
    console.log(`e2e mirror, nothing changed: ${idle.stderr.trim()}`);
    expect(idle.stderr).toMatch(new RegExp(`0 new, 0 changed, ${total} unchanged, 0 gone, 0 failed`));
    // The root, the posts modified since the newest the folder holds, the count: a few requests, whatever the size.
    expect(requestsOf(idle.stderr)).toBe(3);
    const before = mtimesBelow(out);

    wordpress('edit', 'post-050', 'post-051');
    wordpress('trash', 'post-052');
    wordpress('add', added);
    try {
      const update = await runBin(['-o', out, '--update', '--jobs', '2', site]);
      console.log(`e2e mirror, 2 changed, 1 trashed, 1 added: ${update.stderr.trim().split('\n').pop()}`);
      expect(update.code, update.stderr).toBe(0);
      expect(update.stderr).toMatch(new RegExp(`1 new, 2 changed, ${total - 3} unchanged, 1 gone, 0 failed`));
      expect(update.stderr).toContain('post/2024-02-21-post-052.md: gone upstream');
      // The same three, and the count falling short (a post is gone), the listing of ids (100 a page).
      expect(requestsOf(update.stderr)).toBe(3 + Math.ceil(total / 100));
      const after = mtimesBelow(out);
      const written = [...after].filter(([file, time]) => before.get(file) !== time).map(([file]) => file).sort();
      // The post added today sorts last.
      expect(written).toEqual(['post/2024-02-19-post-050.md', 'post/2024-02-20-post-051.md', expect.stringMatching(new RegExp(`^post/\\d{4}-\\d\\d-\\d\\d-${added}\\.md$`))]);
      expect(readFileSync(join(out, 'post/2024-02-19-post-050.md'), 'utf8')).toContain('Edited for the mirror.');

      const prune = await runBin(['-o', out, '--update', '--prune', site]);
      expect(prune.stderr).toContain('post/2024-02-21-post-052.md: removed, gone upstream');
      expect(existsSync(join(out, 'post/2024-02-21-post-052.md'))).toBe(false);
    } finally {
      // The site as it was for the other tests, and for the next run.
      for (const restore of [['untrash', 'post-052'], ['delete', added]]) {
        try {
          wordpress(...restore);
        } catch (error) {
          console.error(String(error));
        }
      }
    }
  });

  it('brings only approved comments, each reply under its parent', async () => {
    const ids = JSON.parse(wordpress('comments', 'post-060')) as Record<string, number>;
    try {
      const json = await runBin(['-f', 'json', '--comments', `${site}?p=${wordpress('id', 'post-060')}`]);
      expect(json.code, json.stderr).toBe(0);
      const post = JSON.parse(json.stdout) as { comments: Array<{ id: number; parent: number; author: string; markdown: string }> };
      expect(post.comments).toEqual([
        { id: ids.root, parent: 0, author: 'Reader', date: '2024-03-01T12:01:00Z', markdown: 'A “fine” post — thanks.\n' },
        { id: ids.reply, parent: ids.root, author: 'Author', date: '2024-03-01T12:02:00Z', markdown: 'Glad you liked it.\n' },
      ]);
      const crawl = await runBin(['--comments', '-q', site]);
      expect(crawl.stdout).toContain('**Reader** · 2024-03-01 12:01 UTC\n\nA “fine” post — thanks.\n\n> **Author** · 2024-03-01 12:02 UTC\n>\n> Glad you liked it.');
      expect(crawl.stdout).not.toMatch(/PENDING|SPAM/);
    } finally {
      wordpress('uncomment', 'post-060');
    }
  });
});
