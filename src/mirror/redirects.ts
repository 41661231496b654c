import { parsePostKey } from '../post.js';
import { languageOf } from '../render/fields.js';
import type { StateEntry } from './state.js';

/**
 * The old addresses of a site that moved, each sent to where the new site serves its post:
 * `?p=ID` (the shortlink, and a plain permalink), `?page_id=ID`, the addresses of its earlier
 * slugs and of earlier runs (see formerAddresses), and the main feed. Built from the folder's
 * state, so a rule's target is always a post the folder holds, at its path on the new site.
 * Written as a `_redirects` file (Netlify's and Cloudflare Pages' syntax) and a plain
 * `redirects.csv` for any other server.
 */
export interface Redirect {
  /** The old address: a path, or `/?p=123` (a query on the site's root). */
  from: string;
  /** Where the new site serves it: a path of the new site. */
  to: string;
}

/** A path as a redirect file holds it: percent-encoded, so that no space, newline, `#` or quote can end the field or add a rule; `//` at its start made one `/`. */
export function encodePath(path: string): string {
  const encoded = encodeURI(path.startsWith('/') ? path : `/${path}`).replace(/[#?'"<>`{}|\\^&]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return encoded.replace(/^\/{2,}/, '/');
}

/** The rules for every post of the state a generator serves: sorted, one per old address; an address two posts claim is left out. */
export function redirectsOf(entries: ReadonlyMap<string, StateEntry>, feed: string | null, extra: readonly Redirect[] = []): Redirect[] {
  const claims = new Map<string, Set<string>>();
  const claim = (from: string, to: string): void => {
    if (from === to) return;
    claims.set(from, (claims.get(from) ?? new Set()).add(to));
  };
  for (const [key, entry] of entries) {
    if (!entry.url) continue;
    const to = encodePath(entry.url);
    const { type, id } = parsePostKey(key);
    for (const query of queryAddresses(id, type, entry.link)) claim(query, to);
    for (const old of entry.old ?? []) claim(encodePath(old), to);
  }
  if (feed !== null && entries.size > 0) claim('/feed/', encodePath(feed));
  for (const { from, to } of extra) claim(from, to);
  return [...claims]
    .filter(([, targets]) => targets.size === 1)
    .map(([from, targets]) => ({ from, to: [...targets][0] as string }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * The old addresses of a post that are queries on the site: `?p=ID` (the shortlink, a plain
 * permalink), a page's `?page_id=ID`, and WPML's `/hello/?lang=fr` (its languages as a
 * parameter), as a rule matches them.
 */
export function queryAddresses(id: number | null, type: string, link: string | null | undefined): string[] {
  const out = id !== null && Number.isSafeInteger(id) && id > 0 ? [`/?p=${id}`, ...(type === 'page' ? [`/?page_id=${id}`] : [])] : [];
  const language = languageAddress(link ?? undefined);
  return language ? [...out, language] : out;
}

/** A permalink with WPML's `?lang=xx` as the old address a rule matches (`/hello/?lang=fr`), else null. */
function languageAddress(link: string | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    const language = languageOf(url);
    return language === null ? null : `${encodePath(decodeURI(url.pathname))}?lang=${language}`;
  } catch {
    return null;
  }
}

/** `_redirects`: `FROM TO 301` a line; a query as Netlify matches one (`/ p=123 /to 301`). */
export function redirectsFile(rules: readonly Redirect[]): string {
  const lines = rules.map(({ from, to }) => {
    const at = from.indexOf('?');
    return at === -1 ? `${from} ${to} 301` : `${from.slice(0, at)} ${from.slice(at + 1)} ${to} 301`;
  });
  return `# Old WordPress addresses, written by wp-extract\n${lines.join('\n')}\n`;
}

/** `redirects.csv`: `from,to` a line, every field quoted. */
export function redirectsCsv(rules: readonly Redirect[]): string {
  const field = (value: string): string => `"${value.replace(/"/g, '""')}"`;
  return `from,to\n${rules.map(({ from, to }) => `${field(from)},${field(to)}`).join('\n')}\n`;
}
