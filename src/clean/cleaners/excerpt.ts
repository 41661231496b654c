import { textContent } from 'domutils';
import { collapseWhitespace, compiledSelector } from '../../html/index.js';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, select } from '../util.js';

/** Link texts themes use for the "read more" link they append to excerpts. */
const READ_MORE = /^(read more|continue reading|weiterlesen|lire la suite|leer más|seguir leyendo|continuar leyendo|leia mais|続きを読む|더 보기|阅读更多)\b/i;

/** The classes themes give a "read more" link. */
const MORE_LINK = '.more-link, .read-more, .excerpt-read-more';

/**
 * Removes the "read more" link a theme appends to an excerpt: a `.more-link` / `.read-more`,
 * a link whose text reads like one, or a link back to the post itself.
 */
export function readMoreLinks(link: string | null): Cleaner {
  const self = link ? normalize(link) : null;
  return {
    name: 'read-more',
    description: 'remove "Read more" links from the excerpt',
    clean({ $, index }) {
      const counts: CleanCounts = new Map();
      const links = select($, 'a', index);
      const marked = links.length > 0 ? compiledSelector(MORE_LINK) : () => false;
      for (const a of links) {
        const href = a.attribs.href;
        if (marked(a) || READ_MORE.test(collapseWhitespace(textContent(a))) || (self !== null && href !== undefined && normalize(href) === self)) {
          $(a).remove();
          count(counts, 'a (read more)');
        }
      }
      return counts;
    },
  };
}

function normalize(href: string): string {
  return href.trim().replace(/#.*$/, '').replace(/\/+$/, '');
}
