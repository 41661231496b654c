import { autop } from '@wordpress/autop';
import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser';
import { attrs as shortcodeAttrs, regexp as shortcodeRegexp } from '@wordpress/shortcode';
import { escapeAttribute, escapeText, htmlToInlineText } from '../html/index.js';
import type { Attachment, Post } from '../post.js';
import { texturize } from './texturize.js';
import { WIDGET_SHORTCODE } from './widgets.js';

/**
 * What WordPress does between `post_content` (what an export holds) and `content.rendered`
 * (what its REST API serves), so that posts from both meet at the same HTML before cleaning:
 * block comments removed, paragraph rules (wpautop) for classic content and classic blocks,
 * core shortcodes expanded, widget plugins' shortcodes removed, a URL alone on its line made
 * an embed, and the excerpt WordPress would make when the post has none. What it does not do:
 * curly quotes (wptexturize), smilies as images, oEmbed HTML from the providers (an embed
 * becomes a link), dynamic blocks that need the database (latest posts…).
 */


type BlockNode = { blockName: string | null; innerHTML: string; innerBlocks: BlockNode[]; innerContent: Array<string | null> };

/** Block content as `do_blocks` serves static blocks: the saved HTML without its comments; classic blocks get wpautop. */
function renderBlocks(blocks: BlockNode[]): string {
  return blocks
    .map((block) => {
      // Classic blocks, and the shortcode block, get the paragraph rules their content was written for.
      if (block.blockName === null || block.blockName === 'core/freeform' || block.blockName === 'core/shortcode') {
        return block.innerHTML.trim() === '' ? block.innerHTML : autop(block.innerHTML);
      }
      let inner = 0;
      return block.innerContent.map((part) => (part === null ? renderBlocks([block.innerBlocks[inner++] as BlockNode]) : part)).join('');
    })
    .join('');
}

/** The embed WordPress makes of a URL (without the provider's HTML): what a block embed saves. */
const embed = (url: string): string => `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${escapeText(url)}\n</div></figure>`;


interface ShortcodeMatch {
  name: string;
  attrs: Record<string, string | undefined>;
  /** Positional attributes (`[embed https://…]`). */
  numeric: string[];
  content: string | undefined;
}

/** What a shortcode becomes; null leaves it as it is. */
type Expander = (code: ShortcodeMatch, post: Post) => string | null;

/** The core shortcodes and what each becomes, in the order do_shortcode would meet them. */
const SHORTCODES: ReadonlyArray<readonly [RegExp, Expander]> = [
  [/^(caption|wp_caption)$/, caption],
  [/^gallery$/, (code, post) => gallery(code, post.attachments ?? [])],
  [/^embed$/, (code) => embed((code.content ?? code.attrs.src ?? '').trim())],
  [/^(video|audio)$/, media],
  [/^playlist$/, (code, post) => playlist(code, post.attachments ?? []) || null],
  [WIDGET_SHORTCODE, () => ''],
];

function caption(code: ShortcodeMatch): string {
  let content = code.content ?? '';
  let text = code.attrs.caption ?? '';
  if (text === '') {
    // The caption is what follows the image (and the link around it).
    const image = /^\s*((?:<a [^>]*>\s*)?<img [^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
    if (image) [content, text] = [image[1] ?? '', (image[2] ?? '').trim()];
  }
  const id = code.attrs.id ? ` id="${escapeAttribute(code.attrs.id)}"` : '';
  const align = escapeAttribute(code.attrs.align ?? 'alignnone');
  return `<figure${id} class="wp-caption ${align}">${content.trim()}<figcaption class="wp-caption-text">${text}</figcaption></figure>`;
}

function gallery(code: ShortcodeMatch, attachments: Attachment[]): string | null {
  const ids = (code.attrs.ids ?? code.attrs.include ?? '').split(',').map((id) => Number(id.trim())).filter((id) => id > 0);
  const shown = ids.length > 0 ? ids.map((id) => attachments.find((a) => a.id === id)).filter((a): a is Attachment => a !== undefined) : attachments;
  // None of its images is in the export: the shortcode stays, for --shortcodes to report or strip.
  if (shown.length === 0) return null;
  const columns = Number(code.attrs.columns ?? 3) || 3;
  const items = shown.map((a) => {
    const image = `<img src="${escapeAttribute(a.url)}" alt="${escapeAttribute(a.alt)}">`;
    const linked = code.attrs.link === 'none' ? image : `<a href="${escapeAttribute(code.attrs.link === 'file' || !a.link ? a.url : a.link)}">${image}</a>`;
    const text = a.caption.trim() === '' ? '' : `<figcaption class="wp-caption-text gallery-caption">${a.caption}</figcaption>`;
    return `<figure class="gallery-item"><div class="gallery-icon">${linked}</div>${text}</figure>`;
  });
  return `<div class="gallery gallery-columns-${columns}">${items.join('')}</div>`;
}

function media(code: ShortcodeMatch): string {
  const formats = code.name === 'video' ? ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv'] : ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac'];
  const src = formats.map((f) => code.attrs[f]).find((v) => v !== undefined && v !== '') ?? (code.content ?? '').trim();
  return src === '' ? '' : `<${code.name} controls src="${escapeAttribute(src)}"></${code.name}>`;
}

function playlist(code: ShortcodeMatch, attachments: Attachment[]): string {
  const ids = (code.attrs.ids ?? '').split(',').map((id) => Number(id.trim()));
  const tag = code.attrs.type === 'video' ? 'video' : 'audio';
  return ids
    .map((id) => attachments.find((a) => a.id === id))
    .filter((a): a is Attachment => a !== undefined)
    .map((a) => `<${tag} controls src="${escapeAttribute(a.url)}"></${tag}>`)
    .join('\n');
}

/** Every shortcode of the table, expanded; others are left for the shortcodes cleaner (`--shortcodes`). */
function doShortcodes(html: string, post: Post): string {
  if (!html.includes('[')) return html;
  return html.replace(shortcodeRegexp('[A-Za-z][\\w-]*'), (whole: string, left: string, name: string, args: string, _self: string, content: string | undefined, _close: string, right: string) => {
    if (left === '[' && right === ']') return whole.slice(1, -1); // [[escaped]] prints itself
    const expander = SHORTCODES.find(([pattern]) => pattern.test(name))?.[1];
    if (!expander) return whole;
    const parsed = shortcodeAttrs(args ?? '');
    return expander({ name, attrs: parsed.named, numeric: parsed.numeric, content }, post) ?? whole;
  });
}

/**
 * A URL alone on its line becomes an embed (WordPress's auto-embed, without the provider's
 * HTML). In classic content it runs before the paragraphs are made, as in WordPress.
 */
function autoEmbed(html: string): string {
  return html.replace(/(^|<p>|\n)\s*(https?:\/\/[^\s<>"]+)\s*(?=<\/p>|\n|$)/gi, (_whole, before: string, url: string) => `${before}${embed(url)}`);
}

const NEXTPAGE = '<!--nextpage-->';

/** `<!--more-->` and the words before it: WordPress's excerpt of a post that has none. */
const MORE = /<!--more(.*?)?-->/;
const EXCERPT_WORDS = 55;

/**
 * WordPress's excerpt of a post that has none (wp_trim_excerpt): the part before `<!--more-->`
 * (or the whole), without its shortcodes and tags, cut at 55 words with `[…]`.
 */
function excerptOf(raw: string): string {
  // The first page of a paged post, before its <!--more-->.
  const page = raw.split(NEXTPAGE)[0] ?? '';
  const more = MORE.exec(page);
  const teaser = (more ? page.slice(0, more.index) : page).replace(/<!--[\s\S]*?-->/g, '');
  const source = autop(teaser.replace(shortcodeRegexp('[A-Za-z][\\w-]*'), (whole: string, left: string, name: string) => (left === '[' ? whole : SHORTCODES.some(([p]) => p.test(name)) ? '' : whole)));
  // Tags come off as wp_strip_all_tags takes them: a line break or a block's end still parts words.
  const html = source.replace(/<(br|\/p|\/h[1-6]|\/li|\/div|\/figure)\b[^>]*>/gi, ' $&');
  const words = htmlToInlineText(html).split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const cut = words.length > EXCERPT_WORDS;
  return `<p>${escapeText(words.slice(0, EXCERPT_WORDS).join(' '))}${cut ? ' [&hellip;]' : ''}</p>`;
}

/** The shortcodes this stage expands: wptexturize leaves their attributes alone, as WordPress does for the shortcodes it knows. */
const KNOWN_SHORTCODES = ['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio', 'playlist'];
const curly = (html: string): string => texturize(html, KNOWN_SHORTCODES);

/**
 * A raw post as WordPress would serve it (see the top of this file), in the order of its
 * the_content filters: blocks, wptexturize, wpautop (classic content only), shortcodes.
 * The title and the excerpt get wptexturize too, as the_title and the_excerpt give it.
 */
export function prepareRaw(post: Post): Post {
  const raw = post.contentHtml;
  // A page break stands alone between pages, whatever the lines around it.
  const content = raw.includes(NEXTPAGE) ? raw.split(NEXTPAGE).map((page) => page.trim()).join(`\n\n${NEXTPAGE}\n\n`) : raw;
  const blocks = content.includes('<!-- wp:') ? curly(renderBlocks(parseBlocks(content) as BlockNode[])) : autop(curly(autoEmbed(content)));
  const html = doShortcodes(blocks, post);
  const excerptHtml = post.excerptHtml !== '' || post.passwordProtected ? post.excerptHtml : excerptOf(raw);
  // A comment's text gets what WordPress's comment_text filters do that shows in Markdown: curly quotes and paragraphs.
  const comments = post.comments?.map((comment) => ({ ...comment, html: comment.html.trim() === '' ? '' : autop(curly(comment.html)) }));
  return { ...post, title: texturize(post.title), contentHtml: html, contentFormat: 'rendered', excerptHtml: curly(excerptHtml), ...(comments ? { comments } : {}) };
}
