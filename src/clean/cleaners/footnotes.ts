import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, fragmentOf } from '../util.js';

/**
 * Footnote plugins (PHP Markdown Extra and Jetpack's Markdown `fn-…`/`fn:…`, Easy Footnotes,
 * WP-Footnotes and their like) all write the same thing: numbers in `<sup>` linking to the
 * items of a list at the end, each item linking back. They are rewritten into Gutenberg's own
 * footnote markup (`sup.fn[data-fn]` and `ol.wp-block-footnotes`), which the Markdown writes as
 * `[^n]` references and definitions; one markup, one set of Markdown rules.
 *
 * What counts as a note: a list item that a link in (or around) a `<sup>` points to, either
 * itself or through an empty element at its start (Easy Footnotes' `<span id>`), when the item
 * links back into the text or its list is named a footnote list. A list is converted only when
 * every item of it is such a note, so no text is ever left without its reference.
 */

interface Note {
  id: string;
  item: Element;
  references: Element[];
}

const GUTENBERG = '.wp-block-footnotes, sup.fn, sup[data-fn]';


const textOf = ($: CheerioAPI, node: AnyNode): string => $(node).text().trim();

/** The reference a link stands for: the link, or its `<sup>` around it, and plugin wrappers that hold nothing else. */
function referenceOf($: CheerioAPI, link: Element): Element | null {
  const sup = $(link).closest('sup')[0] ?? $(link).find('sup')[0];
  if (!sup) return null;
  let reference = $(link).closest('sup').length > 0 ? (sup as Element) : link;
  for (let parent = reference.parent; parent?.type === 'tag' && (parent as Element).name === 'span'; parent = parent.parent) {
    if (textOf($, parent) !== textOf($, reference)) break;
    reference = parent as Element;
  }
  return reference;
}

/** The fragment's elements by id (the first of each). */
type Ids = ReadonlyMap<string, Element>;

function idsOf($: CheerioAPI): Ids {
  const ids = new Map<string, Element>();
  for (const element of $('[id]').toArray()) if (!ids.has(element.attribs.id ?? '')) ids.set(element.attribs.id ?? '', element);
  return ids;
}

/** The list item a fragment names: the item with that id, or the item an empty element with that id starts. */
function noteItem($: CheerioAPI, ids: Ids, id: string): Element | null {
  const target = ids.get(id);
  if (!target) return null;
  if (target.name === 'li') return target;
  if (textOf($, target) !== '') return null;
  return ($(target).closest('li')[0] as Element | undefined) ?? null;
}

/** Whether a list reads as footnotes: named so, or each item links back out of the list. */
function isNotesList($: CheerioAPI, ids: Ids, list: Element): boolean {
  const named = /footnote/i.test(`${list.attribs.class ?? ''} ${(list.parent as Element | null)?.attribs?.class ?? ''}`);
  if (named) return true;
  return $(list)
    .children('li')
    .toArray()
    .every((item) =>
      $(item)
        .find('a[href^="#"]')
        .toArray()
        .some((a) => {
          const target = ids.get(fragmentOf(a.attribs.href ?? ''));
          return target !== undefined && $(target).closest(list).length === 0;
        }),
    );
}

/** The notes of the fragment, by list, for the lists whose every item is a note. */
function findNotes($: CheerioAPI): Map<Element, Note[]> {
  const ids = idsOf($);
  const notes = new Map<string, Note>();
  for (const link of $('a[href^="#"]').toArray()) {
    if ($(link).closest(GUTENBERG).length > 0) continue;
    const id = fragmentOf(link.attribs.href ?? '');
    const reference = referenceOf($, link);
    const item = id === '' || !reference ? null : noteItem($, ids, id);
    if (!reference || !item || $(reference).closest('li')[0] === item) continue;
    const note = notes.get(id) ?? { id, item, references: [] };
    note.references.push(reference);
    notes.set(id, note);
  }
  const byList = new Map<Element, Note[]>();
  for (const note of notes.values()) {
    const list = note.item.parent as Element | null;
    if (!list || !['ol', 'ul'].includes(list.name) || $(list).closest(GUTENBERG).length > 0) continue;
    byList.set(list, [...(byList.get(list) ?? []), note]);
  }
  for (const [list, listNotes] of byList) {
    const items = $(list).children('li').toArray();
    const covered = items.every((item) => listNotes.some((note) => note.item === item));
    if (!covered || !isNotesList($, ids, list)) byList.delete(list);
    else listNotes.sort((a, b) => items.indexOf(a.item) - items.indexOf(b.item));
  }
  return byList;
}

/** A note's own text: back-links, the brackets around them and empty anchors removed. */
function noteContent($: CheerioAPI, item: Element): AnyNode[] {
  const copy = $(item).clone();
  copy.find('a[href^="#"]').each((_, a) => {
    const [before, after] = [a.prev, a.next];
    if (before?.type === 'text' && after?.type === 'text' && /\[\s*$/.test((before as Text).data) && /^\s*\]/.test((after as Text).data)) {
      (before as Text).data = (before as Text).data.replace(/\s*\[\s*$/, '');
      (after as Text).data = (after as Text).data.replace(/^\s*\]/, '');
    }
    $(a).remove();
  });
  copy.find('[id]').each((_, e) => {
    if (textOf($, e) === '' && $(e).find('img').length === 0) $(e).remove();
  });
  return copy.contents().toArray();
}

export const pluginFootnotes: Cleaner = {
  name: 'plugin-footnotes',
  description: "footnote plugins' <sup> references and notes list become WordPress's own footnotes, which the Markdown writes as [^n]",
  // A reference: a <sup> around a link to a fragment, or a link to a fragment around a <sup>.
  present: /<sup\b[^>]*>\s*<a\s[^>]*href=["']?#|<a\s[^>]*href=["']?#[^>]*>\s*<sup\b/i,
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    const byList = findNotes($);
    if (byList.size === 0) return counts;
    const existing = $('ol.wp-block-footnotes').first();
    const notesList = existing.length > 0 ? existing : $('<ol class="wp-block-footnotes"></ol>');
    let placed = existing.length > 0;
    for (const [list, notes] of byList) {
      for (const note of notes) {
        notesList.append($('<li></li>').attr('id', note.id).append(noteContent($, note.item)));
        for (const reference of note.references) {
          $(reference).replaceWith($('<sup class="fn"></sup>').attr('data-fn', note.id).append($('<a></a>').attr('href', `#${note.id}`).attr('id', `${note.id}-link`).text('*')));
        }
        count(counts, 'footnote');
      }
      // Other links to a note (not in a <sup>) would lead nowhere once it is a Markdown footnote: their text stays.
      const ids = new Set(notes.map((note) => note.id));
      $('a[href^="#"]')
        .filter((_, a) => ids.has(fragmentOf(a.attribs.href ?? '')) && $(a).closest('sup.fn, ol.wp-block-footnotes').length === 0 && $(a).closest(list).length === 0)
        .each((_, a) => void $(a).replaceWith($(a).contents()));
      // The list goes, and with it a footnotes box that held nothing else (Jetpack's `div.footnotes` and its rule).
      const wrapper = $(list).parent();
      const box = wrapper.is('div, section, aside, footer') && /footnote/i.test(wrapper.attr('class') ?? '') && wrapper.children().not('hr').length === 1 && wrapper.text().trim() === $(list).text().trim() ? wrapper : $(list);
      if (!placed) box.before(notesList);
      placed = true;
      box.remove();
    }
    return counts;
  },
};
