import { cleanFragment, createCleaners, type CleanOptions, type CleanReport } from './clean/index.js';
import { readMoreLinks } from './clean/cleaners/excerpt.js';
import { count } from './clean/util.js';
import { createConverter, type MarkdownOptions } from './convert/markdown.js';
import { fragmentHtml, fragmentIsBlank } from './html/index.js';
import { preparePost } from './prepare/index.js';
import { originalFeatured, useOriginals } from './prepare/originals.js';
import { excerptText, plainExcerptText } from './convert/text.js';
import type { ExtractedPost, MetaValue, Post } from './post.js';
import type { CheerioAPI } from 'cheerio/slim';
import type { Document } from 'domhandler';

/** Options of the whole core: cleaning and conversion. */
export interface ExtractOptions extends CleanOptions, MarkdownOptions {
  /** Convert the post's approved comments too (`--comments`). @default false */
  comments?: boolean;
  /**
   * Custom fields to keep in `fields` (`--meta`), by key; `*` stands for every public one (a key
   * not starting with `_`).
   * @default []
   */
  meta?: readonly string[];
  /** Keep the cleaned HTML in `html`; false leaves it empty, for output that prints only Markdown. @default true */
  html?: boolean;
  /**
   * Note for the loss report what a post shows from elsewhere or lost on the way: images on
   * other hosts than the post's, content left empty, a page builder's data not converted.
   * @default false
   */
  losses?: boolean;
}

/** One post through the pure core, with what the cleaners did (for `--verbose`). */
export interface Extraction {
  post: ExtractedPost;
  reports: CleanReport[];
}

/** Cleans and converts posts with one configured cleaner list and converter. */
export interface Extractor {
  extract(post: Post): Extraction;
}

/**
 * Builds the core pipeline (prepare → clean → convert) once for a set of options. Throws `E_USAGE`
 * for unknown cleaner names or invalid selectors.
 */
export function createExtractor(options: ExtractOptions = {}): Extractor {
  const cleaners = createCleaners(options);
  const converter = createConverter(options);
  const userSelectors = (options.remove ?? []).length > 0;
  const full = options.imageSize === 'full';
  const keepHtml = options.html !== false;
  const excerptOf = (post: Post): string => {
    if (post.excerptHtml === '') return '';
    // WordPress strips shortcodes from excerpts itself; whatever is left is not worth a warning.
    const clean = (): string => excerptText(cleanFragment(post.excerptHtml, [...cleaners, readMoreLinks(post.link)], { base: post.link, shortcodes: 'strip' }).$);
    // The user's --remove selectors may match the paragraph itself.
    return (userSelectors ? null : plainExcerptText(post.excerptHtml)) ?? clean();
  };
  return {
    extract(input) {
      const { post, notes } = preparePost(input);
      for (const taxonomy of post.termsCut ?? []) count(notes, `terms cut short: ${taxonomy}`);
      const fields = selectFields(post, options.meta ?? [], notes);
      // One parse serves the cleaners, the cleaned HTML and the Markdown.
      const content = cleanFragment(post.contentHtml, cleaners, { base: post.link, shortcodes: options.shortcodes });
      const originals = full && post.originals ? useOriginals(content.$, post.originals) : 0;
      const unchanged = cleaners.length === 0 && content.reports.length === 0 && originals === 0;
      // Serialised before converting: turndown collapses white space in the tree it reads.
      const html = unchanged ? post.contentHtml : keepHtml ? fragmentHtml(content.$).trim() : null;
      const empty = html === null ? fragmentIsBlank(content.$) : html.trim() === '';
      const { markdown, links } = empty ? { markdown: '', links: [] } : converter.treeToDocument(content.$.root()[0] as Document);
      // The raw meta is consumed here (into `fields`): it is not carried on, nor sent back from a worker.
      const { comments, meta: _meta, metaRefused: _refused, ...rest } = post;
      if (options.losses) noteLosses(post, content.$, markdown, notes);
      return {
        post: {
          ...rest,
          excerpt: excerptOf(post),
          ...(full ? { featuredImage: originalFeatured(post) } : {}),
          html: keepHtml ? (html ?? '') : '',
          markdown,
          ...(links.length > 0 ? { links } : {}),
          ...(fields ? { fields } : {}),
          ...(options.comments ? { comments: (comments ?? []).map((c) => ({ ...c, markdown: converter.toMarkdown(c.html) })) } : {}),
        },
        // What preparing it left out or reduced (forms, galleries, embeds) is told once per run.
        reports: notes.size === 0 ? content.reports : [{ cleaner: 'prepare', counts: notes, tally: notes }, ...content.reports],
      };
    },
  };
}

/** Meta the body already holds: the footnotes block's notes. */
const IN_BODY = new Set(['footnotes']);

/** The custom fields asked for (`*`: every public key), empty values left out; a key asked for that could not be read is noted. */
function selectFields(post: Post, keys: readonly string[], notes: Map<string, number>): Record<string, MetaValue> | null {
  if (keys.length === 0) return null;
  const all = keys.includes('*');
  const named = new Set(keys.filter((key) => key !== '*'));
  const fields: Record<string, MetaValue> = {};
  for (const [key, value] of Object.entries(post.meta ?? {})) {
    if (!named.has(key) && !(all && !key.startsWith('_') && !IN_BODY.has(key))) continue;
    if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) continue;
    fields[key] = value;
  }
  for (const key of post.metaRefused ?? []) if (named.has(key) || (all && !key.startsWith('_'))) count(notes, `custom field not read: ${key}`);
  return Object.keys(fields).length > 0 ? fields : null;
}

/** What the loss report says of a post besides its shortcodes (see ExtractOptions.losses). */
function noteLosses(post: Post, $: CheerioAPI, markdown: string, notes: Map<string, number>): void {
  let own = '';
  try {
    own = post.link ? new URL(post.link).host : '';
  } catch {
    // no host of its own: every image is elsewhere
  }
  $('img[src]').each((_, img) => {
    const src = $(img).attr('src') ?? '';
    const host = /^https?:\/\/([^/?#]+)/i.exec(src)?.[1]?.toLowerCase();
    if (host && host !== own.toLowerCase()) count(notes, `image on another host: ${host}`);
  });
  if (post.builder) count(notes, `page builder data not converted: ${post.builder}`);
  if (markdown === '' && !post.passwordProtected) count(notes, 'content empty');
}
