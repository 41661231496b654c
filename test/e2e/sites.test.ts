import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BuiltSite } from '../../src/run/check.js';
import { runBin } from '../helpers.js';
import { auth, exportSite, php, site } from './wordpress-site.js';

/**
 * The real WordPress of scripts/wordpress/setup.sh (pretty permalinks, a post that links to the
 * others in every form) written as a folder for each generator with `--type all --preset NAME
 * --images` (Astro in MDX), then built by the generator itself: Hugo and Jekyll from Debian
 * (setup.sh installs them), Eleventy and Astro from npm. The checks read the built HTML, not the
 * Markdown: every published post and page is at its old address, every link and image between
 * pages of the built site resolves to a built file, links that leave the archive are as they
 * were, and every old address WordPress lists (scripts/wordpress/addresses.php) is answered.
 */
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-sites-'));
const eleventy = fileURLToPath(new URL('../../node_modules/.bin/eleventy', import.meta.url));
const astro = fileURLToPath(new URL('../../node_modules/.bin/astro', import.meta.url));
const modules = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** The files of Astro's blog template that matter here: MDX, the blog collection, and its route moved to the site's root (docs/static-sites.md). */
function scaffoldAstro(dir: string): void {
  symlinkSync(modules, join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\nexport default defineConfig({ site: 'http://example.org', integrations: [mdx()] });\n");
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    [
      "import { defineCollection, z } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      "const blog = defineCollection({ loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }), schema: z.object({ title: z.string(), description: z.string().optional(), pubDate: z.coerce.date(), updatedDate: z.coerce.date().optional(), heroImage: z.string().optional() }) });",
      'export const collections = { blog };',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  writeFileSync(
    join(dir, 'src/pages/[...slug].astro'),
    [
      '---',
      "import { getCollection, render } from 'astro:content';",
      'export async function getStaticPaths() {',
      "  return (await getCollection('blog')).map((post) => ({ params: { slug: post.id }, props: post }));",
      '}',
      'const { Content } = await render(Astro.props);',
      '---',
      '<html><body><h1>{Astro.props.data.title}</h1><Content /></body></html>',
      '',
    ].join('\n'),
  );
}

interface Generator {
  name: 'hugo' | 'jekyll' | 'eleventy' | 'astro';
  /** What the README's command adds for it (Astro's MDX). */
  args?: string[];
  /** The few files the README's commands give, beside what wp-extract writes. */
  scaffold(dir: string): void;
  build: (dir: string) => [string, string[]];
  /** Where the built site is. */
  output: string;
  /** Whether it builds a feed by default (where /feed/ goes). */
  feed: boolean;
  /** Where its site data files go. */
  data: string;
}

const GENERATORS: Generator[] = [
  {
    name: 'hugo',
    scaffold: (dir) => {
      writeFileSync(join(dir, 'hugo.toml'), "baseURL = 'http://example.org/'\ntitle = 'Mirror'\n");
      mkdirSync(join(dir, 'layouts/_default'), { recursive: true });
      writeFileSync(join(dir, 'layouts/_default/single.html'), '{{ .Content }}\n');
    },
    build: (dir) => ['hugo', ['--source', dir, '--quiet']],
    output: 'public',
    feed: true,
    data: 'data',
  },
  {
    name: 'jekyll',
    scaffold: (dir) => writeFileSync(join(dir, '_config.yml'), 'plugins: [jekyll-redirect-from, jekyll-feed]\ninclude: [_redirects]\n'),
    build: (dir) => ['jekyll', ['build', '--source', dir, '--destination', join(dir, '_site'), '--quiet']],
    output: '_site',
    feed: true,
    data: '_data',
  },
  {
    name: 'eleventy',
    scaffold: (dir) => writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default (config) => { config.addPassthroughCopy("wp-content"); config.addPassthroughCopy("_redirects"); };\n'),
    build: (dir) => [eleventy, ['--quiet', `--input=${dir}`, `--output=${join(dir, '_site')}`, `--config=${join(dir, 'eleventy.config.mjs')}`]],
    output: '_site',
    // Eleventy builds no feed unless a plugin is added.
    feed: false,
    data: '_data',
  },
  {
    name: 'astro',
    args: ['-f', 'mdx'],
    scaffold: scaffoldAstro,
    build: (dir) => [astro, ['build', '--root', dir, '--silent']],
    output: 'dist',
    // The template's rss.xml needs @astrojs/rss, left out here.
    feed: false,
    data: 'src/data',
  },
];

/** Every published post and page of the site (any type), by its permalink. */
async function publishedLinks(): Promise<string[]> {
  const links: string[] = [];
  for (const type of ['posts', 'pages', 'book']) {
    for (let page = 1; ; page++) {
      const response = await fetch(`${site}?rest_route=/wp/v2/${type}&per_page=100&page=${page}&_fields=link,content`);
      if (!response.ok) break;
      const items = (await response.json()) as Array<{ link: string; content: { protected: boolean } }>;
      links.push(...items.filter((item) => !item.content.protected).map((item) => item.link));
      if (items.length < 100) break;
    }
  }
  return links;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
}

/** Every old address of the site WordPress answers (scripts/wordpress/addresses.php): permalinks, ?p=, ?page_id=, old slugs, the feed. */
function oldAddresses(): string[] {
  return php('addresses.php').split('\n');
}

describe.each(GENERATORS)('a $name site built from the real WordPress', (generator) => {
  const dir = join(tmp, generator.name);

  it('builds, serves every published post at its old address, and every link between its pages resolves', async () => {
    const written = await runBin(['-o', dir, '--type', 'all', '--preset', generator.name, '--images', ...(generator.args ?? []), site]);
    expect(written.code, written.stderr).toBe(0);
    generator.scaffold(dir);
    const [command, args] = generator.build(dir);
    const build = spawnSync(command, args, { encoding: 'utf8', cwd: dir });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const root = join(dir, generator.output);
    // As a static server serves it, and as --check reads it (src/run/check.ts).
    const built = new BuiltSite(root);
    const served = (address: string): string | null => built.served(address);

    const links = await publishedLinks();
    expect(links.length).toBeGreaterThan(120);
    const missing = links.filter((link) => served(new URL(link).pathname) === null);
    expect(missing, 'posts not at their old address').toEqual([]);

    let checked = 0;
    const broken: string[] = [];
    for (const file of htmlFiles(root)) {
      const html = readFileSync(file, 'utf8');
      for (const match of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
        const address = (match[1] ?? '').replaceAll('&amp;', '&');
        if (!address.startsWith('/') || address.startsWith('//')) continue;
        checked++;
        if (served(address) === null) broken.push(`${relative(root, file)}: ${address}`);
      }
    }
    console.log(`${generator.name}: ${links.length} posts at their old addresses; ${checked} links and images between built pages, ${broken.length} broken`);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);

    // The post that links in every form: each to its built page; a draft and another site as they were.
    const page = readFileSync(served('/2023/03/01/links-everywhere/') ?? '', 'utf8');
    for (const address of ['/2024/01/01/post-001/', '/2024/01/02/post-002/#top', '/about-us/our-team/', '/2024/01/04/post-004/']) {
      expect(page).toContain(`href="${address}"`);
    }
    expect(page).toMatch(new RegExp(`href="${site.replace(/[.?]/g, '\\$&')}\\?p=\\d+"`));
    expect(page).toContain('href="https://wordpress.org/"');
    expect(readFileSync(served('/2024/01/01/post-001/') ?? '', 'utf8')).toMatch(/src="\/wp-content\/uploads\/\d{4}\/\d\d\/e2e-pixel\.png"/);

    // Every old address WordPress answers, the built site answers: directly, by the generator's
    // alias page, or by a _redirects rule whose target was built.
    // Feeds go to the generator's feed: one that builds none (Eleventy without its RSS plugin) cannot answer them.
    const addresses = oldAddresses().filter((address) => generator.feed || !address.endsWith('/feed/'));
    const answers = addresses.map((address) => [address, built.answer(address)] as const);
    const unanswered = answers.filter(([, how]) => how === null).map(([address]) => address);
    console.log(`${generator.name}: ${addresses.length} old addresses, ${answers.filter(([, how]) => how === 'page').length} served, ${answers.filter(([, how]) => how === 'rule').length} redirected, ${unanswered.length} unanswered`);
    expect(unanswered).toEqual([]);
    // The same, as a user asks it of the built site: wp-extract --check.
    const check = await runBin(['--check', root, '--type', 'all', site]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toBe('');
    expect(check.stderr).toMatch(/old addresses of \d+ posts: \d+ served, \d+ redirected, 0 not answered/);
    // The authors, as a data file its templates read: name, biography, no email.
    const authors = JSON.parse(readFileSync(join(dir, generator.data, 'authors.json'), 'utf8')) as Record<string, { name: string; description?: string }>;
    expect(authors.alice).toEqual({ name: "Alice O'Hara", description: 'Alice writes about records & players.' });
    expect(JSON.stringify(authors)).not.toContain('@');
    // The front page's later pages go to the front page (which a theme builds; these scaffolds build none).
    expect(built.ruleFor('/page/2/')).toBe('/');
    // Archives are pages at WordPress's addresses, listing their posts (newest first).
    const archive = readFileSync(served('/genre/jazz/') ?? '', 'utf8');
    expect(archive).toContain('href="/2023/04/01/many-tags/"');
    expect(readFileSync(served('/tag/tag-15/') ?? '', 'utf8')).toContain('Fifteen tags and a genre');
    // The renamed post's first address is a page of its own (Hugo's alias, jekyll-redirect-from's, Eleventy's redirect page).
    // Astro has no redirects in front matter: a _redirects rule answers there.
    if (generator.name === 'astro') expect(built.answer('/2023/04/02/first-name/')).toBe('rule');
    else expect(readFileSync(served('/2023/04/02/first-name/') ?? '', 'utf8')).toContain('/2023/04/02/renamed-post/');
    // A post about Hugo builds, and shows Hugo's shortcodes as they were written.
    const hugoPost = readFileSync(served('/2023/04/03/about-hugo/') ?? '', 'utf8');
    expect(hugoPost).toContain('{{&lt; notice warning &gt;}}');
    expect(hugoPost).toMatch(/\{\{(&lt;|<) figure src=(&quot;|&#34;|")a\.jpg(&quot;|&#34;|") (&gt;|>)\}\}/);
  });
});

describe("the site's menus, authors and terms as data files", () => {
  it('writes the menu from the export, and from a crawl with an account that may see it, the same, leading to the new addresses', async () => {
    const exportFile = join(tmp, 'menus-export.xml');
    exportSite(exportFile);
    const [fromExport, fromSite] = [join(tmp, 'menus-from-export'), join(tmp, 'menus-from-site')];
    const [a, b] = await Promise.all([runBin(['-o', fromExport, '--preset', 'hugo', '--type', 'all', '-q', exportFile]), runBin(['-o', fromSite, '--preset', 'hugo', '--type', 'all', '--auth', auth, '-q', site])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const menus = readFileSync(join(fromExport, 'data/menus.json'), 'utf8');
    expect(readFileSync(join(fromSite, 'data/menus.json'), 'utf8')).toBe(menus);
    expect(JSON.parse(menus)).toEqual({
      'main-menu': {
        name: 'Main menu',
        items: [
          { title: 'About us', url: '/about-us/', children: [{ title: 'Our team', url: '/about-us/our-team/' }] },
          { title: 'News & Views', url: '/category/news-views/' },
          { title: 'WordPress', url: 'https://wordpress.org/' },
        ],
      },
    });
    const terms = JSON.parse(readFileSync(join(fromExport, 'data/terms.json'), 'utf8')) as Record<string, Record<string, { name: string }>>;
    // The site lists the same terms as its export.
    expect(JSON.parse(readFileSync(join(fromSite, 'data/terms.json'), 'utf8'))).toEqual(terms);
    expect(terms.category?.['news-views']).toEqual({ name: 'News & Views' });
    expect(terms.genre?.['modal-jazz']).toEqual({ name: 'Modal jazz' });
    // Without an account the site does not show its menus: no menus file, and no error.
    const anonymous = join(tmp, 'menus-anonymous');
    const c = await runBin(['-o', anonymous, '--preset', 'hugo', '-q', site]);
    expect(c.code, c.stderr).toBe(0);
    expect(existsSync(join(anonymous, 'data/menus.json'))).toBe(false);
  });
});
