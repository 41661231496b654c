import { INLINE } from './inline.js';
import { closest, type MarkdownRule, type DomElement, type DomNode } from './types.js';

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

export const blockRules: MarkdownRule[] = [
  {
    name: 'line-break',
    description: '<br> is a hard line break, two or more in a row a paragraph break; those that end their block are dropped',
    filter: 'br',
    replacement: (_content, node, _context, options) => {
      // The last <br> of a run speaks for the run.
      if (siblingPastSpace(node, 'nextSibling')?.nodeName === 'BR' || !followedByContent(node)) return '';
      return siblingPastSpace(node, 'previousSibling')?.nodeName === 'BR' ? '\n\n' : `${options.br ?? '  '}\n`;
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
    replacement: (content, node) => {
      const summary = node.querySelector('summary')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      const body = content.trim();
      const head = summary ? `<summary>${escapeHtml(summary)}</summary>` : '';
      return `\n\n<details>\n${head}\n\n${body}\n\n</details>\n\n`;
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

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
