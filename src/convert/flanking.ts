/**
 * CommonMark's delimiter-run rules (spec 6.2), for one-character neighbours: whether a run of
 * `*` or `_` between `before` and `after` can open or close emphasis. `undefined` stands for
 * the start or end of a line, which counts as white space.
 */

const isWhite = (ch: string | undefined): boolean => ch === undefined || /\s/u.test(ch);
const isPunct = (ch: string | undefined): boolean => ch !== undefined && /[\p{P}\p{S}]/u.test(ch);

function leftFlanking(before: string | undefined, after: string | undefined): boolean {
  return !isWhite(after) && (!isPunct(after) || isWhite(before) || isPunct(before));
}

function rightFlanking(before: string | undefined, after: string | undefined): boolean {
  return !isWhite(before) && (!isPunct(before) || isWhite(after) || isPunct(after));
}

/** Whether a run of `mark` between these characters can open emphasis. */
export function canOpen(mark: '*' | '_', before: string | undefined, after: string | undefined): boolean {
  if (!leftFlanking(before, after)) return false;
  return mark === '*' || !rightFlanking(before, after) || isPunct(before);
}

/** Whether a run of `mark` between these characters can close emphasis. */
export function canClose(mark: '*' | '_', before: string | undefined, after: string | undefined): boolean {
  if (!rightFlanking(before, after)) return false;
  return mark === '*' || !leftFlanking(before, after) || isPunct(after);
}

/** The last character of a string (a whole code point), or undefined. */
export function lastChar(text: string): string | undefined {
  const code = text.codePointAt(text.length - 1);
  if (code === undefined) return undefined;
  return code >= 0xdc00 && code <= 0xdfff && text.length >= 2 ? String.fromCodePoint(text.codePointAt(text.length - 2) ?? code) : String.fromCodePoint(code);
}

/** The first character of a string (a whole code point), or undefined. */
export function firstChar(text: string): string | undefined {
  const code = text.codePointAt(0);
  return code === undefined ? undefined : String.fromCodePoint(code);
}
