import { closest, hasClass, type MarkdownRule, type DomElement, type DomNode } from './types.js';

/**
 * Gutenberg footnotes (WordPress 6.3+): a reference is `<sup data-fn="ID" class="fn"><a
 * href="#ID" id="ID-link">1</a></sup>`, the notes an `<ol class="wp-block-footnotes">` of
 * `<li id="ID">text <a href="#ID-link">↩︎</a></li>`. References become `[^n]` and the notes
 * `[^n]: text` lines after the body, n being the note's place in the list.
 */
const inFootnotes = (node: DomNode | null): boolean => {
  const list = closest(node, 'OL');
  return list !== null && isNotesList(list);
};

/** The notes list: `ol.wp-block-footnotes`, or (WordPress 6.3's first markup) the list in `footer.wp-block-footnotes`. */
const isNotesList = (node: DomElement): boolean =>
  node.nodeName === 'OL' && (hasClass(node, 'wp-block-footnotes') || (node.parentNode?.nodeName === 'FOOTER' && hasClass(node.parentNode, 'wp-block-footnotes')));

/** A reference in the first markup: `<sup><a href="#ID" id="ID-link">n</a></sup>`. */
const isBareReference = (node: DomElement): boolean => {
  const link = node.querySelector('a[href^="#"]');
  const id = link?.getAttribute('href')?.slice(1);
  return id !== undefined && id !== '' && link?.getAttribute('id') === `${id}-link`;
};

function footnoteNumber(node: DomElement): number | null {
  const id = node.getAttribute('data-fn') ?? node.querySelector('a[href^="#"]')?.getAttribute('href')?.slice(1);
  if (!id) return null;
  const notes = Array.from(node.ownerDocument.querySelectorAll('ol.wp-block-footnotes > li, footer.wp-block-footnotes > ol > li'));
  const index = notes.findIndex((li) => li.getAttribute('id') === id);
  return index === -1 ? null : index + 1;
}

export const footnoteRules: MarkdownRule[] = [
  {
    name: 'footnote-reference',
    description: 'a footnote reference (sup.fn) becomes [^n]',
    filter: (node) => node.nodeName === 'SUP' && (hasClass(node, 'fn') || node.hasAttribute('data-fn') || isBareReference(node)),
    replacement: (content, node) => {
      const n = footnoteNumber(node);
      return n === null ? `<sup>${content}</sup>` : `[^${n}]`;
    },
  },
  {
    name: 'footnote-backlink',
    description: 'the ↩︎ link back from a note to its reference is dropped',
    filter: (node) => node.nodeName === 'A' && (node.getAttribute('href') ?? '').startsWith('#') && inFootnotes(node),
    replacement: () => '',
  },
  {
    name: 'footnote',
    description: 'a note of ol.wp-block-footnotes becomes a [^n]: definition after the body',
    filter: (node) => node.nodeName === 'LI' && inFootnotes(node),
    replacement: (content, node, context) => {
      const list = node.parentNode;
      const n = list ? Array.from(list.childNodes).filter((c) => c.nodeName === 'LI').indexOf(node as DomNode) + 1 : 0;
      context.footnotes.set(n, content.trim().replace(/\n/g, '\n    '));
      return '';
    },
  },
  {
    name: 'footnotes',
    description: 'the ol.wp-block-footnotes list itself writes nothing in place',
    filter: (node) => isNotesList(node),
    replacement: () => '',
  },
];
