import type { Comment } from '../post.js';
import { normalizeDate } from './values.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The approved comments of a REST comment list (`/wp/v2/comments`, or a post's
 * `_embedded.replies[0]`), oldest first. Pingbacks, trackbacks and comments whose status is not
 * `approved` (only an editor's request shows them) are left out; an item that is not a comment
 * (a failed embed's error object) is passed over.
 */
export function parseComments(list: unknown): Comment[] {
  if (!Array.isArray(list)) return [];
  const comments: Comment[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.id !== 'number') continue;
    if (item.status !== undefined && item.status !== 'approved') continue;
    if (item.type !== undefined && item.type !== 'comment' && item.type !== '') continue;
    const content = item.content;
    const html = isObject(content) && typeof content.rendered === 'string' ? content.rendered : typeof content === 'string' ? content : '';
    comments.push({
      id: item.id,
      parent: typeof item.parent === 'number' ? item.parent : 0,
      author: typeof item.author_name === 'string' ? item.author_name : '',
      date: normalizeDate(typeof item.date_gmt === 'string' ? item.date_gmt : null) ?? normalizeDate(typeof item.date === 'string' ? item.date : null),
      html,
    });
  }
  return comments.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
}

/**
 * A short fingerprint of a post's comments (ids, threading, names, dates and text), kept in a
 * folder's state so that `--update` rewrites a post whose comments changed though the post did not.
 * Not cryptographic: FNV-1a over the fields, in hex.
 */
export function commentsDigest(comments: readonly Comment[] | undefined): string {
  if (!comments || comments.length === 0) return '';
  let hash = 0x811c9dc5;
  const text = JSON.stringify(comments.map((c) => [c.id, c.parent, c.author, c.date, c.html]));
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${comments.length}-${hash.toString(16).padStart(8, '0')}`;
}
