import TurndownService from 'turndown';
import { escapeMarkdown } from './escape.js';
import { MARKDOWN_RULES, type ConvertContext, type ImageSize, type MarkdownRule } from './rules/index.js';

export { MARKDOWN_RULES, type ImageSize, type MarkdownRule } from './rules/index.js';

/** Options of the Markdown conversion. */
export interface MarkdownOptions {
  /**
   * Rules to use, in order of precedence.
   * @default MARKDOWN_RULES
   */
  rules?: readonly MarkdownRule[];
  /**
   * Which address an image with a `srcset` gets: its own `src`, or the widest candidate.
   * @default 'src'
   */
  imageSize?: ImageSize;
}

/** A configured HTML-to-Markdown converter. */
export interface Converter {
  /** Converts cleaned HTML to a Markdown body ending in exactly one newline ("" when empty). */
  toMarkdown(html: string): string;
}

/** The turndown options wp-extract fixes: ATX headings, fenced code, `-` bullets. */
export const TURNDOWN_OPTIONS: Readonly<TurndownService.Options> = Object.freeze({
  headingStyle: 'atx',
  hr: '---',
  bulletListMarker: '-',
  codeBlockStyle: 'fenced',
  fence: '```',
  emDelimiter: '_',
  strongDelimiter: '**',
  linkStyle: 'inlined',
});

/** Builds a converter. Nothing is built at import time. */
export function createConverter(options: MarkdownOptions = {}): Converter {
  const service = new TurndownService({ ...TURNDOWN_OPTIONS });
  service.escape = escapeMarkdown;
  const context: ConvertContext = { imageSize: options.imageSize ?? 'src', footnotes: new Map() };
  const rules = options.rules ?? MARKDOWN_RULES;
  // turndown gives the most recently added rule precedence, so add the table back to front.
  for (const rule of [...rules].reverse()) {
    service.addRule(rule.name, {
      filter: rule.filter,
      replacement: (content, node, turndownOptions) =>
        rule.replacement(content, node as HTMLElement, context, turndownOptions),
    });
  }
  return {
    toMarkdown(html) {
      if (html.trim() === '') return '';
      context.footnotes.clear();
      let markdown = service.turndown(html);
      if (context.footnotes.size > 0) {
        const notes = [...context.footnotes].sort(([a], [b]) => a - b).map(([n, text]) => `[^${n}]: ${text}`);
        markdown = `${markdown.trimEnd()}\n\n${notes.join('\n')}`;
      }
      const trimmed = markdown.replace(/^\n+/, '').replace(/\s+$/, '');
      return trimmed === '' ? '' : `${trimmed}\n`;
    },
  };
}
