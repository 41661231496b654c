import type { Dialect } from '../convert/markdown.js';
import { shiftLinks, type LinkSpan } from '../convert/links.js';
import { htmlToText } from '../convert/text.js';
import type { ExtractedPost } from '../post.js';
import { commentsMarkdown } from './comments.js';
import { DEFAULT_FIELDS, frontMatterOf, jsonRecordOf, type FrontMatterField } from './fields.js';
import { renderFrontMatter, type FrontMatterStyle } from './frontmatter.js';

/** Output formats. */
export type OutputFormat = 'md' | 'mdx' | 'json' | 'ndjson' | 'text';
export type { Dialect };


/** What rendering needs to know: the format, and for Markdown the front matter's style and keys. */
export interface RenderSettings {
  format: OutputFormat;
  frontMatter: FrontMatterStyle;
  /** The front matter keys (a target's, see src/targets/). */
  fields: readonly FrontMatterField[];
}

/** How rendered posts follow each other: the text before each one, given whether it is the first, each one's own text, and what closes the output. */
export interface Joiner {
  before(first: boolean): string;
  after(text: string): string;
  close(count: number): string;
}

/** One output format: everything that differs from one to the next, in one object. */
export interface Format {
  readonly name: OutputFormat;
  /** Whether it prints the cleaned HTML (JSON's `html`, text made from it): Markdown runs need not serialise each cleaned tree. */
  readonly printsHtml: boolean;
  /** Whether each post is a record, printed even when empty (JSON, NDJSON), rather than a document left out when empty. */
  readonly records: boolean;
  /** The extension of its files with `--output`, or null when it only prints. */
  readonly extension: '.md' | '.mdx' | null;
  /** The Markdown the converter writes for it. */
  readonly dialect: Dialect;
  /** One post, without a final newline; empty when there is nothing to show. */
  render(post: ExtractedPost, settings: RenderSettings): string;
  /** How posts are joined, given whether the input held a list. */
  join(list: boolean): Joiner;
}

/** Markdown with front matter; exactly one final newline. */
export function renderMarkdown(post: ExtractedPost, frontMatter: FrontMatterStyle = 'yaml', fields: readonly FrontMatterField[] = DEFAULT_FIELDS): string {
  return renderDocument(post, frontMatter, fields).text;
}

/** Markdown with front matter, and where each address of the post's Markdown stands in it. */
export function renderDocument(post: ExtractedPost, frontMatter: FrontMatterStyle, fields: readonly FrontMatterField[]): { text: string; links: LinkSpan[] } {
  const head = renderFrontMatter(frontMatter, frontMatterOf(post, fields));
  const thread = post.comments ? commentsMarkdown(post.comments) : '';
  const body = thread === '' ? post.markdown : post.markdown === '' ? thread : `${post.markdown}\n${thread}`;
  const bodyAt = head === '' || body === '' ? 0 : head.length + 1;
  const links = post.links && post.markdown !== '' ? shiftLinks(post.links, bodyAt) : [];
  if (head === '') return { text: body, links };
  return { text: body === '' ? head : `${head}\n${body}`, links };
}

/** Between two posts of plain text: a line holding a form feed, the page break of plain text. */
export const TEXT_SEPARATOR = '\f\n';

const eachOnItsLine: Joiner = { before: () => '', after: (text) => `${text}\n`, close: () => '' };

const markdownFormat = (name: 'md' | 'mdx', extension: '.md' | '.mdx', dialect: Dialect): Format => ({
  name,
  printsHtml: false,
  records: false,
  extension,
  dialect,
  render: (post, settings) => renderMarkdown(post, settings.frontMatter, settings.fields).replace(/\n$/, ''),
  // Documents are separated by a blank line.
  join: () => ({ before: (first) => (first ? '' : '\n'), after: (text) => `${text}\n`, close: () => '' }),
});

/** The output formats, by the name `-f` takes. */
export const FORMATS: Readonly<Record<OutputFormat, Format>> = Object.freeze({
  md: markdownFormat('md', '.md', 'markdown'),
  mdx: markdownFormat('mdx', '.mdx', 'mdx'),
  json: {
    name: 'json',
    printsHtml: true,
    records: true,
    extension: null,
    dialect: 'markdown',
    render: (post) => JSON.stringify(jsonRecordOf(post), null, 2),
    // A list is written as it comes, so that a large archive is never held whole.
    join: (list) =>
      list
        ? { before: (first) => (first ? '[\n' : ',\n'), after: (text) => text.replace(/^/gm, '  '), close: (count) => (count === 0 ? '[]\n' : '\n]\n') }
        : eachOnItsLine,
  },
  ndjson: {
    name: 'ndjson',
    printsHtml: true,
    records: true,
    extension: null,
    dialect: 'markdown',
    render: (post) => JSON.stringify(jsonRecordOf(post)),
    join: () => eachOnItsLine,
  },
  text: {
    name: 'text',
    printsHtml: true,
    records: false,
    extension: null,
    dialect: 'markdown',
    render: (post) => htmlToText(post.html).replace(/\n$/, ''),
    join: () => ({ before: (first) => (first ? '' : TEXT_SEPARATOR), after: (text) => `${text}\n`, close: () => '' }),
  },
});

export const OUTPUT_FORMATS = Object.keys(FORMATS) as OutputFormat[];
