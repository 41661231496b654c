import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, fragmentOf, select } from '../util.js';

/**
 * Layout tables that hold one image and its caption (Blogger's `tr-caption-container`, and
 * old editors' one-column tables): a figure, not a table of data. Made a `<figure>` with its
 * `<figcaption>`, which the Markdown writes as the image and its caption.
 */
export const imageTables: Cleaner = {
  name: 'image-tables',
  description: 'a one-column layout table of an image and its caption becomes a figure',
  present: /<table/i,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const table of select($, 'table', index)) {
      const t = $(table);
      const rows = t.find('tr').toArray().filter((row) => $(row).closest('table')[0] === table);
      const images = t.find('img');
      if (images.length !== 1 || t.find('table').length > 0 || rows.length === 0) continue;
      if (rows.some((row) => $(row).children('td, th').length > 1)) continue;
      const cells = rows.map((row) => $(row).children('td, th').first()).filter((cell) => cell.length > 0);
      const imageCell = cells.find((cell) => cell.find('img').length > 0);
      const captionCells = cells.filter((cell) => cell !== imageCell && cell.text().trim() !== '');
      if (!imageCell || imageCell.text().trim() !== '' || captionCells.length > 1) continue;
      const caption = captionCells[0];
      if (caption && caption.text().trim().length > 300) continue;
      const linked = images.first().closest('a');
      const picture = linked.length > 0 && linked.closest('table')[0] === table ? linked : images.first();
      const figure = $('<figure></figure>').append(picture.clone());
      if (caption) figure.append($('<figcaption></figcaption>').append(caption.contents().clone()));
      t.replaceWith(figure);
      count(counts, `table.${(table as Element).attribs.class?.split(/\s+/)[0] ?? 'layout'}`);
    }
    return counts;
  },
};

const HEADING = /^h[1-6]$/;

/**
 * A heading around list items (`<ol><h3><li>Title</li></h3>`): each item keeps its number and
 * the heading goes inside it (`1. ### Title`), as a browser shows it. The items it held are
 * returned, in order.
 */
function headingItems($: CheerioAPI, heading: Element): Element[] {
  const items = heading.children.filter((node): node is Element => node.type === 'tag' && node.name === 'li');
  for (const item of items) {
    const inner = $(`<${heading.name}></${heading.name}>`).attr(heading.attribs).append($(item).contents());
    $(item).append(inner);
  }
  $(heading).replaceWith(items);
  return items;
}

/** A child of a list that is a heading holding list items, and nothing else but white space. */
function isHeadingOfItems(node: Element): boolean {
  if (!HEADING.test(node.name)) return false;
  const kids = node.children.filter((kid) => kid.type === 'tag' || (kid.type === 'text' && (kid as Text).data.trim() !== ''));
  return kids.length > 0 && kids.every((kid) => kid.type === 'tag' && (kid as Element).name === 'li');
}

/**
 * Lists as old editors wrote them: a list nested straight in a list (`<li>Two</li><ol>…</ol>`)
 * and a stray block between items (a `<p>`) belong to the item before them, where a browser
 * shows them; left where they are, the nesting is lost and the numbers shift. A heading around
 * items stays a heading, inside each item.
 */
export const listStructure: Cleaner = {
  name: 'list-structure',
  description: 'a list nested straight in a list, or a block between its items, goes into the item before it; a heading around items goes inside them',
  present: /<\/li>\s*<(?:ol|ul|p|div|blockquote|pre|figure|table|h[1-6])\b|<h[1-6][^>]*>\s*<li\b/i,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const list of select($, 'ul, ol', index)) {
      let previous: Element | null = null;
      for (const child of [...list.children]) {
        if (child.type !== 'tag') continue;
        if (isHeadingOfItems(child)) {
          previous = headingItems($, child).at(-1) ?? previous;
          count(counts, 'heading around list items');
          continue;
        }
        if (child.name === 'li') {
          previous = child;
          continue;
        }
        if (previous === null) continue;
        $(previous).append(child);
        count(counts, `${child.name} between list items`);
      }
    }
    return counts;
  },
};

const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'figure', 'figcaption', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
const isBlock = (node: AnyNode): node is Element => node.type === 'tag' && BLOCK.has((node as Element).name);

/**
 * A link around blocks (`<a href><img><h3>Download now</h3></a>`, which HTML allows and
 * Markdown cannot write) becomes a link around each piece that can hold one: the image linked,
 * the heading's text linked, each paragraph's words linked. Without this, the Markdown showed
 * a lone `[`, the blocks, and `](…)` as text.
 */
export const blockLinks: Cleaner = {
  name: 'block-links',
  description: 'a link around blocks becomes a link around each piece inside them (the image, the heading text)',
  present: /<a\s[^>]*href[^>]*>\s*(?:<[^>]+>\s*)*<(?:h[1-6]|p|div|figure|ul|ol|blockquote|table)\b/i,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const link of select($, 'a[href]', index).reverse()) {
      if (!link.children.some(isBlock)) continue;
      // Taken out of the link first: the pieces are put where the link stood.
      const children = [...link.children];
      $(children).remove();
      $(link).replaceWith(linkedPieces($, link, children));
      count(counts, 'a around blocks');
    }
    return counts;
  },
};

/** The nodes with every run of inline content wrapped in a copy of the link, blocks entered. */
function linkedPieces($: CheerioAPI, link: Element, nodes: readonly AnyNode[]): AnyNode[] {
  const out: AnyNode[] = [];
  let run: AnyNode[] = [];
  const flush = (): void => {
    if (run.some((n) => n.type !== 'text' || (n as Text).data.trim() !== '')) {
      const copy = $('<a></a>').attr(link.attribs);
      copy.append(run);
      out.push(copy[0] as AnyNode);
    } else out.push(...run);
    run = [];
  };
  for (const node of nodes) {
    if (!isBlock(node)) {
      run.push(node);
      continue;
    }
    flush();
    if (!['hr', 'table', 'pre'].includes(node.name)) {
      const pieces = linkedPieces($, link, [...node.children]);
      $(node).empty().append(pieces);
    }
    out.push(node);
  }
  flush();
  return out;
}

/**
 * In-page targets the post's own links point to (`<a href="#fn-22-1">` to `<li id="fn-22-1">`,
 * a table of contents to its headings): each target gets an empty `<a id>` at its start, which
 * the Markdown keeps, so those links lead somewhere. An empty `<a name>` or `<a id>` that no link
 * points to is dropped.
 */
export const inPageTargets: Cleaner = {
  name: 'in-page-targets',
  description: 'the ids the post links to (#fragment) kept as an anchor the Markdown keeps; anchors nothing points to dropped',
  present: /href=["']?#/i,
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    const targets = new Set(
      $('a[href^="#"]')
        .toArray()
        .map((a) => fragmentOf(a.attribs.href ?? ''))
        .filter((id) => id !== ''),
    );
    for (const anchor of $('a:not([href])').toArray()) {
      const id = anchor.attribs.id ?? anchor.attribs.name ?? '';
      if (anchor.children.length > 0 || id === '') continue;
      if (targets.has(id)) continue;
      $(anchor).remove();
      count(counts, 'anchor nothing points to');
    }
    for (const element of $('[id]').toArray()) {
      const id = element.attribs.id ?? '';
      // Not a link (an anchor cannot hold one), nor Gutenberg's footnotes, which become [^n].
      if (!targets.has(id) || element.name === 'a' || $(element).closest('.wp-block-footnotes, sup.fn, sup[data-fn]').length > 0) continue;
      // The id moves to the anchor: an element keeps none once its anchor holds it.
      delete element.attribs.id;
      $(element).prepend($('<a></a>').attr('id', id));
      count(counts, 'in-page target');
    }
    return counts;
  },
};

