import { blockRules } from './blocks.js';
import { codeRules } from './code.js';
import { footnoteRules } from './footnotes.js';
import { inlineRules, meaningRules } from './inline.js';
import { linkRules, mediaRules } from './media.js';
import { tableRules } from './tables.js';
import type { MarkdownRule } from './types.js';

export type { ConvertContext, DomElement, DomNode, ImageSize, MarkdownRule } from './types.js';
export { codeLanguage, fence } from './code.js';

/**
 * The rules wp-extract adds to turndown's defaults, in order of precedence: when two match an
 * element, the earlier wins. Footnotes come before the list and link rules they would
 * otherwise meet, verse before code.
 */
export const MARKDOWN_RULES: readonly MarkdownRule[] = Object.freeze([
  ...footnoteRules,
  ...codeRules,
  ...tableRules,
  ...mediaRules,
  ...blockRules,
  ...inlineRules,
  ...meaningRules,
  ...linkRules,
]);
