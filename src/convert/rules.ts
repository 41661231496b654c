import type TurndownService from 'turndown';

/** A named Markdown rule: a turndown rule with a name and a one-line description. */
export interface MarkdownRule extends TurndownService.Rule {
  name: string;
  description: string;
}

const textOf = (node: TurndownService.Node): string => node.textContent ?? '';

/** Longest run of backticks in a text, so a fence can be made longer than any of them. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/** A fenced block whose fence is longer than any backtick run inside, so code stays exact. */
export function fence(code: string, language = ''): string {
  const marks = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  const body = code.replace(/\n$/, '');
  return `\n\n${marks}${language}\n${body}\n${marks}\n\n`;
}

/** The language named by a `language-x` or `lang-x` class on the element or its `<code>`. */
export function codeLanguage(node: HTMLElement): string {
  const classes = `${node.getAttribute('class') ?? ''} ${node.querySelector?.('code')?.getAttribute('class') ?? ''}`;
  const match = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(classes);
  return match?.[1] ?? '';
}

/**
 * The rules wp-extract adds to turndown's defaults, in order of precedence: an earlier rule
 * wins over a later one when both match (see `createConverter`).
 */
export const MARKDOWN_RULES: readonly MarkdownRule[] = Object.freeze([
  {
    name: 'preformatted',
    description: '<pre> (with or without <code>) becomes a fenced block with its exact text',
    filter: 'pre',
    replacement: (_content: string, node: TurndownService.Node) => fence(textOf(node), codeLanguage(node as HTMLElement)),
  },
  {
    name: 'strikethrough',
    description: '<del>, <s> and <strike> become ~~text~~',
    filter: (node) => node.nodeName === 'DEL' || node.nodeName === 'S' || node.nodeName === 'STRIKE',
    replacement: (content: string) => (content.trim() === '' ? content : `~~${content}~~`),
  },
]);
