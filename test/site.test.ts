import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesBelow, runBin, samplePost } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-site-'));
let folders = 0;
const freshDir = (): string => join(tmp, `out-${++folders}`);
const SITE = 'https://blog.example.org';

const post = (id: number, slug: string, link: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  samplePost({ id, slug, link, title: { rendered: slug }, content: { rendered: content }, date_gmt: `2024-01-0${id}T10:00:00`, ...extra });

/** The posts of a small archive: one that links to the others in every form, given first. */
const linker = post(
  4,
  'delta',
  `${SITE}/2024/01/04/delta/`,
  [
    `<p><a href="${SITE}/2024/01/02/beta">no slash</a>, <a href="http://www.blog.example.org/?p=2#part">shortlink</a>,`,
    ` <a href="${SITE}/?page_id=3">page id</a>, <a href="/2024/01/01/alpha/">root-relative</a>,`,
    ` <a href="${SITE}/2023/05/05/old/">not in the archive</a>, <a href="https://other.example.com/x">elsewhere</a>.</p>`,
  ].join(''),
);
const archive = [
  linker,
  post(1, 'alpha', `${SITE}/2024/01/01/alpha/`, '<p>Alpha.</p>'),
  post(2, 'beta', `${SITE}/2024/01/02/beta/`, '<p id="part">Beta.</p>'),
  post(3, 'team', `${SITE}/about/team/`, '<p>The team.</p>', { type: 'page', parent: 9 }),
];

function write(name: string, posts: unknown[]): string {
  const file = join(tmp, name);
  writeFileSync(file, posts.map((p) => JSON.stringify(p)).join('\n'));
  return file;
}

describe('a folder for a static site', () => {
  const input = write('archive.ndjson', archive);

  it('serves each post at its old address and points links between posts there, whatever the order and the threads', async () => {
    const one = freshDir();
    const three = freshDir();
    const [a, b] = await Promise.all([runBin(['-o', one, '--preset', 'jekyll', '--jobs', '1', input]), runBin(['-o', three, '--preset', 'jekyll', '--jobs', '3', input])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    for (const file of filesBelow(one)) expect(readFileSync(join(three, file), 'utf8'), file).toBe(readFileSync(join(one, file), 'utf8'));
    const delta = readFileSync(join(one, '_posts/2024-01-04-delta.md'), 'utf8');
    expect(delta).toContain('permalink: /2024/01/04/delta/\n');
    expect(delta).toContain(
      '[no slash](/2024/01/02/beta/), [shortlink](/2024/01/02/beta/#part), [page id](/about/team/), [root-relative](/2024/01/01/alpha/), ' +
        `[not in the archive](${SITE}/2023/05/05/old/), [elsewhere](https://other.example.com/x).`,
    );
    expect(readFileSync(join(one, '_posts/2024-01-03-team.md'), 'utf8')).toContain('permalink: /about/team/\n');
  });

  it('keeps links as they are with --links keep, and by default without a preset', async () => {
    for (const args of [['--preset', 'hugo', '--links', 'keep'], []]) {
      const dir = freshDir();
      const result = await runBin(['-o', dir, ...args, input]);
      expect(result.code, result.stderr).toBe(0);
      const file = filesBelow(dir).find((f) => f.includes('delta')) ?? '';
      expect(readFileSync(join(dir, file), 'utf8')).toContain(`[no slash](${SITE}/2024/01/02/beta)`);
    }
  });

  it('points links at the files themselves with --links rewrite and no preset', async () => {
    const dir = freshDir();
    await runBin(['-o', dir, '--links', 'rewrite', input]);
    expect(readFileSync(join(dir, 'post/2024-01-04-delta.md'), 'utf8')).toContain('[no slash](2024-01-02-beta.md), [shortlink](2024-01-02-beta.md#part), [page id](../page/2024-01-03-team.md)');
  });

  it('links a post added by a later run to the posts already in the folder', async () => {
    const dir = freshDir();
    await runBin(['-o', dir, '--preset', 'hugo', input]);
    const later = write('later.ndjson', [post(5, 'epsilon', `${SITE}/2024/01/05/epsilon/`, `<p>See <a href="${SITE}/2024/01/01/alpha/">alpha</a>.</p>`)]);
    const result = await runBin(['-o', dir, '--preset', 'hugo', later]);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(join(dir, 'content/posts/epsilon/index.md'), 'utf8');
    expect(text).toContain('See [alpha](/2024/01/01/alpha/).');
    expect(text).toContain('url: /2024/01/05/epsilon/\n');
  });

  it('never rewrites an address shown in code, on one thread or several', async () => {
    const shown = `${SITE}/2024/01/01/alpha/`;
    const coder = post(6, 'coder', `${SITE}/2024/01/06/coder/`, [
      `<p>A <a href="${shown}">link</a>, <code>[alpha](${shown})</code> in code, and ${shown} as text.</p>`,
      `<pre><code>[alpha](${shown})\n&lt;${shown}&gt;\nhref="${shown}"</code></pre>`,
      `<p>${shown}</p>`,
    ].join(''));
    const file = write('code.ndjson', [coder, ...archive]);
    for (const jobs of ['1', '3']) {
      const dir = freshDir();
      const result = await runBin(['-o', dir, '--preset', 'hugo', '--jobs', jobs, file]);
      expect(result.code, result.stderr).toBe(0);
      const text = readFileSync(join(dir, 'content/posts/coder/index.md'), 'utf8');
      expect(text).toContain(`A [link](/2024/01/01/alpha/), \`[alpha](${shown})\` in code, and ${shown} as text.`);
      expect(text).toContain(`\`\`\`\n[alpha](${shown})\n<${shown}>\nhref="${shown}"\n\`\`\``);
      // An autolink to an archive post keeps its text and links to the new address.
      expect(text).toContain(`\n[${shown}](/2024/01/01/alpha/)\n`);
    }
  });

  it("writes Hugo's shortcode delimiters in a post as text, in code too, on one thread or several", async () => {
    const about = post(7, 'about-hugo', `${SITE}/2024/01/07/about-hugo/`, [
      '<p>Write {{&lt; notice warning &gt;}} or {{% note %}} in a page.</p>',
      '<pre><code>{{&lt; notice &gt;}}\nText {{% x %}} and {{&lt; left open</code></pre>',
      '<p>Inline <code>{{&lt; ref "a" &gt;}}</code>.</p>',
    ].join(''));
    const file = write('hugo-text.ndjson', [about]);
    for (const jobs of ['1', '3']) {
      const dir = freshDir();
      const result = await runBin(['-o', dir, '--preset', 'hugo', '--jobs', jobs, file]);
      expect(result.code, result.stderr).toBe(0);
      const text = readFileSync(join(dir, 'content/posts/about-hugo/index.md'), 'utf8');
      expect(text).toContain('Write {&#123;< notice warning >}} or {&#123;% note %}} in a page.');
      expect(text).toContain('```\n{{</* notice */>}}\nText {{%/* x */%}} and {{\u2060< left open\n```');
      expect(text).toContain('Inline `{{</* ref "a" */>}}`.');
    }
    // Other generators do not read them: the text is as it was.
    const dir = freshDir();
    await runBin(['-o', dir, '--preset', 'jekyll', file]);
    expect(readFileSync(join(dir, '_posts/2024-01-07-about-hugo.md'), 'utf8')).toContain('Write {{< notice warning >}} or {{% note %}} in a page.');
  });

  it('writes SEO and the custom fields asked for into the keys each generator reads, never over its own', async () => {
    const seo = post(8, 'rated', `${SITE}/2024/01/08/rated/`, '<p>Rated.</p>', {
      meta: { rating: 4, _edit_lock: '1700000000:1', layout: 'elsewhere', footnotes: '' },
      acf: { price: '12.50', sizes: ['S', 'M'], 'odd key: yes': 'x' },
      yoast_head_json: { title: 'Rated | Blog', description: 'Four stars.', canonical: `${SITE}/2024/01/08/rated/`, robots: { index: 'noindex' } },
    });
    const file = write('seo.ndjson', [seo]);
    const keys = { hugo: ['description: Four stars.', 'robotsNoIndex: true'], jekyll: ['description: Four stars.', 'sitemap: false'], eleventy: ['description: Four stars.', 'noindex: true'] } as const;
    for (const [preset, lines] of Object.entries(keys)) {
      for (const jobs of ['1', '3']) {
        const dir = freshDir();
        const result = await runBin(['-o', dir, '--preset', preset, '--meta', '*', '--jobs', jobs, file]);
        expect(result.code, result.stderr).toBe(0);
        const text = readFileSync(join(dir, filesBelow(dir).find((f) => f.endsWith('.md')) ?? ''), 'utf8');
        for (const line of [...lines, 'rating: 4', 'price: "12.50"', 'sizes:\n  - S\n  - M']) expect(text, `${preset}: ${line}`).toContain(`\n${line}\n`);
        // The post's own canonical address is not kept; private keys and keys the generator owns are not taken.
        expect(text).not.toMatch(/canonical|_edit_lock|elsewhere|odd key|footnotes/);
      }
    }
  });

  it('redirects every other old address (?p=, ?page_id=, a slug renamed between runs, the feed) to a page it wrote, in every form', async () => {
    const dir = freshDir();
    const first = write('rename-1.ndjson', archive);
    expect((await runBin(['-o', dir, '--preset', 'hugo', first])).code).toBe(0);
    const renamed = { ...(archive[1] as Record<string, unknown>), slug: 'alpha-2', link: `${SITE}/2024/01/01/alpha-2/`, modified_gmt: '2024-02-01T00:00:00' };
    const second = write('rename-2.ndjson', [archive[0], renamed, ...archive.slice(2)]);
    for (const jobs of ['1', '3']) {
      const run = await runBin(['-o', dir, '--preset', 'hugo', '--update', '--jobs', jobs, second]);
      expect(run.code, run.stderr).toBe(0);
      const rules = readFileSync(join(dir, 'static/_redirects'), 'utf8');
      // Besides the archives' feeds (the date archives here: the posts name no terms or author slugs).
      expect(rules.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !/^\/2024\/(\d\d\/)*feed\//.test(line))).toEqual([
        '/2024/01/01/alpha/ /2024/01/01/alpha-2/ 301',
        '/ p=1 /2024/01/01/alpha-2/ 301',
        '/ p=2 /2024/01/02/beta/ 301',
        '/ p=3 /about/team/ 301',
        '/ p=4 /2024/01/04/delta/ 301',
        '/ page_id=3 /about/team/ 301',
        '/feed/ /index.xml 301',
      ]);
      expect(readFileSync(join(dir, 'static/redirects.csv'), 'utf8')).toContain('"/2024/01/01/alpha/","/2024/01/01/alpha-2/"\n');
      expect(readFileSync(join(dir, 'content/posts/alpha-2/index.md'), 'utf8')).toContain('aliases:\n  - /2024/01/01/alpha/\n');
    }
  });

  it('keeps what a slug or title holds out of the redirect rules: every field one encoded path of the new site', async () => {
    const hostile = [
      post(1, 'a b#c', `${SITE}/2024/01/01/a b#c/`, '<p>A</p>', { title: { rendered: 'x\n/evil /javascript:alert(1) 301' } }),
      post(2, 'q"uote', `${SITE}/2024/01/02/q"uote'/`, '<p>B</p>'),
      post(3, 'new\nline', `${SITE}/new%0Aline/`, '<p>C</p>'),
      post(4, 'js', 'javascript:alert(1)', '<p>D</p>'),
      post(5, 'slashes', `${SITE}//evil.example.com/x/`, '<p>E</p>'),
    ];
    const dir = freshDir();
    const result = await runBin(['-o', dir, '--preset', 'eleventy', write('hostile.ndjson', hostile)]);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(join(dir, '_redirects'), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^\/[^\s\/][^\s]*(?: [a-z_]+=\d+)? \/(?!\/)[^\s#"'<>]* 301$|^\/ p=\d \/(?!\/)[^\s#"'<>]* 301$/);
    const csv = readFileSync(join(dir, 'redirects.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(6);
    for (const row of csv.slice(1)) expect(row).toMatch(/^"\/[^"\s]*","\/(?!\/)[^"\s]*"$/);
  });

  it('--check lists the old addresses a built site does not answer, directly or by its _redirects', async () => {
    const built = freshDir();
    const page = (path: string): void => {
      mkdirSync(join(built, path), { recursive: true });
      writeFileSync(join(built, path, 'index.html'), '<p>page</p>');
    };
    for (const path of ['2024/01/01/alpha', '2024/01/02/beta', '2024/01/04/delta', 'category/news', 'author/ana', '2024', '2024/01', '2024/01/01', '2024/01/02', '2024/01/04']) page(path);
    writeFileSync(join(built, '_redirects'), '/ p=1 /2024/01/01/alpha/ 301\n/ p=2 /2024/01/02/beta/ 301\n/ p=4 /2024/01/04/missing/ 301\n');
    const input = write('check.ndjson', archive.filter((p) => p.type !== 'page'));
    const result = await runBin(['--check', built, input]);
    expect(result.code).toBe(1);
    // ?p=3 is a page, left out; ?p=4's rule leads to a page that was not built.
    expect(result.stdout).toBe('/?p=4\n');
    expect(result.stderr).toContain(`${built}: 11 old addresses of 3 posts: 8 served, 2 redirected, 1 not answered\n`);
    expect((await runBin(['--check', join(built, 'nope'), input])).code).toBe(2);
    expect((await runBin(['--check', built, '-o', built, input])).stderr).toContain('--check reads a built site and writes nothing');
  });

  it("keeps what a menu or a term holds inside the data files: JSON, links to the new site's paths, no javascript: item", async () => {
    const item = (id: number, title: string, type: string, meta: Record<string, string | number>): string =>
      `<item><title><![CDATA[${title}]]></title><wp:post_id>${id}</wp:post_id><wp:menu_order>${id}</wp:menu_order><wp:status>publish</wp:status><wp:post_type>nav_menu_item</wp:post_type>` +
      `<category domain="nav_menu" nicename="main"><![CDATA[Main "menu"]]></category>` +
      Object.entries({ _menu_item_type: type, ...meta }).map(([key, value]) => `<wp:postmeta><wp:meta_key>${key}</wp:meta_key><wp:meta_value><![CDATA[${value}]]></wp:meta_value></wp:postmeta>`).join('') +
      '</item>';
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
      `<channel><title>Shop</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>${SITE}</wp:base_blog_url>`,
      '<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News "#1"\n- x: y]]></wp:cat_name><wp:category_description><![CDATA[About <b>news</b>]]></wp:category_description></wp:category>',
      `<item><title>Alpha</title><link>${SITE}/2024/01/01/alpha/</link><wp:post_id>1</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_name>alpha</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><content:encoded><![CDATA[<p>A</p>]]></content:encoded></item>`,
      item(11, 'Alpha\n"quoted" #1', 'post_type', { _menu_item_object_id: 1, _menu_item_object: 'post' }),
      item(12, 'Bad', 'custom', { _menu_item_url: 'javascript:alert(1)' }),
      item(13, '', 'taxonomy', { _menu_item_object_id: 5, _menu_item_object: 'category', _menu_item_menu_item_parent: 11 }),
      '</channel></rss>',
    ].join('');
    const file = join(tmp, 'menu.xml');
    writeFileSync(file, xml);
    for (const jobs of ['1', '3']) {
      const dir = freshDir();
      const result = await runBin(['-o', dir, '--preset', 'jekyll', '--jobs', jobs, file]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, '_data/menus.json'), 'utf8'))).toEqual({
        // Titles are one line; a category no post of the folder is in keeps its old address.
        main: { name: 'Main "menu"', items: [{ title: 'Alpha "quoted" #1', url: '/2024/01/01/alpha/', children: [{ title: 'News "#1" - x: y', url: `${SITE}/category/news/` }] }] },
      });
      expect(JSON.parse(readFileSync(join(dir, '_data/terms.json'), 'utf8'))).toEqual({ category: { news: { name: 'News "#1" - x: y', description: 'About news' } } });
    }
  });

  it("serves WPML's languages as a parameter (/hello/?lang=fr) at /fr/hello/, redirects the old address, and keeps the translation group", async () => {
    const translations = [
      { locale: 'en_US', id: 21 },
      { locale: 'fr_FR', id: 22 },
    ];
    const wpml = [
      post(1, 'hello', `${SITE}/hello/`, '<p>Hello</p>', { id: 21, wpml_current_locale: 'en_US', wpml_translations: [translations[1]] }),
      post(2, 'hello', `${SITE}/hello/?lang=fr`, '<p>Bonjour</p>', { id: 22, wpml_current_locale: 'fr_FR', wpml_translations: [translations[0]] }),
    ];
    const dir = freshDir();
    const result = await runBin(['-o', dir, '--preset', 'hugo', write('wpml.ndjson', wpml)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('plain permalinks');
    const french = readFileSync(join(dir, filesBelow(dir).find((f) => f.startsWith('content/posts/hello') && readFileSync(join(dir, f), 'utf8').includes('Bonjour')) ?? ''), 'utf8');
    expect(french).toContain('url: /fr/hello/\n');
    expect(french).toContain('language: fr\ntranslationKey: wpml-21\n');
    expect(readFileSync(join(dir, 'static/_redirects'), 'utf8')).toContain('/hello/ lang=fr /fr/hello/ 301\n');
  });

  it('says once that plain permalinks cannot be served, and serves posts at /SLUG/', async () => {
    const dir = freshDir();
    const plain = write('plain.ndjson', [post(1, 'alpha', `${SITE}/?p=1`, '<p>A</p>'), post(2, 'beta', `${SITE}/?p=2`, `<p><a href="${SITE}/?p=1">alpha</a></p>`)]);
    const result = await runBin(['-o', dir, '--preset', 'eleventy', plain]);
    expect(result.stderr.match(/plain permalinks/g)).toHaveLength(1);
    const beta = readFileSync(join(dir, 'posts/beta.md'), 'utf8');
    expect(beta).toContain('permalink: /beta/\n');
    expect(beta).toContain('[alpha](/alpha/)');
  });
});

describe('images where the generator publishes them', () => {
  it('saves images at their WordPress paths in the static folder, a linked image both files, and the featured image', async () => {
    const { startFakeSite } = await import('./fake-site.js');
    const site = await startFakeSite();
    try {
      const up = `${site.base}/wp-content/uploads/2024/01`;
      site.posts.set(1, {
        id: 1, slug: 'pics', title: 'Pics', modified: '2024-03-01T10:00:00', featured: `${up}/cover.png`,
        content: `<p><a href="${up}/full.png"><img src="${up}/full-150x150.png" alt="thumb"></a></p><p><img src="${site.base}/img/elsewhere.png" alt="x"></p>`,
      });
      for (const [preset, folder] of [['hugo', 'static/'], ['jekyll', ''], ['astro', 'public/']] as const) {
        const dir = freshDir();
        const result = await runBin(['-o', dir, '--preset', preset, '--images', site.base]);
        expect(result.code, result.stderr).toBe(0);
        expect(filesBelow(dir).filter((f) => f.endsWith('.png'))).toEqual(
          [`${folder}media/${new URL(site.base).host.replace(':', '-')}/img/elsewhere.png`, ...['cover', 'full', 'full-150x150'].map((n) => `${folder}wp-content/uploads/2024/01/${n}.png`)].sort(),
        );
        const post = readFileSync(join(dir, filesBelow(dir).find((f) => f.endsWith('.md')) ?? ''), 'utf8');
        expect(post).toContain('[![thumb](/wp-content/uploads/2024/01/full-150x150.png)](/wp-content/uploads/2024/01/full.png)');
        expect(post).toContain('/wp-content/uploads/2024/01/cover.png');
        expect(post).not.toContain(site.base);
      }
    } finally {
      await site.close();
    }
  });
});

describe('links between posts of an export', () => {
  const item = (id: number, slug: string, content: string): string => `
  <item>
    <title><![CDATA[${slug}]]></title>
    <link>https://notes.example.org/2024/03/0${id}/${slug}/</link>
    <content:encoded><![CDATA[${content}]]></content:encoded>
    <wp:post_id>${id}</wp:post_id>
    <wp:post_date_gmt><![CDATA[2024-03-0${id} 09:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[${slug}]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>`;
  const wxr = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Notes</title><link>https://notes.example.org</link><wp:wxr_version>1.2</wp:wxr_version>
${item(1, 'first', 'See <a href="https://www.notes.example.org/?p=2">the second</a> and <a href="http://notes.example.org/2024/03/02/second">again</a>.')}
${item(2, 'second', 'Back to <a href="https://notes.example.org/2024/03/01/first/#end">the first</a>.')}
</channel></rss>`;

  it('points them at the new addresses, as for a crawl', async () => {
    const file = join(tmp, 'links.xml');
    writeFileSync(file, wxr);
    const dir = freshDir();
    const result = await runBin(['-o', dir, '--preset', 'hugo', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'content/posts/first/index.md'), 'utf8')).toContain('See [the second](/2024/03/02/second/) and [again](/2024/03/02/second/).');
    expect(readFileSync(join(dir, 'content/posts/second/index.md'), 'utf8')).toContain('Back to [the first](/2024/03/01/first/#end).');
  });
});
