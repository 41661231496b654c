/**
 * Markdown escaping for text nodes: a backslash only where a CommonMark + GFM reader would
 * otherwise see syntax. turndown's default escapes every `_`, `*`, `[` and `]`, which makes
 * `snake_case_words`, `a*b` and `[sic]` unreadable in the source.
 *
 * The text of one node is escaped on its own, so line-start rules treat the start of the node
 * as a possible line start, as turndown's own escaping does.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/~~/g, '\\~\\~')
    .replace(/[*_]/g, (mark, offset: number, all: string) => (emphasisCanUse(mark, offset, all) ? `\\${mark}` : mark))
    .replace(/\](?=[([:])/g, '\\]')
    .replace(/\[(?=\^)/g, '\\[')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|=+(?=\s*$)|-{2,}(?=\s*$))/gm, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/gm, '$1\\$2');
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/**
 * Whether a `*` or `_` could open or close emphasis. An underscore inside a word never can
 * (CommonMark's rule for `_`), so `snake_case` stays. A lone `*` inside a word can only pair
 * with another `*`, so it is escaped only when the text has another one.
 */
function emphasisCanUse(mark: string, offset: number, all: string): boolean {
  const before = all[offset - 1];
  const after = all[offset + 1];
  if (mark === '_') return !(isWordChar(before) && isWordChar(after)) && !(isSpace(before) && isSpace(after));
  if (isSpace(before) && isSpace(after)) return false;
  if (isWordChar(before) && isWordChar(after)) return all.indexOf('*') !== all.lastIndexOf('*');
  return true;
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);
