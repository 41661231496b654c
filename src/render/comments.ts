import type { ExtractedComment } from '../post.js';

/** A commenter's name as Markdown (and MDX) text: the few characters that would start markup are escaped. */
const nameText = (name: string): string => (name.trim() === '' ? 'Anonymous' : name.trim().replace(/[\\`*_[\]<>{}]/g, '\\$&'));

/** `2024-01-03T10:00:00Z` → `2024-01-03 10:00 UTC`. */
const when = (date: string | null): string => (date ? ` · ${date.slice(0, 10)} ${date.slice(11, 16)} UTC` : '');

/**
 * The comments of a post as a Markdown section: each comment its author and date in strong
 * emphasis, then its text; a reply follows its parent, one blockquote deeper, so a thread
 * reads as it did on the site. A reply whose parent is not among them (not approved) stands
 * at the top level. Empty when there are none.
 */
export function commentsMarkdown(comments: readonly ExtractedComment[]): string {
  if (comments.length === 0) return '';
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<number, ExtractedComment[]>();
  for (const comment of comments) {
    const parent = ids.has(comment.parent) && comment.parent !== comment.id ? comment.parent : 0;
    children.set(parent, [...(children.get(parent) ?? []), comment]);
  }
  const blocks: string[] = [];
  const visit = (parent: number, depth: number, seen: Set<number>): void => {
    for (const comment of children.get(parent) ?? []) {
      if (seen.has(comment.id)) continue; // a cycle of parents in broken data
      seen.add(comment.id);
      const text = `**${nameText(comment.author)}**${when(comment.date)}\n\n${comment.markdown.trim()}`.trim();
      const quote = '>'.repeat(depth);
      blocks.push(depth === 0 ? text : text.split('\n').map((line) => (line === '' ? quote : `${quote} ${line}`)).join('\n'));
      visit(comment.id, depth + 1, seen);
    }
  };
  visit(0, 0, new Set());
  return `## Comments\n\n${blocks.join('\n\n')}\n`;
}

/** A comment's JSON record: id, parent (0 for none), author's name, date, text as Markdown. */
export function commentRecord(comment: ExtractedComment): Record<string, unknown> {
  return { id: comment.id, parent: comment.parent, author: comment.author, date: comment.date, markdown: comment.markdown };
}
