import { promises as fsp } from 'node:fs';
import { dirname, posix, relative, sep } from 'node:path';
import { WpExtractError } from '../errors.js';
import { loadFragment } from '../html/index.js';
import { decodeSlug } from '../parse/values.js';
import { keyOf, type ExtractedPost } from '../post.js';
import type { HttpClient } from '../read/http.js';
import { replaceLinks, type LinkSpan } from '../convert/links.js';
import { renderDocument, type FrontMatterField, type FrontMatterStyle } from '../render/index.js';
import { FileWriter } from './files.js';
import { ownString } from './files.js';
import { postPath, safeSegment, withSuffix } from './names.js';

/**
 * Where `--images` puts the images it downloads: `media/` flat, beside each post, or (`site`)
 * in the folder a generator publishes as it is (`staticDir`), at the path WordPress served them
 * from (`wp-content/uploads/2024/01/a.jpg`), linked from the site's root.
 */
export type ImagePlacement = 'media' | 'beside' | 'site';

/** Image files, by their address's extension: a link to one (a linked thumbnail's full size) is downloaded too. */
const IMAGE_ADDRESS = /^https?:\/\/[^?#]+\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)([?#].*)?$/i;
/** With `media`: documents, audio and video in a site's uploads (`/wp-content/uploads/…`), by extension. */
const MEDIA_ADDRESS = /^https?:\/\/[^?#]*\/wp-content\/uploads\/[^?#]+\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|zip|epub|mp3|m4a|ogg|oga|wav|flac|mp4|m4v|webm|ogv|mov)([?#].*)?$/i;

export interface FolderOptions {
  /** The output folder. */
  dir: string;
  /** The path template (`{yyyy}/{slug}.md`). */
  template: string;
  frontMatter: FrontMatterStyle;
  /** The front matter keys (the target's). */
  fields: readonly FrontMatterField[];
  /** Rewrite files that exist. @default false (skip them, so a rerun resumes) */
  force?: boolean;
  /** Download the images a post uses and link to the copies. */
  images?: ImagePlacement | false;
  /** With `images`: also the documents, audio and video the posts link to from the site's uploads. */
  media?: boolean;
  /** With `images: 'site'`: the folder the generator publishes as it is (`static`, `public`, '' for the top). */
  staticDir?: string;
  /** Rewrite each post given (`--update` gives only the new and changed), but download no image again. @default false */
  update?: boolean;
  /** Point links between posts of the archive where the folder serves them (see links.ts). @default 'keep' */
  links?: 'rewrite' | 'keep';
}

/** Where the link pass points addresses (the mirror's map of the archive's posts). */
export interface LinkPass {
  /** Whether any of these addresses is on a site of the archive. */
  covers(links: readonly LinkSpan[]): boolean;
  /** The text with the addresses at `links` that stand for posts of the archive pointed where the folder serves them. */
  rewrite(text: string, links: readonly LinkSpan[], from: string): string;
}

/**
 * What became of one post: written, skipped (its file exists), or a duplicate (a post with
 * the same id came earlier in the run; `path` is that post's file).
 */
export type WriteOutcome = {
  status: 'written' | 'skipped' | 'duplicate';
  path: string;
  warnings: string[];
  duplicateOf?: number;
  /** The images saved for it (or found saved), relative to the folder. */
  images?: string[];
};

/** The documents, audio and video a post links to or plays from a site's uploads. */
function mediaAddresses($: ReturnType<typeof loadFragment>): Set<string> {
  const found = new Set<string>();
  $('a[href], audio[src], video[src], source[src]').each((_, element) => {
    const address = $(element).attr('href') ?? $(element).attr('src') ?? '';
    if (MEDIA_ADDRESS.test(address)) found.add(address);
  });
  return found;
}

/** The address a generator serves a file of its static folder at: its path below that folder, from the site's root. */
function siteAddress(path: string, staticDir: string): string {
  const below = staticDir === '' ? path : posix.relative(staticDir, path);
  return encodeURI(`/${below}`);
}

/**
 * Writes one Markdown file per post into a folder. Paths come from the template; two posts that
 * want the same path are told apart by id (`slug-123.md`), the first keeping the plain name.
 * Files that exist are skipped unless `force`. With `images`, each image address is fetched
 * once, saved under `media/` (or beside the post), and the Markdown links to the copy; a
 * failed download is a warning and the link stays remote.
 */
export class FolderWriter {
  readonly files: FileWriter;
  /** The paths given out, each with the post that has it (null for one without an id): this run's, and the folder's state's. */
  private readonly claimed = new Map<string, string | null>();
  /** The path each post was given in this run, by {@link keyOf}. */
  private readonly ids = new Map<string, string>();
  private readonly downloads = new Map<string, Promise<string>>();
  /** The files written in this run that link to some site, with where their addresses stand: candidates for the link pass at the end. */
  readonly linking = new Map<string, LinkSpan[]>();
  private readonly mediaNames = new Map<string, string>();

  constructor(
    private readonly options: FolderOptions,
    private readonly client: () => HttpClient,
  ) {
    this.files = new FileWriter(options.dir);
  }

  /** Paths that posts of earlier runs have (the folder's state): a new post with the same name gets another. */
  reserve(paths: Iterable<[path: string, key: string]>): void {
    for (const [path, key] of paths) this.claimed.set(path, key);
  }

  /** The relative path of a post, made unique in this run and against the posts the folder holds. */
  pathFor(post: ExtractedPost, key: string | null = keyOf(post)): string {
    let path = postPath(this.options.template, post);
    const owner = this.claimed.get(path);
    if (owner !== undefined && (owner === null || owner !== key)) path = withSuffix(path, String(post.id ?? this.claimed.size));
    this.claimed.set(path, key);
    if (key !== null) this.ids.set(key, path);
    return path;
  }

  /**
   * Writes one post's file: `text` when given (the converter renders it, see renderOne), else its Markdown
   * rendered here. The file name is claimed before the first await, so posts are named in the
   * order `write` is called; a post whose id was written earlier in the run is a duplicate.
   */
  async write(post: ExtractedPost, text?: string, links?: readonly LinkSpan[]): Promise<WriteOutcome> {
    const id = keyOf(post);
    const earlier = id === null ? undefined : this.ids.get(id);
    if (earlier !== undefined) return { status: 'duplicate', path: earlier, warnings: [], duplicateOf: post.id ?? undefined };
    const path = this.pathFor(post, id);
    const target = await this.files.resolveInside(path);
    if (!this.options.force && !this.options.update && (await this.files.exists(target))) return { status: 'skipped', path, warnings: [] };
    const warnings: string[] = [];
    const images: string[] = [];
    const final = this.options.images ? await this.localImages(post, path, warnings, images) : post;
    // `text` is rendered for printing: a file ends in a newline of its own.
    const document =
      text !== undefined && final === post ? { text: text === '' ? '' : `${text}\n`, links: links ?? [] } : renderDocument(final, this.options.frontMatter, this.options.fields);
    await this.files.write(target, document.text);
    if (this.options.links === 'rewrite') this.keepLinks(path, document.links);
    return { status: 'written', path, warnings, ...(images.length > 0 ? { images } : {}) };
  }

  /** Keeps where a file's web addresses stand, for the link pass (copies: a slice would keep the whole text alive). */
  private keepLinks(path: string, links: readonly LinkSpan[]): void {
    const web = links.filter((link) => /^https?:\/\//i.test(link.url)).map((link) => ({ ...link, url: ownString(link.url) }));
    if (web.length > 0) this.linking.set(path, web);
  }

  /**
   * The link pass, once every post is written: each file of this run that links to a site of the
   * archive gets its links to the archive's posts (this run's and the earlier runs' ones) pointed
   * where the folder serves them, and is written again when that changed anything. Only the
   * addresses the converter wrote are looked at: an address in code is text.
   */
  async rewriteLinks(site: LinkPass): Promise<number> {
    let rewritten = 0;
    for (const [path, links] of this.linking) {
      if (!site.covers(links)) continue;
      const target = await this.files.resolveInside(path);
      const text = await fsp.readFile(target, 'utf8');
      const linked = site.rewrite(text, links, path);
      if (linked === text) continue;
      await this.files.write(target, linked);
      rewritten++;
    }
    return rewritten;
  }

  /** Removes a file of the folder (a post gone upstream, an image no post uses), and its folder once empty. */
  async remove(path: string): Promise<void> {
    const target = await this.files.resolveInside(path);
    await this.files.remove(target);
  }

  /** The post with its images downloaded and its Markdown and featured image pointing at the copies. */
  private async localImages(post: ExtractedPost, postFile: string, warnings: string[], saves: string[]): Promise<ExtractedPost> {
    const $ = loadFragment(post.html);
    const urls = new Set<string>();
    $('img[src]').each((_, img) => {
      const src = $(img).attr('src') ?? '';
      if (/^https?:\/\//i.test(src)) urls.add(src);
    });
    // A thumbnail linked to its full size: both files.
    $('a[href]:has(img)').each((_, a) => {
      const href = $(a).attr('href') ?? '';
      if (IMAGE_ADDRESS.test(href)) urls.add(href);
    });
    if (post.featuredImage && /^https?:\/\//i.test(post.featuredImage.url)) urls.add(post.featuredImage.url);
    const files = this.options.media ? mediaAddresses($) : new Set<string>();
    const copies = new Map<string, string>();
    for (const url of [...urls, ...files]) {
      try {
        const saved = await this.download(url, postFile, files.has(url) && !urls.has(url));
        saves.push(saved);
        copies.set(url, this.options.images === 'site' ? siteAddress(saved, this.options.staticDir ?? '') : relative(dirname(postFile), saved).split(sep).join('/'));
      } catch (error) {
        warnings.push(`image not saved: ${url}: ${error instanceof WpExtractError ? error.message : String(error)}`);
      }
    }
    // The addresses the converter wrote (links and images alike, as before): never one in code.
    const { text: markdown, links } = replaceLinks(post.markdown, post.links ?? [], (link) => (link.kind === 'destination' ? (copies.get(link.url) ?? null) : null));
    const featured = post.featuredImage && copies.has(post.featuredImage.url) ? { ...post.featuredImage, url: copies.get(post.featuredImage.url) as string } : post.featuredImage;
    return { ...post, markdown, links, featuredImage: featured };
  }

  /** Downloads an image (or with `media`, a file of the uploads) once; returns its path relative to the output folder. */
  private download(url: string, postFile: string, anyType = false): Promise<string> {
    const key = this.options.images === 'beside' ? `${dirname(postFile)}|${url}` : url;
    let saved = this.downloads.get(key);
    if (!saved) {
      saved = this.fetchImage(url, postFile, anyType);
      this.downloads.set(key, saved);
    }
    return saved;
  }

  private async fetchImage(url: string, postFile: string, anyType: boolean): Promise<string> {
    const path = this.options.images === 'site' ? this.sitePath(url) : this.folderPath(url, postFile);
    const target = await this.files.resolveInside(path);
    if (!this.options.force && (await this.files.exists(target))) return path;
    const response = await this.client().get(url, anyType ? '*/*' : 'image/*');
    if (response.status >= 400) throw new WpExtractError('E_REMOTE', `HTTP ${response.status}`, { input: url });
    const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    // A file of the uploads may be any type, but not a page (a login or an error page served in its place).
    if (anyType ? type === 'text/html' : !type.startsWith('image/')) throw new WpExtractError('E_REMOTE', `${anyType ? 'a web page, not the file' : 'not an image'} (${type || 'no content type'})`, { input: url });
    await this.files.write(target, response.body);
    return path;
  }

  private folderPath(url: string, postFile: string): string {
    const folder = this.options.images === 'beside' ? dirname(postFile) : 'media';
    return posix.join(folder === '.' ? '' : folder, this.imageName(url, folder));
  }

  /**
   * Where an image goes in the generator's static folder: its address's path from `wp-content/`
   * on (`wp-content/uploads/2024/01/a.jpg`), so that image addresses stay what they were;
   * `media/HOST/PATH` for an image from anywhere else. Unique per address.
   */
  private sitePath(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return posix.join(this.options.staticDir ?? '', 'media', this.imageName(url, 'media'));
    }
    const segments = parsed.pathname.split('/').filter(Boolean).map(decodeSlug);
    const from = segments.indexOf('wp-content');
    const kept = from >= 0 ? segments.slice(from) : ['media', parsed.host, ...segments];
    const path = posix.join(this.options.staticDir ?? '', ...kept.map(safeSegment));
    return this.unique(path, path, url);
  }

  /** A file name for an image address, unique per address within its folder. */
  private imageName(url: string, folder: string): string {
    let name = 'image';
    try {
      name = decodeSlug(new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'image');
    } catch {
      // keep the default
    }
    name = safeSegment(name);
    return this.unique(`${folder}|${name}`, name, url);
  }

  /**
   * A name (or path) for an image address, unique per address: the first address that wants it
   * has it as it is, any other gets a short hash of its address added (`a-1f3e9b2c.png`).
   */
  private unique(key: string, name: string, url: string): string {
    const owner = this.mediaNames.get(key);
    if (owner === undefined) this.mediaNames.set(key, url);
    if (owner === undefined || owner === url) return name;
    // node:crypto is loaded only here (with --images), not at every start.
    const { createHash } = process.getBuiltinModule('node:crypto');
    return withSuffix(name, createHash('sha256').update(url).digest('hex').slice(0, 8));
  }
}
