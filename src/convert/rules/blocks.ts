import { collapseWhitespace, escapeText } from '../../html/index.js';
import { isSafeImage } from '../../url-safety.js';
import { delimit, INLINE } from './inline.js';
import { jsxText } from '../jsx.js';
import { keptHtml } from './tables.js';
import { closest, hasClass, type MarkdownRule, type DomElement, type DomNode } from './types.js';

/** Whether anything visible follows a node before the end of its block. */
function followedByContent(node: DomNode): boolean {
  for (let current: DomNode | null = node; current; current = current.parentNode) {
    for (let next = current.nextSibling; next; next = next.nextSibling) {
      if (next.nodeType === 1 || (next.nodeType === 3 && (next.nodeValue ?? '').trim() !== '')) return true;
    }
    if (!current.parentNode || !INLINE.has(current.parentNode.nodeName)) return false;
  }
  return false;
}

/** The sibling next to a node in one direction, passing over white space. */
function siblingPastSpace(node: DomNode, direction: 'previousSibling' | 'nextSibling'): DomNode | null {
  let sibling = node[direction];
  while (sibling && sibling.nodeType === 3 && (sibling.nodeValue ?? '').trim() === '') sibling = sibling[direction];
  return sibling;
}

/** The nearest ancestor that is not inline. */
function closestBlock(node: DomNode): DomNode | null {
  let current = node.parentNode;
  while (current && INLINE.has(current.nodeName)) current = current.parentNode;
  return current;
}

/** The element before a node, passing over white space, when it is an element of this name. */
function previousIs(node: DomNode, name: string): boolean {
  return siblingPastSpace(node, 'previousSibling')?.nodeName === name;
}

/** The address of a cover block's background image, from its inline style. */
function backgroundImage(node: DomElement): string | null {
  return /background-image:\s*url\(\s*['"]?([^'")]+)['"]?\s*\)/i.exec(node.getAttribute('style') ?? '')?.[1] ?? null;
}

export const blockRules: MarkdownRule[] = [
  {
    name: 'reversed-list',
    description: 'an <ol reversed> stays minimal HTML: Markdown lists only count up',
    filter: (node) => node.nodeName === 'OL' && node.hasAttribute('reversed'),
    replacement: (_content, node, context) => `\n\n${keptHtml(node, context.mdx)}\n\n`,
  },
  {
    name: 'list',
    description: 'a list right after a list of the same kind is kept apart by an empty HTML comment (else Markdown merges them, renumbering the second)',
    filter: ['ul', 'ol'],
    replacement: (content, node, context) => {
      const parent = node.parentNode;
      if (parent?.nodeName === 'LI' && (parent as DomElement).lastElementChild === node) return `\n${content}`;
      // MDX has no HTML comments: an empty expression keeps the lists apart there.
      const apart = context.mdx ? '{/* */}' : '<!-- -->';
      return `\n\n${previousIs(node, node.nodeName) ? `${apart}\n\n` : ''}${content}\n\n`;
    },
  },
  {
    name: 'blockquote',
    description: 'quotes get "> " before each line, and ">" alone on a blank one (no trailing space)',
    filter: 'blockquote',
    replacement: (content) => `\n\n${content.replace(/^\n+|\n+$/g, '').replace(/^/gm, '> ').replace(/^> $/gm, '>')}\n\n`,
  },
  {
    name: 'caption',
    description: 'a caption (figcaption, .wp-caption-text) is set apart from the text in emphasis',
    filter: (node) => (node.nodeName === 'FIGCAPTION' || hasClass(node, 'wp-caption-text')) && closest(node.parentNode, 'BLOCKQUOTE') === null,
    replacement: (content, node) => (content.trim() === '' ? '' : `\n\n${delimit(content.trim(), node, ['_', '*'])}\n\n`),
  },
  {
    name: 'definition-list',
    description: 'in a <dl>, each term is a bold line and its definitions paragraphs under it',
    filter: (node) => (node.nodeName === 'DT' || node.nodeName === 'DD') && !hasClass(node.parentNode, 'gallery-item'),
    replacement: (content, node) => {
      const text = content.trim();
      if (text === '') return '';
      return node.nodeName === 'DT' ? `\n\n${delimit(text, node, ['**'])}\n` : `\n${text}\n\n`;
    },
  },
  {
    name: 'cover',
    description: "a cover block's background image (an inline style) is kept as an image before its text",
    filter: (node) => hasClass(node, 'wp-block-cover') && isSafeImage(backgroundImage(node) ?? 'javascript:'),
    replacement: (content, node) => `\n\n![](${backgroundImage(node) ?? ''})\n\n${content.trim()}\n\n`,
  },
  {
    name: 'math',
    description: 'MathML with a TeX annotation becomes $TeX$ ($$ for display math; in MDX, whose text cannot hold braces, $`TeX`$ and a math code block); without one, its text',
    filter: 'math',
    replacement: (content, node, context) => {
      const tex = node.querySelector('annotation[encoding="application/x-tex"]')?.textContent.trim();
      if (!tex) return content;
      if (node.getAttribute('display') === 'block') return context.mdx ? `\n\n\`\`\`math\n${tex}\n\`\`\`\n\n` : `\n\n$$\n${tex}\n$$\n\n`;
      const fence = '`'.repeat(Math.max(0, ...Array.from(tex.matchAll(/`+/g), (m) => m[0].length)) + 1);
      return context.mdx ? `$${fence}${tex}${fence}$` : `$${tex}$`;
    },
  },
  {
    name: 'line-break',
    description: '<br> is a hard line break (a backslash at the end of the line, which no editor trims), two or more in a row a paragraph break; those that end their block are dropped',
    filter: 'br',
    replacement: (_content, node, _context, options) => {
      // A heading is one line: a break in it is a space.
      if (/^H[1-6]$/.test(closestBlock(node)?.nodeName ?? '')) return ' ';
      // The last <br> of a run speaks for the run.
      if (siblingPastSpace(node, 'nextSibling')?.nodeName === 'BR' || !followedByContent(node)) return '';
      return siblingPastSpace(node, 'previousSibling')?.nodeName === 'BR' ? '\n\n' : `${options.br ?? '\\'}\n`;
    },
  },
  {
    name: 'list-item',
    description: 'list items use "- " and "N. " (from the list\'s start), nested lists indented under their text',
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as DomElement | null;
      let marker = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number.parseInt(parent.getAttribute('start') ?? '1', 10);
        const index = Array.from(parent.children).indexOf(node);
        marker = `${(Number.isNaN(start) ? 1 : start) + index}. `;
      }
      const pad = ' '.repeat(marker.length);
      const body = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '\n')
        .replace(/\n(?=.)/g, `\n${pad}`)
        .replace(/\n[ \t]+(?=\n)/g, '\n');
      return `${marker}${body}${node.nextSibling && !body.endsWith('\n') ? '\n' : ''}`;
    },
  },
  {
    name: 'details',
    description: '<details> stays a <details> block with its <summary>, its body in Markdown',
    filter: 'details',
    replacement: (content, node, context) => {
      const summary = collapseWhitespace(node.querySelector('summary')?.textContent ?? '');
      const body = content.trim();
      if (summary === '' && body === '') return '';
      const head = summary ? `<summary>${context.mdx ? jsxText(summary) : escapeText(summary)}</summary>\n` : '';
      return `\n\n<details>\n${head}${body === '' ? '' : `\n${body}\n\n`}</details>\n\n`;
    },
  },
  {
    name: 'summary',
    description: '<summary> is written by the details rule',
    filter: 'summary',
    replacement: () => '',
  },
  {
    name: 'quote-citation',
    description: 'the citation of a quote or pullquote becomes a "— source" line in the quote',
    filter: (node) => (node.nodeName === 'CITE' || node.nodeName === 'FIGCAPTION') && closest(node.parentNode, 'BLOCKQUOTE') !== null,
    replacement: (content) => (content.trim() === '' ? '' : `\n\n— ${content.trim()}\n\n`),
  },
  {
    name: 'sub-sup',
    description: '<sub> and <sup> stay inline HTML (GFM renders them; Markdown has no syntax)',
    filter: ['sub', 'sup'],
    replacement: (content, node) => {
      const tag = node.nodeName.toLowerCase();
      return content.trim() === '' ? '' : `<${tag}>${content}</${tag}>`;
    },
  },
  {
    name: 'strikethrough',
    description: '<del>, <s> and <strike> become ~~text~~',
    filter: (node) => node.nodeName === 'DEL' || node.nodeName === 'S' || node.nodeName === 'STRIKE',
    replacement: (content) => (content.trim() === '' ? content : `~~${content}~~`),
  },
];
