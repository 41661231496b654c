import type { ContentFormat, Post } from '../post.js';
import { prepareRaw } from './raw.js';

/**
 * The prepare stage: from a post's content as its input held it to the HTML WordPress would
 * serve for it, which is what the cleaners read. Chosen by the post's `contentFormat`, so that
 * every thread prepares a post the same way, whatever input it came from.
 */
export type Preparer = (post: Post) => Post;

export const PREPARERS: Readonly<Record<ContentFormat, Preparer>> = Object.freeze({
  /** REST `content.rendered` is already what WordPress serves. */
  rendered: (post: Post) => post,
  /** An export's `post_content`: rendered as WordPress would (see raw.ts). */
  raw: prepareRaw,
});

export function prepare(post: Post): Post {
  return PREPARERS[post.contentFormat](post);
}
