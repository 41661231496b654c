import { posix } from 'node:path';
import { createConverter, type Dialect } from '../convert/markdown.js';
import { htmlToInlineText } from '../html/index.js';
import { renderFrontMatter } from '../render/frontmatter.js';
import type { Target } from '../targets/types.js';
import type { FileWriter } from '../write/files.js';
import type { Menu, MenuItem, SiteAttachment, SiteData } from '../parse/menus.js';
import { parsePostKey, type AuthorProfile } from '../post.js';
import { hostOf } from '../read/rest/routes.js';
import type { SiteTerm } from '../read/wxr.js';
import { archiveMarkdown, archivePages, archiveRedirects, PER_PAGE, type ArchivePage } from './archives.js';
import { SiteLinks } from './links.js';
import { encodePath, redirectsCsv, redirectsFile, redirectsOf, type Redirect } from './redirects.js';
import type { FolderState, StateEntry } from './state.js';

/** A file name for a page at an old path: the path's words, unique by a hash of it. */
function pageName(path: string): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  const name = path.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'index';
  return `${name}-${createHash('sha256').update(path).digest('hex').slice(0, 8)}`;
}

/** What writing a site's own pages did, for the run's report. */
export interface SitePagesReport {
  archives: number;
  redirects: number;
}

type Write = (path: string, text: string) => Promise<void>;

/**
 * Everything a generator's folder holds besides the posts, written whole at the end of each
 * run from the folder's state: its data files (authors, menus, terms); the archive pages
 * WordPress served (terms, authors, dates; see archives.ts); the redirect pages of a generator
 * without redirects in front matter; and `_redirects` and `redirects.csv` for every other old
 * address (see redirects.ts). Pages the last run wrote and this one did not (an archive no post
 * is in any more) are removed.
 */
export async function writeSitePages(target: Target, state: FolderState, files: FileWriter, dialect: Dialect, site: SiteData = {}): Promise<SitePagesReport> {
  const write: Write = async (path, text) => files.write(await files.resolveInside(path), text);
  const pages = target.archives ? archivePages(state.entries.values()) : [];
  if (target.dataDir !== null) await writeData(write, target.dataDir, state, site, pages);
  const written = new Set([...(await writeArchives(write, target, pages, dialect))]);
  const extra = [
    ...pages.flatMap((page) => archiveRedirects(page, target.feed)).map(({ from, to }) => ({ from: encodePath(from), to: encodePath(to) })),
    ...attachmentRedirects(site.attachments ?? [], state, target.staticDir ?? ''),
    ...homePages(state.entries),
  ];
  const rules = redirectsOf(state.entries, target.feed, extra);
  await write(posix.join(target.staticDir ?? '', '_redirects'), redirectsFile(rules));
  await write(posix.join(target.staticDir ?? '', 'redirects.csv'), redirectsCsv(rules));
  for (const file of await writeRedirectPages(write, target, state, rules)) written.add(file);
  for (const file of state.pages) if (!written.has(file)) await files.remove(await files.resolveInside(file));
  state.pages = [...written];
  return { archives: pages.length, redirects: rules.length };
}

/** The data files: authors (the state's), and the menus and terms the sources said, when they said any. */
async function writeData(write: Write, dir: string, state: FolderState, site: SiteData, pages: readonly ArchivePage[]): Promise<void> {
  if (state.authors.size > 0) await write(posix.join(dir, 'authors.json'), authorsData(state.authors));
  if (site.menus && site.menus.length > 0) await write(posix.join(dir, 'menus.json'), menusData(site.menus, newAddresses(state.entries, pages)));
  if (site.terms && site.terms.length > 0) await write(posix.join(dir, 'terms.json'), termsData(site.terms));
}

/** The archive pages, each a Markdown list of its posts; returns their files. */
async function writeArchives(write: Write, target: Target, pages: readonly ArchivePage[], dialect: Dialect): Promise<string[]> {
  const archives = target.archives;
  if (!archives) return [];
  const converter = createConverter({ dialect: dialect === 'mdx' ? 'markdown' : dialect });
  const files: string[] = [];
  for (const page of pages) {
    const file = posix.normalize(archives.file(page.path, pageName(page.path)));
    const head = renderFrontMatter('yaml', { values: archives.frontMatter(page.path, page.title), dateKeys: new Set() });
    await write(file, `${head}\n${archiveMarkdown(page, converter)}`);
    files.push(file);
  }
  return files;
}

/** A page at each old path of a post that a rule sends on, for a generator that builds them (Eleventy); returns their files. */
async function writeRedirectPages(write: Write, target: Target, state: FolderState, rules: readonly Redirect[]): Promise<string[]> {
  const page = target.redirectPage;
  if (!page) return [];
  const ruled = new Map(rules.map((rule) => [rule.from, rule.to]));
  const files: string[] = [];
  for (const entry of state.entries.values()) {
    for (const old of entry.old ?? []) {
      const to = ruled.get(encodePath(old));
      if (to === undefined) continue;
      const file = `redirects/${pageName(old)}.html`;
      await write(file, page(old, to));
      files.push(file);
    }
  }
  return files;
}

/** Where the new site serves an old address: a post's new address, an archive's path, else the old address as it was. */
function newAddresses(entries: ReadonlyMap<string, StateEntry>, pages: readonly ArchivePage[]): (url: string) => string {
  const links = SiteLinks.ofState(entries);
  const archives = new Set(pages.map((page) => page.path));
  const hosts = new Set([...entries.values()].map((entry) => hostOf(entry.link)));
  return (url) => {
    const target = links.resolve(url)?.url;
    if (target) return encodePath(target);
    try {
      const parsed = new URL(url);
      const path = decodeURI(parsed.pathname);
      return hosts.has(parsed.host) && parsed.search === '' && archives.has(path.endsWith('/') ? path : `${path}/`) ? encodePath(path) : url;
    } catch {
      return url; // an address that does not parse stays as it was
    }
  };
}

/** The front page's later pages (`/page/2/`, 10 posts a page, as WordPress pages its posts), to the front page every theme builds. */
function homePages(entries: ReadonlyMap<string, StateEntry>): Redirect[] {
  const posts = [...entries].filter(([key, entry]) => entry.url && parsePostKey(key).type === 'post').length;
  return Array.from({ length: Math.max(0, Math.ceil(posts / PER_PAGE) - 1) }, (_, i) => ({ from: `/page/${i + 2}/`, to: '/' }));
}

/**
 * Media items whose file the folder saved (`--images`): their attachment page and
 * `?attachment_id=ID` lead to the file, at its address on the new site.
 */
function attachmentRedirects(attachments: readonly SiteAttachment[], state: FolderState, staticDir: string): Redirect[] {
  const saved = state.imagesInUse();
  return attachments.flatMap(({ id, link, url }) => {
    let file: string;
    try {
      const segments = decodeURI(new URL(url).pathname).split('/');
      const from = segments.indexOf('wp-content');
      if (from === -1) return [];
      file = segments.slice(from).join('/');
    } catch {
      return [];
    }
    if (!saved.has(posix.join(staticDir, file))) return [];
    const to = encodePath(`/${file}`);
    const page = link ? pageOf(link) : null;
    return [{ from: `/?attachment_id=${id}`, to }, ...(page ? [{ from: encodePath(page), to }] : [])];
  });
}

/** The path of an attachment page's address, when it is a path (not `?attachment_id=`). */
function pageOf(link: string): string | null {
  try {
    const url = new URL(link);
    return url.search === '' && url.pathname !== '/' ? decodeURI(url.pathname) : null;
  } catch {
    return null;
  }
}

/** The menus data file: each menu by slug, its items' addresses where the new site serves them. */
function menusData(menus: readonly Menu[], to: (url: string) => string): string {
  const items = (list: readonly MenuItem[]): unknown[] => list.map((item) => ({ title: item.title, url: to(item.url), ...(item.children.length > 0 ? { children: items(item.children) } : {}) }));
  return `${JSON.stringify(Object.fromEntries(menus.map((menu) => [menu.slug, { name: menu.name, items: items(menu.items) }])), null, 2)}\n`;
}

/** The terms data file: by taxonomy and slug, each term's name, parent's slug and description. */
function termsData(terms: readonly SiteTerm[]): string {
  const out: Record<string, Record<string, { name: string; parent?: string; description?: string }>> = {};
  for (const term of [...terms].sort((a, b) => (a.taxonomy + a.slug < b.taxonomy + b.slug ? -1 : 1))) {
    if (term.taxonomy === 'nav_menu' || term.taxonomy === '') continue;
    out[term.taxonomy] ??= {};
    // WordPress keeps a term's name and description HTML-escaped (`News &amp; Views`).
    const description = term.description ? htmlToInlineText(term.description) : '';
    (out[term.taxonomy] as Record<string, unknown>)[term.slug] = { name: htmlToInlineText(term.name), ...(term.parent ? { parent: term.parent } : {}), ...(description ? { description } : {}) };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The authors data file: each author by slug, with name, biography and website (no email), sorted. */
function authorsData(authors: ReadonlyMap<string, AuthorProfile>): string {
  const sorted = [...authors.keys()].sort().map((slug) => {
    const { name, description, url } = authors.get(slug) as AuthorProfile;
    return [slug, { name, ...(description ? { description } : {}), ...(url ? { url } : {}) }] as const;
  });
  return `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`;
}
