import { isSafeImage } from '../../url-safety.js';
import { hugoSafeCode } from '../hugo.js';
import { fenceLanguage } from '../languages.js';
import { destination, linkText } from './media.js';
import { classesOf, hasClass, preformattedText, withoutHardBreaks, type MarkdownRule, type DomElement } from './types.js';

/** Longest run of a character in a text, so a fence can be made longer than any run inside. */
function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A fenced block whose fence is longer than any backtick run inside, so code stays exact. */
export function fence(code: string, language = ''): string {
  const marks = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
  const body = code.replace(/\n$/, '');
  return `\n\n${marks}${language}\n${body}\n${marks}\n\n`;
}

/**
 * The language of a code block, from the conventions of the highlighters WordPress sites use:
 * `language-x` / `lang-x` (Gutenberg, Prism, highlight.js, prettify's `prettyprint lang-x`),
 * SyntaxHighlighter's `brush: x`, Crayon's `lang:x`, highlight.js's `hljs x`, WP-Syntax's
 * `lang="x"` (and the `<pre class="x">` GeSHi prints inside `.wp_syntax`), and `data-lang` /
 * `data-enlighter-language`; a highlighter's own alias (`brush: jscript`, `lang:py`) named as
 * fences name it (`javascript`, `python`).
 */
export function codeLanguage(pre: DomElement): string {
  const code = pre.querySelector('code');
  for (const node of code ? [code, pre] : [pre]) {
    const className = node.getAttribute('class') ?? '';
    const named = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(className)?.[1];
    if (named) return clean(named);
    const brush = /(?:^|[\s;])(?:brush\s*:|lang:)\s*([\w+#.-]+)/.exec(className)?.[1];
    if (brush) return fenceLanguage(brush);
    const attribute = node.getAttribute('lang');
    if (attribute) return fenceLanguage(attribute);
    if (node === pre && node.parentNode && closestClass(node, 'wp_syntax')) {
      const only = classesOf(node);
      if (only.length === 1 && only[0]) return fenceLanguage(only[0]);
    }
    const tokens = classesOf(node);
    if (tokens.includes('hljs')) {
      const other = tokens.find((t) => t !== 'hljs' && !t.startsWith('wp-') && !t.startsWith('has-'));
      if (other) return clean(other);
    }
    const data = node.getAttribute('data-lang') ?? node.getAttribute('data-language') ?? node.getAttribute('data-enlighter-language');
    if (data) return clean(data);
  }
  return '';
}

const clean = (language: string): string => {
  const lower = language.toLowerCase();
  return lower === 'none' || lower === 'plain' || lower === 'plaintext' || lower === 'text' ? '' : lower;
};

/** Whether an ancestor has a class. */
function closestClass(node: DomElement, name: string): boolean {
  for (let current = node.parentNode; current; current = current.parentNode) if (hasClass(current, name)) return true;
  return false;
}

export const codeRules: MarkdownRule[] = [
  {
    name: 'verse',
    description: 'poetry (pre.wp-block-verse) keeps its lines as hard breaks, with its inline formatting',
    filter: (node) => node.nodeName === 'PRE' && hasClass(node, 'wp-block-verse'),
    replacement: (content) => {
      const lines = withoutHardBreaks(content)
        .replace(/^\n+|\n+$/g, '')
        .split('\n')
        .map((line) => line.replace(/\s+$/, '').replace(/^ +/, (spaces) => '\u00a0'.repeat(spaces.length)));
      // Lines of a stanza end in hard breaks (a backslash); a blank line parts stanzas (no break before it).
      const stanzas = lines.join('\n').split(/\n{2,}/).map((stanza) => stanza.split('\n').join('\\\n'));
      return `\n\n${stanzas.join('\n\n')}\n\n`;
    },
  },
  {
    name: 'code-block',
    description: '<pre> (Gutenberg code and preformatted blocks, SyntaxHighlighter, highlight.js, Prism, bare <pre>) becomes a fenced block with its language and its exact text; an image in it is shown as the image',
    filter: 'pre',
    replacement: (_content, node, context) => {
      // HTML ignores a newline right after <pre>.
      const first = node.firstChild;
      const text = preformattedText(node);
      const code = first?.nodeType === 3 && /^\r?\n/.test(first.nodeValue ?? '') ? text.replace(/^\r?\n/, '') : text;
      // An image in a <pre> (a screenshot in a post's "code") is shown as the image, after the code.
      const images = node.querySelectorAll('img').flatMap((img) => {
        const src = img.getAttribute('src') ?? '';
        return src !== '' && isSafeImage(src) ? [`![${linkText(img.getAttribute('alt') ?? '', context.mdx)}](${destination(src)})`] : [];
      });
      const block = fence(context.hugo ? hugoSafeCode(code) : code, codeLanguage(node));
      if (images.length === 0) return block;
      const shown = `${images.join('\n\n')}\n\n`;
      return code.trim() === '' ? `\n\n${shown}` : `${block.trimEnd()}\n\n${shown}`;
    },
  },
];
