import TurndownService from 'turndown';
import { MARKDOWN_RULES, type MarkdownRule } from './rules.js';

export { MARKDOWN_RULES, type MarkdownRule } from './rules.js';

/** Options of the Markdown conversion. */
export interface MarkdownOptions {
  /**
   * Rules to use, in order of precedence.
   * @default MARKDOWN_RULES
   */
  rules?: readonly MarkdownRule[];
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
  const rules = options.rules ?? MARKDOWN_RULES;
  // turndown gives the most recently added rule precedence, so add the table back to front.
  for (const rule of [...rules].reverse()) {
    service.addRule(rule.name, { filter: rule.filter, replacement: rule.replacement });
  }
  return {
    toMarkdown(html) {
      if (html.trim() === '') return '';
      const trimmed = service.turndown(html).replace(/^\n+/, '').replace(/\s+$/, '');
      return trimmed === '' ? '' : `${trimmed}\n`;
    },
  };
}
