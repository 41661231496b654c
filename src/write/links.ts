import { posix } from 'node:path';
import { ownString } from './state.js';

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

/** Link destinations in Markdown (`](…)`, `](<…>)`), autolinks (`<https://…>`) and kept HTML (`href="…"`). */
const DESTINATION = /(\]\(<?|<|\bhref=")(https?:\/\/[^\s<>")]+)/g;

/** The hosts a text links to (lower case, without `www.`): what decides, once the archive is known, whether its file needs rewriting. */
export function linkedHosts(text: string): Set<string> {
  const hosts = new Set<string>();
  for (const match of text.matchAll(DESTINATION)) {
    const address = match[2] ?? '';
    const host = /^https?:\/\/([^/?#]+)/i.exec(address)?.[1];
    const key = host ? hostKey(host) : null;
    // Its own copy: kept for the run, a part of the text would keep the whole text alive.
    if (key !== null && !hosts.has(key)) hosts.add(ownString(key));
  }
  return hosts;
}

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

  /** Whether any of these hosts is a site of the archive. */
  covers(hosts: Iterable<string>): boolean {
    for (const host of hosts) if (this.hosts.has(host)) return true;
    return false;
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
   */
  rewrite(text: string, from: string): string {
    return text.replace(DESTINATION, (whole, opener: string, address: string) => {
      const target = this.resolve(address);
      if (!target) return whole;
      const fragment = new URL(address).hash;
      const to = target.url ?? posix.relative(posix.dirname(from), target.path);
      return `${opener}${encodeURI(to)}${fragment}`;
    });
  }
}
