import type { Element } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, removeAll, select, unwrap } from '../util.js';

/** Tables of contents (generated from the headings, so they carry nothing of their own). */
export const tocCleaners: Cleaner[] = [
  {
    name: 'easy-toc',
    description: 'Easy Table of Contents box (#ez-toc-container)',
    clean: ({ $, index }) => removeAll($, ['#ez-toc-container', '.ez-toc-container'], index),
  },
  {
    name: 'toc-plus',
    description: 'Table of Contents Plus box (#toc_container)',
    clean: ({ $, index }) => removeAll($, ['#toc_container'], index),
  },
];

/** Links and Easy Table of Contents markers inside headings. */
const HEADING_MARKS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
  .flatMap((h) => [`${h} a`, `${h} span.ez-toc-section`, `${h} span.ez-toc-section-end`])
  .join(', ');

/** Text of the "permalink" anchors themes and plugins add to headings. */
const ANCHOR_TEXT = /^(#|¶|§|🔗|link|permalink|anchor)?$/i;

/**
 * Heading anchors: empty or symbol-only links and `<a name>` targets inside headings, and the
 * `span.ez-toc-section` markers Easy Table of Contents wraps them in. The heading text stays.
 */
export const headingAnchors: Cleaner = {
  name: 'heading-anchors',
  description: 'drop anchor links (#, ¶) and span.ez-toc-section markers inside headings',
  // A heading.
  present: /<h[1-6][\s>]/i,
  clean({ $, index }) {
    const counts: CleanCounts = new Map();
    select($, HEADING_MARKS, index).forEach((node) => {
      const el = node as Element;
      const text = $(el).text().trim();
      if (el.name === 'span') {
        if (text === '') $(el).remove();
        else unwrap($, el);
        count(counts, `span.${el.attribs.class?.split(/\s+/)[0] ?? 'ez-toc-section'}`);
      } else if (el.attribs.href === undefined) {
        // Its name stays the heading's id, for a link that points to it (see in-page-targets).
        const heading = $(el).closest('h1, h2, h3, h4, h5, h6')[0] as Element | undefined;
        const name = el.attribs.id ?? el.attribs.name;
        if (heading && name && heading.attribs.id === undefined) heading.attribs.id = name;
        unwrap($, el);
        count(counts, 'a[name]');
      } else if (el.attribs.href.startsWith('#') && ANCHOR_TEXT.test(text) && $(el).find('img').length === 0) {
        $(el).remove();
        count(counts, 'a[href^=#]');
      }
    });
    return counts;
  },
};
