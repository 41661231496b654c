import { WpExtractError } from '../errors.js';
import type { Post } from '../post.js';
import { describeNonPost, describeWordPressError, isPostLike, isWordPressError, parsePost } from './post.js';

export { parseJson, lineAndColumn } from './json.js';
export {
  decodeSlug,
  describeWordPressError,
  isPostLike,
  isWordPressError,
  normalizeDate,
  parsePost,
  wordPressErrorStatus,
} from './post.js';

/** One item of a parsed input: a post, or the error that stopped it. */
export type ParsedItem = { input: string; post: Post } | { input: string; error: WpExtractError };

/** The posts of one JSON document. */
export interface ParsedDocument {
  /** Whether the document was a list (a collection response). */
  list: boolean;
  items: ParsedItem[];
}

/**
 * Parses a JSON value holding one post or a list of posts. A list item that is not a post
 * becomes an error item named `input[i]`; a value that holds no post at all (a WordPress error
 * body, a list of users, a number) throws.
 */
export function parseDocument(value: unknown, input: string): ParsedDocument {
  if (!Array.isArray(value)) {
    return { list: false, items: [{ input, post: parseValue(value, input) }] };
  }
  if (value.length > 0 && !value.some(isPostLike)) {
    throw new WpExtractError('E_NOT_POST', `expected a WordPress post or a list of posts, got ${describeNonPost(value)}`, {
      input,
    });
  }
  const items = value.map((item, i): ParsedItem => {
    const name = `${input}[${i}]`;
    try {
      return { input: name, post: parseValue(item, name) };
    } catch (error) {
      if (error instanceof WpExtractError) return { input: name, error };
      throw error;
    }
  });
  return { list: true, items };
}

/**
 * Parses one JSON value that should be a post. A WordPress error body in its place is an
 * error of its own, with its code and status: `E_REMOTE` when a server sent it (`remote`),
 * `E_WP_ERROR` when it was read from a file or stdin.
 */
export function parseValue(value: unknown, input: string, remote = false): Post {
  if (isWordPressError(value)) {
    throw new WpExtractError(remote ? 'E_REMOTE' : 'E_WP_ERROR', describeWordPressError(value), { input });
  }
  return parsePost(value, input);
}
