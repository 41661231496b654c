import { htmlToText } from '../convert/text.js';
import type { ExtractedPost } from '../post.js';
import { frontMatterOf, jsonRecordOf, type FrontMatterScheme } from './fields.js';
import { renderFrontMatter, type FrontMatterStyle } from './frontmatter.js';

export {
  FRONT_MATTER_FIELDS,
  FRONT_MATTER_SCHEMES,
  JSON_FIELDS,
  frontMatterOf,
  jsonRecordOf,
  type Field,
  type FrontMatter,
  type FrontMatterScheme,
} from './fields.js';
export { FRONT_MATTER_STYLES, renderFrontMatter, type FrontMatterStyle } from './frontmatter.js';

/** Output formats. */
export type OutputFormat = 'md' | 'json' | 'ndjson' | 'text';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['md', 'json', 'ndjson', 'text'];

export interface RenderOptions {
  /** @default 'md' */
  format?: OutputFormat;
  /** Front matter for `md`. @default 'yaml' */
  frontMatter?: FrontMatterStyle;
  /** Front matter keys for `md`. @default 'default' */
  scheme?: FrontMatterScheme;
}

/** Markdown with front matter; exactly one final newline. */
export function renderMarkdown(
  post: ExtractedPost,
  frontMatter: FrontMatterStyle = 'yaml',
  scheme: FrontMatterScheme = 'default',
): string {
  const head = renderFrontMatter(frontMatter, frontMatterOf(post, scheme));
  if (head === '') return post.markdown === '' ? '' : post.markdown;
  return post.markdown === '' ? head : `${head}\n${post.markdown}`;
}

/**
 * Renders the posts of one input. `list` says whether the input held a list: JSON output is
 * then an array. Markdown and text documents are separated by a blank line; NDJSON is one
 * compact object per line. The result ends in exactly one newline, or is empty.
 */
export function renderPosts(posts: readonly ExtractedPost[], list: boolean, options: RenderOptions = {}): string {
  const format = options.format ?? 'md';
  switch (format) {
    case 'json': {
      const records = posts.map(jsonRecordOf);
      return `${JSON.stringify(list ? records : records[0] ?? null, null, 2)}\n`;
    }
    case 'ndjson':
      return posts.map((p) => `${JSON.stringify(jsonRecordOf(p))}\n`).join('');
    case 'text':
      return posts.map((p) => htmlToText(p.html)).filter((t) => t !== '').join('\n');
    case 'md':
      return posts
        .map((p) => renderMarkdown(p, options.frontMatter ?? 'yaml', options.scheme))
        .filter((t) => t !== '')
        .join('\n');
  }
}
