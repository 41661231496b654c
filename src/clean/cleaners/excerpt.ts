import type { Cleaner, CleanCounts } from '../types.js';
import { count } from '../util.js';

/** Link texts themes use for the "read more" link they append to excerpts. */
const READ_MORE = /^(read more|continue reading|weiterlesen|lire la suite|leer más|seguir leyendo|continuar leyendo|leia mais|続きを読む|더 보기|阅读更多)\b/i;

/**
 * Removes the "read more" link a theme appends to an excerpt: a `.more-link` / `.read-more`,
 * a link whose text reads like one, or a link back to the post itself.
 */
export function readMoreLinks(link: string | null): Cleaner {
  const self = link ? normalize(link) : null;
  return {
    name: 'read-more',
    description: 'remove "Read more" links from the excerpt',
    clean({ $ }) {
      const counts: CleanCounts = new Map();
      $('a').each((_, a) => {
        const node = $(a);
        const href = a.attribs.href;
        const text = node.text().replace(/[\s\u00a0]+/g, ' ').trim();
        if (
          node.is('.more-link, .read-more, .excerpt-read-more') ||
          READ_MORE.test(text) ||
          (self !== null && href !== undefined && normalize(href) === self)
        ) {
          node.remove();
          count(counts, 'a (read more)');
        }
      });
      return counts;
    },
  };
}

function normalize(href: string): string {
  return href.trim().replace(/#.*$/, '').replace(/\/+$/, '');
}
