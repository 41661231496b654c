import { posix } from 'node:path';
import { replaceLinks, type LinkSpan } from '../convert/links.js';
import { parsePostKey } from '../post.js';
import type { StateEntry } from './state.js';

/**
 * Links between the posts of one archive. A link to a post or page of the archive, in whatever
 * form WordPress or an author wrote it (the permalink with or without its trailing slash,
 * `?p=ID`, `?page_id=ID`, the shortlink, `http` or `https`, with or without `www.`), becomes a
 * link to where the folder serves that post: its address on the generator's site, or the
 * relative path of its file. A fragment is kept. Links to posts outside the archive and to
 * other sites are left as they are (the cleaners made every address absolute already).
 */

/** What the archive holds of one post, to be linked to. */
export interface LinkTarget {
  id: number | null;
  /** Its WordPress permalink. */
  link: string;
  /** Where the generator serves it (`/2024/01/03/beta/`), or null without a generator. */
  url: string | null;
  /** Its file, relative to the folder. */
  path: string;
}

/** A host as links name it: lower case, without `www.`. */
const hostKey = (host: string): string => host.toLowerCase().replace(/^www\./, '');

/** A path as links name it: percent-decoded, lower case, with a trailing slash. */
function pathKey(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // keep it encoded
  }
  path = path.toLowerCase();
  return path.endsWith('/') ? path : `${path}/`;
}

/** The query parameters WordPress answers with one post, by id. */
const ID_PARAMETERS = ['p', 'page_id'];

export class SiteLinks {
  private readonly byPath = new Map<string, LinkTarget>();
  private readonly byId = new Map<string, LinkTarget>();
  private readonly hosts = new Set<string>();

  constructor(targets: Iterable<LinkTarget>) {
    for (const target of targets) {
      let url: URL;
      try {
        url = new URL(target.link);
      } catch {
        continue;
      }
      const host = hostKey(url.host);
      this.hosts.add(host);
      if (target.id !== null) this.byId.set(`${host}|${target.id}`, target);
      if (url.search === '') this.byPath.set(`${host}${pathKey(url.pathname)}`, target);
      else {
        const id = ID_PARAMETERS.map((name) => url.searchParams.get(name)).find((value) => value !== null);
        if (id) this.byId.set(`${host}|${id}`, target);
      }
    }
  }

  /** The posts a folder's state holds, by their permalinks. */
  static ofState(entries: Iterable<[key: string, entry: StateEntry]>): SiteLinks {
    return new SiteLinks([...entries].flatMap(([key, entry]) => (entry.link ? [{ id: parsePostKey(key).id, link: entry.link, url: entry.url ?? null, path: entry.path }] : [])));
  }

  /** Whether any of these addresses is on a site of the archive. */
  covers(links: readonly LinkSpan[]): boolean {
    return links.some((link) => {
      const host = /^https?:\/\/([^/?#]+)/i.exec(link.url)?.[1];
      return host !== undefined && this.hosts.has(hostKey(host));
    });
  }

  /** The post an address stands for, when it is in the archive. */
  resolve(address: string): LinkTarget | null {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return null;
    }
    const host = hostKey(url.host);
    if (!this.hosts.has(host)) return null;
    for (const name of ID_PARAMETERS) {
      const id = url.searchParams.get(name);
      if (id !== null && /^\d+$/.test(id)) return this.byId.get(`${host}|${id}`) ?? null;
    }
    if (url.search !== '') return null;
    return this.byPath.get(`${host}${pathKey(url.pathname)}`) ?? null;
  }

  /**
   * A file's text with its links to posts of the archive pointing where the folder serves them:
   * the generator's address when there is one, else the target file's path relative to `from`.
   * Only the addresses at `links` (where the converter wrote them) are looked at.
   */
  rewrite(text: string, links: readonly LinkSpan[], from: string): string {
    return replaceLinks(text, links, (link) => {
      const target = this.resolve(link.url);
      if (!target) return null;
      const to = target.url ?? posix.relative(posix.dirname(from), target.path);
      return `${encodeURI(to)}${new URL(link.url).hash}`;
    }).text;
  }
}
