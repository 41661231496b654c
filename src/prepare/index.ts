import type { ContentFormat, Post } from '../post.js';
import { prepareRaw } from './raw.js';
import type { ShortcodeNotes } from './shortcodes/index.js';

export { SHORTCODE_HANDLERS, type ShortcodeHandler, type ShortcodeNotes } from './shortcodes/index.js';

/** A post prepared, and what preparing it noted for the run's report (forms removed, galleries left out…). */
export interface Prepared {
  post: Post;
  notes: ShortcodeNotes;
}

/**
 * The prepare stage: from a post's content as its input held it to the HTML WordPress would
 * serve for it, which is what the cleaners read. Chosen by the post's `contentFormat`, so that
 * every thread prepares a post the same way, whatever input it came from.
 */
export type Preparer = (post: Post) => Prepared;

export const PREPARERS: Readonly<Record<ContentFormat, Preparer>> = Object.freeze({
  /** REST `content.rendered` is already what WordPress serves. */
  rendered: (post: Post) => ({ post, notes: new Map() }),
  /** An export's `post_content`: rendered as WordPress would (see raw.ts). */
  raw: prepareRaw,
});

/** A post prepared, with its notes. */
export function preparePost(post: Post): Prepared {
  return PREPARERS[post.contentFormat](post);
}

/** A post prepared. */
export function prepare(post: Post): Post {
  return preparePost(post).post;
}
