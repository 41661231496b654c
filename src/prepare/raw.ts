import { autop } from '@wordpress/autop';
import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser';
import { count } from '../clean/util.js';
import { escapeAttribute, escapeText, htmlToInlineText } from '../html/index.js';
import type { Footnote, Post } from '../post.js';
import { embed } from './shortcodes/embeds.js';
import { codeBlock, displayedCode, expandShortcodes, knowsShortcode, latexMarkup, type ShortcodeNotes } from './shortcodes/index.js';
import { replaceShortcodes } from './shortcodes/scan.js';
import { texturize } from './texturize.js';
import { looksLikeShortcode } from './widgets.js';

/**
 * What WordPress does between `post_content` (what an export holds) and `content.rendered`
 * (what its REST API serves), so that posts from both meet at the same HTML before cleaning:
 * block comments removed, paragraph rules (wpautop) for classic content and classic blocks,
 * core shortcodes expanded, widget plugins' shortcodes removed, a URL alone on its line made
 * an embed, and the excerpt WordPress would make when the post has none. What it does not do:
 * curly quotes (wptexturize), smilies as images, oEmbed HTML from the providers (an embed
 * becomes a link), dynamic blocks that need the database (latest posts…).
 */


type BlockNode = { blockName: string | null; attrs: Record<string, unknown>; innerHTML: string; innerBlocks: BlockNode[]; innerContent: Array<string | null> };

/**
 * SyntaxHighlighter's code block, as its render callback serves it: the code of the saved
 * `<pre>` (escaped as blocks save text) under the block's language.
 */
function highlighterBlock(block: BlockNode): string {
  const code = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(block.innerHTML)?.[1] ?? '';
  const language = typeof block.attrs.language === 'string' ? block.attrs.language : '';
  return codeBlock(displayedCode(code.replace(/<[^>]*>/g, '')), language === 'plain' || language === 'text' ? '' : language.toLowerCase());
}

/** The footnotes block as its render callback prints it (core/footnotes, index.php). */
function footnotesBlock(notes: readonly Footnote[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((note, i) => {
    const id = escapeAttribute(note.id);
    return `<li id="${id}">${note.content} <a href="#${id}-link" aria-label="Jump to footnote reference ${i + 1}">↩︎</a></li>`;
  });
  return `<ol class="wp-block-footnotes">${items.join('')}</ol>`;
}

/** What rendering blocks needs of the post, and where it notes what printed nothing. */
interface BlockContext {
  footnotes: readonly Footnote[];
  notes: ShortcodeNotes;
}

/**
 * Block content as `do_blocks` serves static blocks: the saved HTML without its comments;
 * classic blocks get wpautop. A dynamic block (latest posts, a reusable block…) saves nothing:
 * it needs the site's database, prints nothing here, and is noted for the run's report.
 */
function renderBlocks(blocks: BlockNode[], context: BlockContext): string {
  return blocks
    .map((block) => {
      if (block.blockName !== null && block.innerContent.length === 0 && block.blockName !== 'core/footnotes') {
        count(context.notes, `dynamic block printed nothing: ${block.blockName}`);
        return '';
      }
      // Classic blocks, and the shortcode block, get the paragraph rules their content was written for.
      if (block.blockName === null || block.blockName === 'core/freeform' || block.blockName === 'core/shortcode') {
        return block.innerHTML.trim() === '' ? block.innerHTML : autop(block.innerHTML);
      }
      if (block.blockName === 'syntaxhighlighter/code') return highlighterBlock(block);
      if (block.blockName === 'core/footnotes') return footnotesBlock(context.footnotes);
      let inner = 0;
      return block.innerContent.map((part) => (part === null ? renderBlocks([block.innerBlocks[inner++] as BlockNode], context) : part)).join('');
    })
    .join('');
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
  const before = more ? page.slice(0, more.index) : page;
  const teaser = (before.includes('<!-- wp:') ? excerptBlocks(parseBlocks(before) as BlockNode[], false) : before).replace(/<!--[\s\S]*?-->/g, '');
  // wp_trim_excerpt runs the_content's filters after strip_shortcodes: $latex$ becomes an image, whose tag goes.
  const source = autop(latexMarkup(stripShortcodes(preLangAsText(teaser))));
  // Tags come off as wp_strip_all_tags takes them: a line break or a block's end still parts words.
  const html = source.replace(/<(br|\/p|\/h[1-6]|\/li|\/div|\/figure)\b[^>]*>/gi, ' $&');
  const words = htmlToInlineText(html).split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const cut = words.length > EXCERPT_WORDS;
  return `<p>${escapeText(words.slice(0, EXCERPT_WORDS).join(' '))}${cut ? ' [&hellip;]' : ''}</p>`;
}

/** The blocks whose text an excerpt is made of (excerpt_remove_blocks), classic content among them, and the wrappers that hold them. */
const EXCERPT_BLOCKS = new Set<string | null>([null, 'core/freeform', 'core/heading', 'core/html', 'core/list', 'core/media-text', 'core/paragraph', 'core/preformatted', 'core/pullquote', 'core/quote', 'core/table', 'core/verse']);
const EXCERPT_WRAPPERS = new Set(['core/columns', 'core/column', 'core/group']);

/**
 * What of block content WordPress makes an excerpt from (excerpt_remove_blocks): the text blocks
 * (a code block, an image, an embed are left out), those inside columns and groups, and a text
 * block with inner blocks only when they are text blocks without inner blocks of their own.
 */
function excerptBlocks(blocks: BlockNode[], inWrapper: boolean): string {
  return blocks
    .map((block) => {
      const allowed = EXCERPT_BLOCKS.has(block.blockName) || EXCERPT_WRAPPERS.has(block.blockName ?? '');
      if (!allowed) return '';
      if (block.innerBlocks.length === 0) return block.blockName === null ? block.innerHTML : block.innerContent.join('');
      if (inWrapper || EXCERPT_WRAPPERS.has(block.blockName ?? '')) return excerptBlocks(block.innerBlocks, true);
      if (block.innerBlocks.some((inner) => !EXCERPT_BLOCKS.has(inner.blockName) || inner.innerBlocks.length > 0)) return '';
      let at = 0;
      return block.innerContent.map((part) => (part === null ? (block.innerBlocks[at++]?.innerContent.join('') ?? '') : part)).join('');
    })
    .join('');
}

/**
 * strip_shortcodes, as wp_trim_excerpt runs it: a shortcode the site had (every one of the
 * table) goes with its content; another that looks like one (attributes, a closing tag, a
 * `-` or `_` in its name) leaves its content; `[sic]` is text.
 */
function stripShortcodes(text: string): string {
  return replaceShortcodes(
    text,
    () => true,
    (code, whole) => {
      if (knowsShortcode(code.name)) return '';
      const attributes = whole.slice(code.name.length + 1, whole.indexOf(']'));
      return looksLikeShortcode(code.name, attributes, code.content !== undefined) ? (code.content ?? '') : null;
    },
  );
}

/** wptexturize leaves the attributes of the shortcodes of the table alone, as WordPress does for registered ones. */
const curly = (html: string): string => texturize(html, knowsShortcode);

/**
 * The code of WP-Syntax's `<pre lang="x">` as text: the plugin takes what is between the tags
 * as code (entities decoded), so a `<?php` or a `<link>` in it is code, not HTML.
 */
function preLangAsText(html: string): string {
  if (!/<pre\s[^>]*\blang=/i.test(html)) return html;
  return html.replace(/(<pre\s[^>]*\blang=[^>]*>)([\s\S]*?)(<\/pre>)/gi, (_w, open: string, code: string, close: string) => `${open}${escapeText(displayedCode(code))}${close}`);
}

/**
 * A raw post as WordPress would serve it (see the top of this file), in the order of its
 * the_content filters: blocks, wptexturize, wpautop (classic content only), shortcodes.
 * The title and the excerpt get wptexturize too, as the_title and the_excerpt give it.
 */
export function prepareRaw(post: Post): { post: Post; notes: ShortcodeNotes } {
  const notes: ShortcodeNotes = new Map();
  // Code and TeX first, as their plugins take them: never given curly quotes or paragraphs.
  const early = latexMarkup(expandShortcodes(preLangAsText(post.contentHtml), post, true, notes));
  // A page break stands alone between pages, whatever the lines around it.
  const content = early.includes(NEXTPAGE) ? early.split(NEXTPAGE).map((page) => page.trim()).join(`\n\n${NEXTPAGE}\n\n`) : early;
  const blocks = content.includes('<!-- wp:') ? curly(renderBlocks(parseBlocks(content) as BlockNode[], { footnotes: post.footnotes ?? [], notes })) : autop(curly(autoEmbed(content)));
  // A shortcode that printed nothing leaves no empty paragraph (as shortcode_unautop sees to).
  const html = expandShortcodes(blocks, post, false, notes).replace(/<p>\s*<\/p>\n?/g, '');
  const excerptHtml = post.excerptHtml !== '' || post.passwordProtected ? stripShortcodes(post.excerptHtml) : excerptOf(post.contentHtml);
  // A comment's text gets what WordPress's comment_text filters do that shows in Markdown: curly quotes and paragraphs.
  const comments = post.comments?.map((comment) => ({ ...comment, html: comment.html.trim() === '' ? '' : autop(curly(comment.html)) }));
  const prepared = { ...post, title: texturize(post.title), contentHtml: html, contentFormat: 'rendered' as const, excerptHtml: curly(excerptHtml), ...(comments ? { comments } : {}) };
  return { post: prepared, notes };
}
