import { decodeHTML } from 'entities';
import { escapeText } from '../../html/index.js';
import type { ShortcodeHandler, ShortcodeMatch } from './types.js';

/** The embed WordPress makes of a URL (without the provider's HTML): what a block embed saves. */
export const embed = (url: string): string => `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${escapeText(url)}\n</div></figure>`;

/** The first thing a shortcode names: `[tag=X]`, `[tag X]`, `[tag id=X]`, `[tag url=X]`, or its content. */
function subject(code: ShortcodeMatch, ...names: string[]): string {
  for (const name of names) {
    const value = code.attrs[name];
    if (value) return value.trim();
  }
  const first = code.numeric[0]?.replace(/^=/, '').trim();
  return first || (code.content ?? '').trim();
}

const isUrl = (value: string): boolean => /^https?:\/\//i.test(value);
/** `[youtube=URL&w=640&h=385]`: Jetpack's own options follow the address. */
const url = (value: string): string => decodeHTML(value).replace(/&(?:w|h|hd|autohide|fs|rel|showsearch|showinfo|iv_load_policy|wmode)=[^&]*/g, '');

type Provider = (code: ShortcodeMatch) => string | null;

/**
 * The embed shortcodes of Jetpack and WordPress.com, each to the provider's canonical address
 * of what it shows (https://github.com/Automattic/jetpack, modules/shortcodes/).
 */
const PROVIDERS: Readonly<Record<string, Provider>> = {
  youtube: (c) => {
    const s = url(subject(c, 'url', 'id'));
    return isUrl(s) ? s : /^[\w-]{11}$/.test(s) ? `https://www.youtube.com/watch?v=${s}` : null;
  },
  vimeo: (c) => {
    const s = subject(c, 'id', 'url');
    return isUrl(s) ? url(s) : /^\d+$/.test(s) ? `https://vimeo.com/${s}` : null;
  },
  dailymotion: (c) => {
    const s = subject(c, 'id', 'video');
    return isUrl(s) ? s : /^[\w]+$/.test(s) ? `https://www.dailymotion.com/video/${s}` : null;
  },
  ted: (c) => {
    const s = subject(c, 'id', 'url');
    return isUrl(s) ? s : /^\d+$/.test(s) ? `https://www.ted.com/talks/view/id/${s}` : s ? `https://www.ted.com/talks/${s}` : null;
  },
  tweet: (c) => {
    const s = subject(c, 'tweet', 'id', 'url');
    const id = /(\d{5,})\/?$/.exec(s)?.[1];
    return isUrl(s) ? s : id ? `https://twitter.com/i/status/${id}` : null;
  },
  gist: (c) => {
    const s = subject(c, 'id', 'url');
    return isUrl(s) ? s.replace(/\.js(on)?$/, '') : /^[\w/]+$/.test(s) ? `https://gist.github.com/${s}` : null;
  },
  slideshare: (c) => {
    const id = /(?:^|&)?id=(\d+)/.exec(decodeHTML(subject(c, 'id')))?.[1] ?? c.attrs.id;
    return id && /^\d+/.test(id) ? `https://www.slideshare.net/slideshow/embed_code/${/^\d+/.exec(id)?.[0]}` : null;
  },
  googlemaps: (c) => {
    const s = decodeHTML(subject(c, 'url'));
    return isUrl(s) ? s.replace(/&(?:w|h)=\d+/g, '') : null;
  },
  soundcloud: (c) => {
    const s = decodeHTML(subject(c, 'url', 'id'));
    return isUrl(s) ? s : null;
  },
  spotify: (c) => {
    const s = subject(c, 'id', 'url');
    const uri = /^spotify:(\w+):(\w+)$/.exec(s);
    return isUrl(s) ? s : uri ? `https://open.spotify.com/${uri[1]}/${uri[2]}` : null;
  },
  codepen: (c) => {
    const user = c.attrs.user;
    const hash = c.attrs.slug_hash ?? c.attrs.hash;
    const s = subject(c, 'url');
    return user && hash ? `https://codepen.io/${user}/pen/${hash}` : isUrl(s) ? s : null;
  },
  instagram: (c) => nonEmptyUrl(subject(c, 'url')),
  flickr: (c) => nonEmptyUrl(subject(c, 'video', 'photo', 'url')),
  archiveorg: (c) => {
    const s = subject(c, 'id', 'url');
    return isUrl(s) ? s : /^[\w.-]+$/.test(s) ? `https://archive.org/details/${s}` : null;
  },
  bandcamp: (c) => {
    const kind = ['album', 'track'].find((k) => c.attrs[k]);
    return kind ? `https://bandcamp.com/EmbeddedPlayer/${kind}=${c.attrs[kind]}` : null;
  },
  scribd: (c) => {
    const id = c.attrs.id ?? subject(c);
    return /^\d+$/.test(id) ? `https://www.scribd.com/document/${id}` : null;
  },
  mixcloud: (c) => nonEmptyUrl(subject(c, 'url')),
  kickstarter: (c) => nonEmptyUrl(subject(c, 'url')),
  vine: (c) => nonEmptyUrl(subject(c, 'url')),
  houzz: (c) => nonEmptyUrl(subject(c, 'url')),
  hulu: (c) => {
    const s = subject(c, 'id', 'url');
    return isUrl(s) ? s : /^\d+$/.test(s) ? `https://www.hulu.com/watch/${s}` : null;
  },
  ustream: (c) => nonEmptyUrl(subject(c, 'url')),
  googleapps: (c) => nonEmptyUrl(decodeHTML(subject(c, 'domain', 'url'))),
};

function nonEmptyUrl(value: string): string | null {
  return isUrl(value) ? decodeHTML(value) : null;
}

/** Embed shortcodes: each to a link to what it showed, as `[embed]` becomes one. */
export const embeds: ShortcodeHandler = {
  name: 'embeds',
  description: 'the embed shortcodes of Jetpack and WordPress.com ([youtube], [vimeo], [tweet], [gist], [slideshare]…) become links to what they showed, as [embed] does',
  matches: (tag) => Object.hasOwn(PROVIDERS, tag.toLowerCase()),
  expand: (code, context) => {
    const address = PROVIDERS[code.name.toLowerCase()]?.(code) ?? null;
    if (address === null) return null;
    context.note(`embed reduced to a link: [${code.name.toLowerCase()}]`);
    return embed(address);
  },
};
