import { allNodes } from '../../html/index.js';
import type { Element } from 'domhandler';
import type { Cleaner, CleanCounts } from '../types.js';
import { count, unwrap } from '../util.js';

/**
 * Markup pasted from Microsoft Word: `<o:p>` and other Office-namespace elements (their text
 * kept), `<![if ...]>` directives, and `Mso*` classes. The conditional comments go with the
 * `comments` cleaner, and `mso-` styles with the `wrappers` cleaner.
 */
export const word: Cleaner = {
  name: 'word',
  description: 'Word paste junk: <o:p> and other Office elements, <![if]> directives, Mso* classes (text kept)',
  // An Office element or an Mso class.
  present: /<[ovwxm]:|Mso/i,
  clean({ $ }) {
    const counts: CleanCounts = new Map();
    const all = allNodes($).filter((node): node is Element => node.type === 'tag');
    for (const el of all.reverse()) {
      if (/^[ovwxm]:/.test(el.name)) {
        unwrap($, el);
        count(counts, `<${el.name}>`);
        continue;
      }
      const classes = el.attribs.class;
      if (classes && /(^|\s)Mso/.test(classes)) {
        const kept = classes.split(/\s+/).filter((c) => c !== '' && !c.startsWith('Mso'));
        if (kept.length > 0) el.attribs.class = kept.join(' ');
        else delete el.attribs.class;
        count(counts, 'class="Mso…"');
      }
    }
    allNodes($).forEach((node) => {
      if (node.type === 'directive' && /^!\[(if|endif)/i.test(node.data)) {
        $(node).remove();
        count(counts, '<![if]>');
      }
    });
    return counts;
  },
};
