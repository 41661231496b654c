import type { Cleaner, CleanCounts } from '../types.js';
import { count, removeAll, select } from '../util.js';

/**
 * Booster Extension (ThemeInWP) widgets. The plugin's `the_content` filter wraps the article as
 * `[read-block][share] ARTICLE [share][author box][reactions]`, and its shortcodes can put the
 * rest anywhere. Everything is matched by class token, so the read-block's single-quoted class
 * attribute and the share block's `" twp-social-share  booster-clear"` spacing both match.
 * `div.page-links` (multi-page navigation that ThemeInWP themes print between the article and
 * these blocks) is content and is left alone.
 */
const SELECTORS = [
  // Read time: the block is always emitted, empty when read time is switched off.
  '.booster-read-block',
  '.twp-read-time',
  // Reactions: six faces with labels and percentages.
  '.booster-reactions-block',
  '.twp-reactions-icons',
  // Social share, both layouts (`[booster-extension-ss]`, or saved pages).
  '.twp-social-share',
  '.twp-social-share-layout-2',
  // Author box.
  '.booster-author-block',
  '.be-author-details',
  // Like / dislike buttons (thumb and smiley layouts).
  '.twp-like-dislike-button',
  // Views (`[booster-extension-visit-count container="true"]`).
  '.twp-post-visit',
  // Read it later (`[be-pp]`).
  '.booster-favourite-post',
  // Names used before 1.1.
  '.be-read-views',
  '.be-author-panel',
  '.twp-be-post-visit',
  // Any other Booster block, and stray icons (inline SVG since 1.1.8, icon font before).
  '.booster-block',
  '.booster-svg-icon',
  'svg.booster-svg',
  'i.booster-icon',
];

export const booster: Cleaner = {
  name: 'booster',
  description: 'Booster Extension: read time, reactions, social share, author box, like/dislike, views, read later',
  clean({ $, index }) {
    const counts: CleanCounts = removeAll($, SELECTORS, index);
    // `[booster-extension-visit-count count_only="count" label="Views"]` prints a bare number
    // followed by the label span: drop the label and the number before it.
    for (const label of select($, 'span.views-count-label', index)) {
      const previous = label.prev;
      if (previous?.type === 'text') {
        previous.data = previous.data.replace(/\s*\d[\d,.]*\s*$/, '');
      }
      $(label).remove();
      count(counts, 'span.views-count-label');
    }
    return counts;
  },
};
