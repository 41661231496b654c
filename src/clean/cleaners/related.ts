import type { Cleaner } from '../types.js';
import { selectorCleaner } from '../util.js';

/** Related-posts plugins: a list of links to other posts after the content. */
export const relatedCleaners: Cleaner[] = [
  selectorCleaner('jetpack-related', 'Jetpack related posts (#jp-relatedposts)', ['#jp-relatedposts', '.jp-relatedposts']),
  selectorCleaner('yarpp', 'Yet Another Related Posts Plugin (.yarpp-related)', ['.yarpp-related']),
  selectorCleaner('contextual-related-posts', 'Contextual Related Posts (.crp_related)', ['.crp_related']),
];
