import { htmlToText } from '../convert/text.js';
import { OUTPUT_DEFAULTS } from '../options.js';
import type { ExtractedPost } from '../post.js';
import { commentsMarkdown } from './comments.js';
import { frontMatterOf, jsonRecordOf, type FrontMatterScheme } from './fields.js';
import { renderFrontMatter, type FrontMatterStyle } from './frontmatter.js';

export {
  FRONT_MATTER_FIELDS,
  FRONT_MATTER_SCHEMES,
  JSON_FIELDS,
  frontMatterOf,
  isQueryPermalink,
  jsonRecordOf,
  sitePath,
  type Field,
  type FrontMatter,
  type FrontMatterScheme,
} from './fields.js';
export { FRONT_MATTER_STYLES, renderFrontMatter, type FrontMatterStyle } from './frontmatter.js';

/** Output formats. */
export type OutputFormat = 'md' | 'mdx' | 'json' | 'ndjson' | 'text';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['md', 'mdx', 'json', 'ndjson', 'text'];

/**
 * Whether a format prints the post's cleaned HTML (JSON's `html`, plain text made from it).
 * Markdown does not: a run writing it need not serialise each cleaned tree back to HTML.
 */
export const READS_HTML: Readonly<Record<OutputFormat, boolean>> = Object.freeze({ md: false, mdx: false, json: true, ndjson: true, text: true });

/** How to render; each field defaults to OUTPUT_DEFAULTS (`md`, `yaml`, `default`). */
export type RenderOptions = Partial<RenderSettings>;

/** Markdown with front matter; exactly one final newline. */
export function renderMarkdown(
  post: ExtractedPost,
  frontMatter: FrontMatterStyle = OUTPUT_DEFAULTS.frontMatter,
  scheme: FrontMatterScheme = OUTPUT_DEFAULTS.scheme,
): string {
  const head = renderFrontMatter(frontMatter, frontMatterOf(post, scheme));
  const thread = post.comments ? commentsMarkdown(post.comments) : '';
  const body = thread === '' ? post.markdown : post.markdown === '' ? thread : `${post.markdown}\n${thread}`;
  if (head === '') return body;
  return body === '' ? head : `${head}\n${body}`;
}

/** What {@link renderOne} needs to know. */
export interface RenderSettings {
  format: OutputFormat;
  frontMatter: FrontMatterStyle;
  scheme: FrontMatterScheme;
}

/**
 * One post in an output format: Markdown with front matter, plain text, or its JSON record
 * (indented for `json`, on one line for `ndjson`). No final newline: how posts are joined is
 * the output's business (see {@link joinRendered}). Empty when there is nothing to show.
 */
export function renderOne(post: ExtractedPost, settings: RenderSettings): string {
  switch (settings.format) {
    case 'json':
      return JSON.stringify(jsonRecordOf(post), null, 2);
    case 'ndjson':
      return JSON.stringify(jsonRecordOf(post));
    case 'text':
      return htmlToText(post.html).replace(/\n$/, '');
    case 'md':
    case 'mdx':
      return renderMarkdown(post, settings.frontMatter, settings.scheme).replace(/\n$/, '');
  }
}

/** Between two posts of plain text: a line holding a form feed, the page break of plain text. */
export const TEXT_SEPARATOR = '\f\n';

/**
 * How rendered posts follow each other: the text before each one, given whether it is the
 * first, and the text that closes the output. A JSON list is written as it comes, so that a
 * large archive is never held whole.
 */
export function joinRendered(format: OutputFormat, list: boolean): { before(first: boolean): string; after(text: string): string; close(count: number): string } {
  switch (format) {
    case 'json':
      if (!list) return { before: () => '', after: (text) => `${text}\n`, close: () => '' };
      return {
        before: (first) => (first ? '[\n' : ',\n'),
        after: (text) => text.replace(/^/gm, '  '),
        close: (count) => (count === 0 ? '[]\n' : '\n]\n'),
      };
    case 'ndjson':
      return { before: () => '', after: (text) => `${text}\n`, close: () => '' };
    case 'text':
      return { before: (first) => (first ? '' : TEXT_SEPARATOR), after: (text) => `${text}\n`, close: () => '' };
    case 'md':
    case 'mdx':
      return { before: (first) => (first ? '' : '\n'), after: (text) => `${text}\n`, close: () => '' };
  }
}

/**
 * Renders the posts of one input. `list` says whether the input held a list: JSON output is
 * then an array. Markdown documents are separated by a blank line, plain texts by a form feed
 * line; NDJSON is one compact object per line. The result ends in exactly one newline, or is
 * empty.
 */
export function renderPosts(posts: readonly ExtractedPost[], list: boolean, options: RenderOptions = {}): string {
  const settings: RenderSettings = { ...OUTPUT_DEFAULTS, ...options };
  const join = joinRendered(settings.format, list);
  let out = '';
  let count = 0;
  for (const post of list ? posts : posts.slice(0, 1)) {
    const text = renderOne(post, settings);
    if (text === '' && settings.format !== 'json' && settings.format !== 'ndjson') continue;
    out += join.before(count === 0) + join.after(text);
    count++;
  }
  return out + join.close(count);
}
