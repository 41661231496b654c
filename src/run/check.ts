import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WpExtractError } from '../errors.js';
import { archivesOf, PER_PAGE } from '../mirror/archives.js';
import { queryAddresses } from '../mirror/redirects.js';
import type { ExtractedPost, Post } from '../post.js';
import { isDraft, oldSlugPaths, sitePath } from '../render/fields.js';
import { writeText } from '../write/output.js';
import type { RunIO } from './index.js';
import type { InputItem } from './inputs.js';
import type { RunReport } from './report.js';

/**
 * Did everything arrive (`--check DIR`): every old address of the posts read (their
 * permalinks, `?p=ID`, a page's `?page_id=ID`, their earlier slugs, and the archives they are
 * in with their later pages) is looked up in a built site: a file served there, or a rule of
 * its `_redirects` whose target is a file served there. What answers neither is listed.
 */

/** How a built site answers an address: a page, a redirect to a built page, or not at all. */
export type Answer = 'page' | 'rule' | null;

/** A site a generator built, as a static server would serve it. */
export class BuiltSite {
  private readonly rules = new Map<string, string>();

  constructor(readonly root: string) {
    const file = join(root, '_redirects');
    if (!existsSync(file)) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new WpExtractError('E_READ', `cannot read the built site's redirects: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { input: file, cause: error });
    }
    for (const line of text.split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (line.startsWith('#') || parts.length < 2) continue;
      // `/ p=123 /to 301` matches a query; `/from /to 301` a path.
      const query = parts.length >= 4 || (parts.length === 3 && !/^\d{3}!?$/.test(parts[2] ?? '')) ? parts[1] : null;
      if (query) this.rules.set(`${parts[0]}?${query}`, parts[2] ?? '');
      else this.rules.set(parts[0] ?? '', parts[1] ?? '');
    }
  }

  /** The built file an address's path is served from, or null. */
  served(address: string): string | null {
    let path: string;
    try {
      path = decodeURIComponent(address.replace(/[?#].*$/, ''));
    } catch {
      return null;
    }
    for (const candidate of [join(this.root, path), join(this.root, path, 'index.html')]) {
      if (candidate.startsWith(this.root) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return null;
  }

  /** Where the site's `_redirects` sends an old address (`/?p=12`, `/old/`), if anywhere. */
  ruleFor(address: string): string | undefined {
    return this.rules.get(address);
  }

  answer(address: string): Answer {
    const url = new URL(address, 'http://site.invalid');
    if (url.search === '' && this.served(url.pathname) !== null) return 'page';
    const to = this.ruleFor(`${url.pathname}${url.search}`);
    return to !== undefined && to.startsWith('/') && !to.startsWith('//') && this.served(to) !== null ? 'rule' : null;
  }
}

/** The old addresses of a post that a moved site must answer (none for a draft or a protected post, which is not built). */
export function oldAddressesOf(post: Post): string[] {
  const extracted = post as ExtractedPost;
  if (isDraft(extracted)) return [];
  const own = sitePath(extracted);
  return [...(own ? [own] : []), ...queryAddresses(post.id, post.type, post.link), ...oldSlugPaths(extracted)];
}

/** The old addresses of the archives the posts are in: each archive, and its later pages when it had more than one. */
export function archiveAddresses(posts: readonly Post[]): string[] {
  const counts = new Map<string, number>();
  for (const post of posts) {
    if (isDraft(post as ExtractedPost)) continue;
    for (const [path] of archivesOf(post as ExtractedPost)) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts].flatMap(([path, count]) => [path, ...Array.from({ length: Math.max(0, Math.ceil(count / PER_PAGE) - 1) }, (_, i) => `${path}page/${i + 2}/`)]);
}

/** The few fields of a post the check needs (its content is dropped as it is read). */
function light(post: Post): Post {
  return { ...post, contentHtml: '', excerptHtml: '', comments: undefined, meta: undefined };
}

/**
 * Reads the posts of the inputs and lists on stdout each old address the built site does not
 * answer; a summary line on stderr. Exit 1 when any is unanswered (documented in errors.md).
 */
export async function checkSite(root: string, items: AsyncIterable<InputItem>, io: Pick<RunIO, 'stdout'>, report: RunReport, quiet: boolean): Promise<void> {
  const site = new BuiltSite(root);
  const posts: Post[] = [];
  for await (const item of items) {
    if (item.error !== undefined) report.fail(item.error, item.input);
    else if (item.post) posts.push(light(item.post));
  }
  const addresses = [...new Set([...posts.flatMap(oldAddressesOf), ...archiveAddresses(posts)])];
  const counts = { page: 0, rule: 0, none: 0 };
  const missing: string[] = [];
  for (const address of addresses) {
    const how = site.answer(address);
    counts[how ?? 'none']++;
    if (how === null) missing.push(address);
  }
  if (missing.length > 0) await writeText(io.stdout, `${missing.join('\n')}\n`);
  if (!quiet) report.say(`${root}: ${addresses.length} old addresses of ${posts.length} posts: ${counts.page} served, ${counts.rule} redirected, ${counts.none} not answered`);
  if (missing.length > 0) report.fail(new WpExtractError('E_UNANSWERED', `${missing.length} old address${missing.length === 1 ? ' is' : 'es are'} not answered (listed on stdout)`), root);
}
