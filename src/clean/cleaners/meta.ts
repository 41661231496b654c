import type { Cleaner } from '../types.js';
import { selectorCleaner } from '../util.js';

/** Ratings, counters, reading times and author boxes. */
export const metaCleaners: Cleaner[] = [
  selectorCleaner('kk-star-ratings', 'kk Star Ratings (.kk-star-ratings)', ['.kk-star-ratings']),
  selectorCleaner('post-views-counter', 'Post Views Counter (.post-views.content-post)', ['.post-views.content-post']),
  // The plugin puts its span inside the first paragraph: only the span goes.
  selectorCleaner('reading-time-wp', 'Reading Time WP (span.rt-reading-time, not the paragraph around it)', ['span.rt-reading-time']),
  selectorCleaner('simple-author-box', 'Simple Author Box (.saboxplugin-wrap)', ['.saboxplugin-wrap']),
  // Forms are for visitors of the page: a search box, a comment form, a login form.
  selectorCleaner('forms', 'forms and the search block (form, .wp-block-search, .comment-respond)', ['form', '.wp-block-search', '.comment-respond', '#respond']),
];
