import type { Converter } from '../convert/markdown.js';
import { escapeAttribute, escapeText } from '../html/index.js';
import type { ExtractedPost } from '../post.js';
import { archiveBase } from '../parse/terms.js';
import { decodeSlug } from '../parse/values.js';
import type { StateEntry } from './state.js';

/**
 * The archive pages WordPress served besides its posts: each term's (`/category/news/`,
 * `/tag/jazz/`, a custom taxonomy's `/genre/jazz/`), each author's (`/author/alice/`) and each
 * date's (`/2024/`, `/2024/01/`, `/2024/01/03/`). A folder for a generator gets a page at each
 * of those addresses listing its posts, newest first, so that old links to an archive still
 * lead to it; the archive's later pages (`page/2/`) and its feed (`feed/`) are redirected there
 * and to the site's feed. Built from the folder's state, so a later run's posts join them.
 */

/** An archive a post is in: its address (a decoded path) and its title. */
export type ArchiveRef = [path: string, title: string];

/** What the state keeps of a post for the archives: its title, date and the archives it is in. */
export type ArchiveFacts = Pick<StateEntry, 'title' | 'date' | 'archives'>;

const NOT_ARCHIVES = new Set(['post_format', 'nav_menu', 'link_category', 'language', 'post_translations', 'term_translations']);
const LABELS: Readonly<Record<string, string>> = { category: 'Category', post_tag: 'Tag', author: 'Author' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The path of an address, decoded as sitePath decodes it; null for one that is not http(s). */
function pathOf(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.pathname.replace(/^\/{2,}/, '/').split('/').map(decodeSlug).join('/') : null;
  } catch {
    return null;
  }
}

/** The date of a post as its archives have it: from its permalink's `/YYYY/MM/DD/` (the site's own time), else its UTC date. */
function archiveDate(post: Pick<ExtractedPost, 'link' | 'date'>): [string, string, string] | null {
  const fromLink = /\/(\d{4})\/(\d\d)\/(\d\d)\//.exec(post.link ?? '');
  if (fromLink) return [fromLink[1] ?? '', fromLink[2] ?? '', fromLink[3] ?? ''];
  const fromDate = /^(\d{4})-(\d\d)-(\d\d)/.exec(post.date ?? '');
  return fromDate ? [fromDate[1] ?? '', fromDate[2] ?? '', fromDate[3] ?? ''] : null;
}

/** The archives a post is in: its terms', its author's, and (a post) its date's. */
export function archivesOf(post: ExtractedPost): ArchiveRef[] {
  const out: ArchiveRef[] = [];
  for (const term of post.terms ?? []) {
    if (NOT_ARCHIVES.has(term.taxonomy) || term.slug === '') continue;
    const [base, label] = [archiveBase(term.taxonomy), LABELS[term.taxonomy] ?? term.taxonomy];
    // A co-author's archive is the author's: Co-Authors Plus names its term `cap-SLUG`.
    const slug = term.taxonomy === 'author' ? term.slug.replace(/^cap-/, '') : term.slug;
    out.push([(term.link ? pathOf(term.link) : null) ?? `/${base}/${slug}/`, `${label}: ${term.name}`]);
  }
  if (post.type === 'post' && post.authorSlug) out.push([`/author/${post.authorSlug}/`, `Author: ${typeof post.author === 'string' ? post.author : post.authorSlug}`]);
  const date = post.type === 'post' ? archiveDate(post) : null;
  if (date) {
    const [year, month, day] = date;
    const monthName = MONTHS[Number(month) - 1] ?? month;
    out.push([`/${year}/`, `Year: ${year}`], [`/${year}/${month}/`, `Month: ${monthName} ${year}`], [`/${year}/${month}/${day}/`, `Day: ${monthName} ${Number(day)}, ${year}`]);
  }
  // Once each (the author's archive may be named twice: by the post and by a co-author term).
  return [...new Map(out.map(([path, title]) => [path, title] as const))].map(([path, title]) => [path, title]);
}

/** One archive page: its address, title, and its posts (title and address), newest first. */
export interface ArchivePage {
  path: string;
  title: string;
  posts: Array<{ title: string; url: string; date: string }>;
}

/** The archive pages of the state's posts; an archive at a post's own address is left out. */
export function archivePages(entries: Iterable<StateEntry>): ArchivePage[] {
  const pages = new Map<string, ArchivePage>();
  const served = new Set<string>();
  for (const entry of entries) {
    if (!entry.url) continue;
    served.add(entry.url);
    for (const [path, title] of entry.archives ?? []) {
      const page = pages.get(path) ?? { path, title, posts: [] };
      page.posts.push({ title: entry.title ?? entry.url, url: entry.url, date: entry.date ?? '' });
      pages.set(path, page);
    }
  }
  const byNewest = (a: { date: string; url: string }, b: { date: string; url: string }): number => (a.date === b.date ? (a.url < b.url ? -1 : 1) : a.date < b.date ? 1 : -1);
  return [...pages.values()]
    .filter((page) => !served.has(page.path))
    .map((page) => ({ ...page, posts: page.posts.sort(byNewest) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** WordPress shows 10 posts a page: an archive of more had later pages (`page/2/`), each redirected to the one page. */
export const PER_PAGE = 10;

/** An archive's list of posts as Markdown, made by the converter (so that titles are escaped as any text is). */
export function archiveMarkdown(page: ArchivePage, converter: Converter): string {
  const items = page.posts.map((post) => `<li><a href="${escapeAttribute(encodeURI(post.url))}">${escapeText(post.title)}</a></li>`);
  return converter.toMarkdown(`<ul>${items.join('')}</ul>`);
}

/** The old addresses around an archive: its later pages, to the archive; its feed, to the site's. */
export function archiveRedirects(page: ArchivePage, feed: string | null): Array<{ from: string; to: string }> {
  const later = Array.from({ length: Math.max(0, Math.ceil(page.posts.length / PER_PAGE) - 1) }, (_, i) => ({ from: `${page.path}page/${i + 2}/`, to: page.path }));
  return feed === null ? later : [...later, { from: `${page.path}feed/`, to: feed }];
}
