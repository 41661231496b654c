import { isSafeImage, isSafeLink } from '../../url-safety.js';
import { collapseWhitespace, escapeAttribute } from '../../html/index.js';
import { escapeForMdx } from '../jsx.js';
import { markAddress } from '../links.js';
import { hasClass, type ConvertContext, type MarkdownRule, type DomElement } from './types.js';

/** A Markdown link destination, marked for the converter to settle (`<...>` when it holds spaces or parentheses; see links.ts). */
export function destination(url: string): string {
  return markAddress(url, 'destination');
}

/** Link or image text: brackets, backslashes and backticks (which could open a code span across the `](`) escaped, white space collapsed. */
export function linkText(text: string, mdx = false): string {
  const out = collapseWhitespace(text).replace(/([[\]\\`])/g, '\\$1');
  return mdx ? escapeForMdx(out) : out;
}

/** A link whose text is its address: an autolink, or in MDX (which has none) a link. */
export function autolink(url: string, mdx: boolean): string {
  return mdx ? `[${linkText(url, true)}](${destination(url)})` : markAddress(url, 'autolink');
}

const titlePart = (title: string | null): string =>
  title && title.trim() !== '' ? ` "${collapseWhitespace(title).replace(/"/g, '\\"')}"` : '';

/** The widest candidate of a `srcset` (`w` descriptors, else `x`), or null. */
export function largestFromSrcset(srcset: string): string | null {
  let best: { url: string; size: number } | null = null;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const size = Number.parseFloat(descriptor) * (descriptor.endsWith('w') ? 1 : 10_000);
    if (!Number.isNaN(size) && (best === null || size > best.size)) best = { url, size };
  }
  return best?.url ?? null;
}

function imageSource(node: DomElement, context: ConvertContext): string {
  const src = node.getAttribute('src') ?? '';
  if (context.imageSize === 'largest') {
    const largest = largestFromSrcset(node.getAttribute('srcset') ?? '');
    if (largest) return largest;
  }
  return src;
}

/** The page a video player's embed address shows (YouTube, Vimeo), else the address itself. */
export function providerUrl(src: string): string {
  try {
    const url = new URL(src, 'https://invalid.invalid/');
    const youtube = /^\/embed\/([\w-]{6,})/.exec(url.pathname);
    if (/(^|\.)youtube(-nocookie)?\.com$/.test(url.hostname) && youtube) return `https://www.youtube.com/watch?v=${youtube[1]}`;
    const vimeo = /^\/video\/(\d+)/.exec(url.pathname);
    if (url.hostname === 'player.vimeo.com' && vimeo) return `https://vimeo.com/${vimeo[1]}`;
  } catch {
    // not a URL: keep it as it is
  }
  return src;
}

function fileName(url: string): string {
  try {
    const path = new URL(url, 'https://invalid.invalid/').pathname;
    return decodeURIComponent(path.split('/').filter(Boolean).pop() ?? url);
  } catch {
    return url;
  }
}

const block = (text: string): string => `\n\n${text}\n\n`;

export const mediaRules: MarkdownRule[] = [
  {
    name: 'image',
    description: 'an image keeps its alt text and title; --image-size largest takes the widest srcset candidate',
    filter: 'img',
    replacement: (_content, node, context) => {
      const src = imageSource(node, context);
      if (!src || !isSafeImage(src)) return '';
      return `![${linkText(node.getAttribute('alt') ?? '', context.mdx)}](${destination(src)}${titlePart(node.getAttribute('title'))})`;
    },
  },
  {
    name: 'gallery-grid',
    description: 'Gutenberg gallery lists (ul.blocks-gallery-grid) become their images, not a bulleted list',
    filter: (node) =>
      (node.nodeName === 'UL' && (hasClass(node, 'blocks-gallery-grid') || hasClass(node, 'wp-block-gallery'))) ||
      (node.nodeName === 'LI' && hasClass(node, 'blocks-gallery-item')),
    replacement: (content) => block(content.trim()),
  },
  {
    name: 'embed-url',
    description: 'an oEmbed wrapper holding a bare URL (no iframe) becomes a link to it',
    filter: (node) => hasClass(node, 'wp-block-embed__wrapper') && !node.querySelector('iframe, blockquote, video, a'),
    replacement: (content, node, context) => {
      const url = (node.textContent ?? '').trim();
      return /^https?:\/\/\S+$/.test(url) ? block(autolink(url, context.mdx)) : content;
    },
  },
  {
    name: 'iframe',
    description: 'an iframe (oEmbed or raw) becomes a link to what it shows, named by its title',
    filter: 'iframe',
    replacement: (_content, node, context) => {
      // A WordPress post embed pairs the iframe with a blockquote linking the same post.
      if (hasClass(node, 'wp-embedded-content')) return '';
      const src = node.getAttribute('src') ?? node.getAttribute('data-src') ?? '';
      if (!src || src.startsWith('about:') || !isSafeLink(src)) return '';
      const url = providerUrl(src);
      const title = node.getAttribute('title')?.trim() || embedName(url);
      return block(`[${linkText(title, context.mdx)}](${destination(url)})`);
    },
  },
  {
    name: 'video-audio',
    description: '<video> and <audio> become a link to their file',
    filter: ['video', 'audio'],
    replacement: (_content, node, context) => {
      // WordPress's media player adds a cache-busting `?_=1` to the file's address.
      const src = (node.getAttribute('src') || node.querySelector('source[src]')?.getAttribute('src') || '').replace(/[?&]_=\d+$/, '');
      if (!src || !isSafeLink(src)) return '';
      const label = node.nodeName === 'VIDEO' ? 'Video' : 'Audio';
      return block(`[${label}: ${linkText(node.getAttribute('title') || fileName(src), context.mdx)}](${destination(src)})`);
    },
  },
  {
    name: 'object-embed',
    description: 'Flash-era <object> and <embed> become a link to their file',
    filter: ['object', 'embed'],
    replacement: (_content, node, context) => {
      const src = node.getAttribute('data') || node.getAttribute('src') || '';
      return src && isSafeLink(src) ? block(`[${linkText(fileName(src), context.mdx)}](${destination(src)})`) : '';
    },
  },
  {
    name: 'file-button',
    description: "the File block's Download button is dropped when it repeats the file link",
    filter: (node) => node.nodeName === 'A' && hasClass(node, 'wp-block-file__button'),
    replacement: (content, node) => {
      const href = node.getAttribute('href');
      const twin = Array.from(node.parentNode?.querySelectorAll('a') ?? []).some((a) => a !== node && a.getAttribute('href') === href);
      return twin ? '' : ` [${content.trim()}](${destination(href ?? '')})`;
    },
  },
];

/** Links come last: rules for particular links (footnote back-links, file buttons) go first. */
export const linkRules: MarkdownRule[] = [
  {
    name: 'in-page-target',
    description: 'an empty anchor a link of the post points to (see the in-page-targets cleaner) stays as <a id>, so the link leads somewhere',
    filter: (node) => node.nodeName === 'A' && node.getAttribute('href') === null && (node.getAttribute('id') ?? '') !== '' && node.textContent === '' && node.children.length === 0,
    replacement: (_content, node, context) => {
      const id = escapeAttribute(node.getAttribute('id') ?? '');
      return context.mdx ? `<a id="${id}" />` : `<a id="${id}"></a>`;
    },
  },
  {
    name: 'link',
    description: 'a link keeps its address and title; one to a javascript:, vbscript: or data: address becomes its text; one with nothing visible in it prints nothing',
    filter: (node) => node.nodeName === 'A' && node.getAttribute('href') !== null,
    replacement: (content, node, context) => {
      const href = node.getAttribute('href') ?? '';
      if (!isSafeLink(href)) return content;
      // A link with nothing visible in it (an icon font's) shows nothing on the page: it prints
      // nothing, not its title or address run into the next word. Alone in its paragraph, it is
      // what wpautop leaves of a link wrapped around a card of blocks (`<p><a href></p><div>…
      // </div><p></a></p>`): its address is kept there, named by its title.
      if (content.trim() === '') {
        const title = node.getAttribute('title')?.trim() ?? '';
        const alone = node.parentNode?.nodeName === 'P' && (node.parentNode.textContent ?? '').trim() === '';
        return alone && title !== '' ? `[${linkText(title, context.mdx)}](${destination(href)})` : '';
      }
      // A link whose text is its own address is an autolink.
      if (/^https?:\/\/[^\s<>]+$/i.test(href) && content.replace(/\\(.)/g, '$1') === href && !node.getAttribute('title')) return autolink(href, context.mdx);
      return `[${content}](${destination(href)}${titlePart(node.getAttribute('title'))})`;
    },
  },
  {
    name: 'bare-address',
    description: 'a paragraph that is nothing but a web address becomes an autolink, as embed addresses do',
    filter: (node) => node.nodeName === 'P' && node.children.length === 0 && /^\s*https?:\/\/[^\s<>]+\s*$/i.test(node.textContent) && isSafeLink(node.textContent.trim()),
    replacement: (_content, node, context) => `\n\n${autolink(node.textContent.trim(), context.mdx)}\n\n`,
  },
];

/** What an embed from a known provider shows, by host (the `www.` taken off). */
const EMBED_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(youtube(-nocookie)?\.com|youtu\.be)$/, 'YouTube video'],
  [/^(player\.)?vimeo\.com$/, 'Vimeo video'],
  [/^(open\.)?spotify\.com$/, 'Spotify'],
  [/^(w\.)?soundcloud\.com$/, 'SoundCloud audio'],
  [/^(maps\.)?google\.[a-z.]+$/, 'Google map'],
  [/^(platform\.)?twitter\.com$|^x\.com$/, 'Post on X'],
  [/^(docs|drive)\.google\.com$/, 'Google document'],
  [/^dailymotion\.com$/, 'Dailymotion video'],
  [/^(www\.)?facebook\.com$/, 'Facebook post'],
  [/^instagram\.com$/, 'Instagram post'],
  [/^(player\.)?twitch\.tv$/, 'Twitch video'],
  [/^tiktok\.com$/, 'TikTok video'],
];

/** A name for an embed without a title: the provider's kind of content, else "Embedded page (host)". */
function embedName(url: string): string {
  const host = hostOf(url);
  for (const [pattern, name] of EMBED_NAMES) if (pattern.test(host)) return name;
  return host ? `Embedded page (${host})` : url;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
