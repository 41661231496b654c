import { collapseWhitespace } from '../../html/index.js';
import { isSafeImage, isSafeLink } from '../../url-safety.js';
import { replaceWithLink } from '../dom.js';
import { htmlToJsx } from '../jsx.js';
import { markAddress } from '../links.js';
import { delimit } from './inline.js';
import { closest, withoutHardBreaks, type MarkdownRule, type DomElement } from './types.js';

/** Elements that a GFM pipe-table cell cannot hold. */
const BLOCKS_IN_CELLS = 'table, ul, ol, pre, blockquote, h1, h2, h3, h4, h5, h6, hr, dl, details';

/** Elements dropped from a table that stays HTML. */
const NOT_IN_KEPT_TABLES =
  'script, style, template, noscript, iframe, frame, frameset, object, embed, applet, svg, math, canvas, video, audio, source, track, form, input, button, select, textarea, link, meta, base';

/** Attributes kept when a table (or a reversed list) stays HTML. */
const KEPT_ATTRIBUTES = new Set(['colspan', 'rowspan', 'href', 'src', 'alt', 'title', 'scope', 'headers', 'reversed', 'start']);

/** The rows of a table, not those of tables nested in it. */
function rowsOf(table: DomElement): DomElement[] {
  return Array.from(table.querySelectorAll('tr')).filter((row) => closest(row.parentNode, 'TABLE') === table);
}

function cellsOf(row: DomElement): DomElement[] {
  return Array.from(row.children).filter((cell) => cell.nodeName === 'TD' || cell.nodeName === 'TH');
}

/** A cell that holds nothing but a rule: old tables use such rows as separators. */
const isRuleOnly = (cell: DomElement): boolean =>
  (cell.textContent ?? '').trim() === '' && Array.from(cell.querySelectorAll('*')).every((el) => el.nodeName === 'HR');

/** Whether a cell's whole text is bold (a header row written without `<th>`, as 23 of 27 real tables were). */
const allBold = (cell: DomElement): boolean => {
  const text = (cell.textContent ?? '').replace(/\s+/g, '');
  const bold = Array.from(cell.querySelectorAll('strong, b'))
    .filter((el) => closest(el.parentNode, 'STRONG') === null && closest(el.parentNode, 'B') === null)
    .map((el) => el.textContent ?? '')
    .join('')
    .replace(/\s+/g, '');
  return text === '' || text === bold;
};

/**
 * The row a pipe table takes as its header: the first, when it is in `<thead>`, all `<th>`,
 * or (a table without `<thead>`) all bold, with some text; otherwise the table has none.
 */
function headerRow(table: DomElement): DomElement | null {
  const first = rowsOf(table)[0];
  if (!first) return null;
  const cells = cellsOf(first);
  if (cells.length === 0) return null;
  if (closest(first.parentNode, 'THEAD') !== null || cells.every((cell) => cell.nodeName === 'TH')) return first;
  const boldRow = rowsOf(table).length > 1 && cells.some((cell) => (cell.textContent ?? '').trim() !== '') && cells.every(allBold);
  return boldRow && table.querySelector('thead') === null ? first : null;
}

/** A `<th>` outside the header row (a row header): a pipe table has header cells only in its header row. */
function isRowHeader(cell: DomElement): boolean {
  const table = closest(cell.parentNode, 'TABLE');
  return cell.nodeName === 'TH' && table !== null && headerRow(table) !== cell.parentNode;
}

/** Whether a table can be written as a GFM pipe table. */
export function isPipeTable(table: DomElement): boolean {
  return rowsOf(table).every((row) =>
    cellsOf(row).every((cell) => isRuleOnly(cell) || !cell.querySelector(BLOCKS_IN_CELLS)),
  );
}

/**
 * An element as HTML without presentation attributes, for what Markdown cannot hold (a table
 * whose cells hold blocks, a reversed list).
 */
export function keptHtml(element: DomElement, mdx = false): string {
  const copy = element.cloneNode(true) as DomElement;
  // Nothing that runs, embeds or asks for input stays in the HTML; an image becomes a link to
  // it, so the only raw HTML left is the table's own.
  for (const element of copy.querySelectorAll(NOT_IN_KEPT_TABLES)) element.parentNode?.removeChild(element);
  for (const img of copy.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const text = img.getAttribute('alt')?.trim() || 'image';
    replaceWithLink(img, isSafeImage(src) && src !== '' ? src : null, text);
  }
  for (const element of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
    for (const name of Array.from(element.attributes, (a) => a.name)) {
      const value = element.getAttribute(name) ?? '';
      const unsafe = (name === 'href' && !isSafeLink(value)) || (name === 'src' && !isSafeImage(value));
      if (!KEPT_ATTRIBUTES.has(name) || unsafe) element.removeAttribute(name);
      else if ((name === 'href' || name === 'src') && /^https?:\/\//i.test(value)) element.setAttribute(name, markAddress(value, 'attribute'));
    }
  }
  const html = copy.outerHTML.replace(/\n{2,}/g, '\n');
  // MDX reads a line that starts a block as Markdown again: one line of JSX holds it whole.
  return mdx ? htmlToJsx(html).replace(/\n+/g, ' ') : html;
}

/** The delimiter of a column, aligned as its header cell is (style, Gutenberg class, or `align`). */
function alignment(cell: DomElement | undefined): string {
  const hints = `${cell?.getAttribute('style') ?? ''} ${cell?.getAttribute('class') ?? ''} align-${cell?.getAttribute('align') ?? ''}`;
  if (/text-align:\s*center|has-text-align-center|align-center/.test(hints)) return ':---:';
  if (/text-align:\s*right|has-text-align-right|align-right/.test(hints)) return '---:';
  return '---';
}

/**
 * GFM tables. Cells write `| content `, rows close with `|` on their own line, and the table
 * rule pads rows to the widest, adds the delimiter row after the header row (the `<thead>` row,
 * or a first row of `<th>` cells; else an empty header row), and puts the caption after the table. Rows with no text go. A table
 * whose cells hold blocks stays as clean HTML; an empty one disappears.
 */
export const tableRules: MarkdownRule[] = [
  {
    name: 'table-cell',
    description: 'a cell: line breaks become <br>, pipes are escaped, colspan adds empty cells; a header cell below the header row (a row header) is bold',
    filter: ['th', 'td'],
    replacement: (content, node, context) => {
      const cell = (isRuleOnly(node) ? '' : content).trim();
      const text = withoutHardBreaks(isRowHeader(node) && cell !== '' ? delimit(cell, node, ['**']) : cell)
        .replace(/\s*\n+\s*/g, context.mdx ? '<br />' : '<br>')
        .replace(/(?<!\\)\|/g, '\\|');
      const span = Math.min(Number(node.getAttribute('colspan') ?? '1') || 1, 100);
      return `| ${text} ${'|  '.repeat(span - 1)}`;
    },
  },
  {
    name: 'table-row',
    description: 'a row: its cells on one line',
    filter: 'tr',
    replacement: (content) => `\n${content}|\n`,
  },
  {
    name: 'table-section',
    description: '<thead>, <tbody>, <tfoot>: their rows',
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  },
  {
    name: 'table-caption',
    description: '<caption>: written after the table by the table rule',
    filter: 'caption',
    replacement: () => '',
  },
  {
    name: 'table',
    description: 'a table becomes a GFM pipe table with its caption after it, or stays clean HTML when its cells hold blocks',
    filter: 'table',
    replacement: (content, node, context) => {
      const rows = rowsOf(node);
      if (rows.every((row) => cellsOf(row).length === 0)) return '';
      if (!isPipeTable(node)) return `\n\n${keptHtml(node, context.mdx)}\n\n`;
      // Rows left with no text at all (separator rows of old layouts) are dropped.
      const lines = content.split('\n').filter((line) => line.replace(/[|\s]/g, '') !== '');
      if (lines.length === 0) return '';
      const count = (line: string): number => (line.match(/(?<!\\)\|/g)?.length ?? 1) - 1;
      const width = Math.max(...lines.map(count));
      const padded = lines.map((line) => `${line.slice(0, -1)}${'|  '.repeat(width - count(line))}|`);
      const header = rows[0];
      const headerCells = header ? cellsOf(header) : [];
      const delimiter = `| ${Array.from({ length: width }, (_, i) => alignment(headerCells[i])).join(' | ')} |`;
      const caption = collapseWhitespace(node.querySelector('caption')?.textContent ?? '');
      // A table without a header row gets an empty one: its first row is data, not a header.
      const headless = headerRow(node) === null;
      const head = headless ? [`|${'  |'.repeat(width)}`, delimiter] : [padded[0], delimiter];
      const table = [...head, ...padded.slice(headless ? 0 : 1)].join('\n');
      return `\n\n${table}\n\n${caption ? `${caption}\n\n` : ''}`;
    },
  },
];
