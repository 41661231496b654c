import type { Element } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, select } from '../util.js';

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

/**
 * Lists as old editors wrote them: a list nested straight in a list (`<li>Two</li><ol>…</ol>`)
 * and a stray block between items (a `<p>`) belong to the item before them, where a browser
 * shows them; left where they are, the nesting is lost and the numbers shift.
 */
export const listStructure: Cleaner = {
  name: 'list-structure',
  description: 'a list nested straight in a list, or a block between its items, goes into the item before it',
  present: /<\/li>\s*<(?:ol|ul|p|div|blockquote|pre|figure|table)\b/i,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    for (const list of select($, 'ul, ol', index)) {
      let previous: Element | null = null;
      for (const child of [...list.children]) {
        if (child.type !== 'tag') continue;
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
