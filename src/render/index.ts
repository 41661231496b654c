import type { ExtractedPost } from '../post.js';
import { DEFAULT_FIELDS } from './fields.js';
import { FORMATS, type RenderSettings } from './formats.js';

export {
  DEFAULT_FIELDS,
  FRONT_MATTER_FIELDS,
  JSON_FIELDS,
  frontMatterOf,
  isDraft,
  isQueryPermalink,
  jsonRecordOf,
  sitePath,
  termNames,
  type Field,
  type FrontMatter,
  type FrontMatterField,
} from './fields.js';
export { FRONT_MATTER_STYLES, renderFrontMatter, type FrontMatterStyle } from './frontmatter.js';
export { FORMATS, OUTPUT_FORMATS, TEXT_SEPARATOR, renderDocument, renderMarkdown, type Dialect, type Format, type Joiner, type OutputFormat, type RenderSettings } from './formats.js';

/** The render stage's own defaults, for library callers that leave a setting out: Markdown, YAML, wp-extract's keys. */
export const RENDER_DEFAULTS: Readonly<RenderSettings> = Object.freeze({ format: 'md', frontMatter: 'yaml', fields: DEFAULT_FIELDS });

/** How to render; each field defaults to RENDER_DEFAULTS. */
export type RenderOptions = Partial<RenderSettings>;

/**
 * One post in an output format: Markdown with front matter, plain text, or its JSON record
 * (indented for `json`, on one line for `ndjson`). No final newline: how posts are joined is
 * the output's business (see {@link Format.join}). Empty when there is nothing to show.
 */
export function renderOne(post: ExtractedPost, settings: RenderSettings): string {
  return FORMATS[settings.format].render(post, settings);
}

/**
 * Renders the posts of one input. `list` says whether the input held a list: JSON output is
 * then an array. Markdown documents are separated by a blank line, plain texts by a form feed
 * line; NDJSON is one compact object per line. The result ends in exactly one newline, or is
 * empty.
 */
export function renderPosts(posts: readonly ExtractedPost[], list: boolean, options: RenderOptions = {}): string {
  const settings: RenderSettings = { ...RENDER_DEFAULTS, ...options };
  const format = FORMATS[settings.format];
  const join = format.join(list);
  let out = '';
  let count = 0;
  for (const post of list ? posts : posts.slice(0, 1)) {
    const text = format.render(post, settings);
    if (text === '' && !format.records) continue;
    out += join.before(count === 0) + join.after(text);
    count++;
  }
  return out + join.close(count);
}
