import type { AnyNode } from 'domhandler';
import { canClose, canOpen } from './flanking.js';
import { INLINE } from './rules/inline.js';

/**
 * Markdown escaping for text nodes: a backslash only where a CommonMark + GFM reader would
 * otherwise see syntax. turndown's default escapes every `_`, `*`, `[` and `]`, and treats the
 * start of every text node as the start of a line, which makes `snake_case_words`, `a*b`,
 * `[sic]` and `Ctrl+C` unreadable in the source.
 *
 * Whether a `*` or `_` can be read as emphasis, and whether a text stands at the start of a
 * line, depends on the text around it in its line, which one text node does not know. So an
 * {@link EscapePlan} reads the whole tree first, line by line, and tells the escaping of each
 * text node which of its marks are literal and whether it starts a line.
 */

/** What the plan says of one text node. */
export interface EscapeAdvice {
  /** The node does not start a line (or stands in a heading or table cell, where no line-start syntax applies). */
  midLine: boolean;
  /** Ordinals, among the node's characters that are not white space, of the `*` and `_` no reader takes as emphasis. */
  literal: ReadonlySet<number>;
}

/** The literal marks of a node that has none (most): shared, never added to. */
const NONE_LITERAL: ReadonlySet<number> = new Set();
const NO_ADVICE: EscapeAdvice = { midLine: false, literal: NONE_LITERAL };

/** Characters that may need a backslash anywhere in a line; most text has none. */
const MAY_ESCAPE = /[\\`~*_\]\[<&]/;
/** What may start a line's syntax: a heading, quote, list item, rule or setext underline. */
const MAY_START_LINE = /^\s*[#>+*=\-\d]/m;

export function escapeMarkdown(text: string, advice: EscapeAdvice = NO_ADVICE): string {
  if (!MAY_ESCAPE.test(text) && (advice.midLine || !MAY_START_LINE.test(text))) return text;
  let ordinal = -1;
  let seen = 0;
  // The ordinal (among characters that are not white space) of the character at `offset`;
  // replace() calls back in increasing order, so one pass over the text serves every call.
  const ordinalAt = (offset: number): number => {
    for (; seen <= offset; seen++) if (!/\s/.test(text[seen] ?? ' ')) ordinal++;
    return ordinal;
  };
  let out = text
    // A backslash before punctuation, or at the end of a text, where a hard break's backslash may follow.
    .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/~~/g, '\\~\\~')
    .replace(/[*_]/g, (mark: string, offset: number) => (advice.literal.has(ordinalAt(offset)) ? mark : `\\${mark}`))
    .replace(/\](?=[([:])/g, '\\]')
    .replace(/\[(?=\^)/g, '\\[')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  if (!advice.midLine) {
    out = out
      .replace(/^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|=+(?=\s*$)|-{2,}(?=\s*$))/gm, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/gm, '$1\\$2');
  }
  return out;
}

/** One text node of a line, with the advice being gathered for it. */
interface Entry {
  /** The node's text, compared with turndown's but for white space. */
  key: string;
  midLine: boolean;
  literal: ReadonlySet<number> | Set<number>;
}

/**
 * A line of text as a reader sees it: its characters, and the pieces (text nodes) they came
 * from. Which node and which of its characters a mark is, is worked out only for the lines
 * that hold a `*` or `_`: most do not.
 */
class Line {
  text = '';
  private readonly pieces: Array<{ start: number; text: string; entry: Entry | null }> = [];
  hasContent = false;

  constructor(readonly noLineStart: boolean) {}

  add(piece: string, entry: Entry | null): void {
    this.pieces.push({ start: this.text.length, text: piece, entry });
    this.text += piece;
    if (!this.hasContent && piece.trim() !== '') this.hasContent = true;
  }

  /**
   * Finds, for offsets of the line in increasing order, the node each character came from and
   * its ordinal among that node's characters that are not white space (UTF-16 code units, as
   * escapeMarkdown counts them), in one pass over the line.
   */
  private owners(): (offset: number) => { entry: Entry; ordinal: number } | null {
    let index = 0;
    let at = 0;
    let ordinal = 0;
    return (offset) => {
      for (let next = this.pieces[index + 1]; next && next.start <= offset; next = this.pieces[index + 1]) {
        index++;
        at = next.start;
        ordinal = 0;
      }
      const piece = this.pieces[index];
      if (!piece || piece.start > offset || offset < at) return null;
      for (; at < offset; at++) if (!isWhiteSpace(this.text.charCodeAt(at))) ordinal++;
      return piece.entry ? { entry: piece.entry, ordinal } : null;
    };
  }

  /** Marks the `*` and `_` runs that can neither open a pair nor close one as literal. */
  finish(): void {
    for (const mark of ['*', '_'] as const) {
      if (!this.text.includes(mark)) continue;
      const runs: Array<{ start: number; end: number; open: boolean; close: boolean }> = [];
      for (let i = this.text.indexOf(mark); i !== -1; i = this.text.indexOf(mark, i)) {
        let end = i;
        while (this.text[end] === mark) end++;
        const before = i > 0 ? this.text[i - 1] : undefined;
        const after = end < this.text.length ? this.text[end] : undefined;
        runs.push({ start: i, end, open: canOpen(mark, before, after), close: canClose(mark, before, after) });
        i = end;
      }
      // A run is live when it can open a pair closed by a later run, or close one opened before.
      const closesAfter: boolean[] = new Array<boolean>(runs.length);
      for (let n = runs.length - 1, seen = false; n >= 0; n--) {
        closesAfter[n] = seen;
        seen ||= (runs[n] as (typeof runs)[number]).close;
      }
      const ownerAt = this.owners();
      let opensBefore = false;
      runs.forEach((run, n) => {
        const live = (run.open && closesAfter[n]) || (run.close && opensBefore);
        opensBefore ||= run.open;
        if (live) return;
        for (let i = run.start; i < run.end; i++) {
          const owner = ownerAt(i);
          if (!owner) continue;
          const literal = owner.entry.literal === NONE_LITERAL ? new Set<number>() : (owner.entry.literal as Set<number>);
          literal.add(owner.ordinal);
          owner.entry.literal = literal;
        }
      });
    }
  }
}

const NOT_WHITE_SPACE = /\S/;

/** Whether a code unit is white space as `\s` has it. */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Whether two texts are the same but for white space, without building either without it. */
export function sameButWhiteSpace(a: string, b: string): boolean {
  // Mostly turndown's collapsing left the text as it was: the same string.
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isWhiteSpace(a.charCodeAt(i))) i++;
    while (j < b.length && isWhiteSpace(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

const upperNames = new Map<string, string>();
/** An element's name as turndown's rules see it (`P`), worked out once per name. */
function upperName(name: string): string {
  let upper = upperNames.get(name);
  if (upper === undefined) {
    upper = name.toUpperCase();
    if (upperNames.size < 1000) upperNames.set(name, upper);
  }
  return upper;
}

const NO_LINE_START = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TH', 'TD']);
/** Inline elements that print something around their text: a link's brackets. */
const BRACKETS: Readonly<Record<string, readonly [string, string]>> = { A: ['[', ')'] };

/**
 * Inline elements whose Markdown always starts with a delimiter before their text (`**`, `_`,
 * or the `<strong>` they fall back to): text at their start is not at the start of a line.
 */
const DELIMITED = new Set(['STRONG', 'B', 'EM', 'I']);

/** Whether a node holds any text that is not white space. */
function showsText(node: AnyNode): boolean {
  if (node.type === 'text') return NOT_WHITE_SPACE.test(node.data);
  return 'children' in node && node.children.some(showsText);
}

/**
 * Advice for every text node turndown will escape, in the order it will escape them (document
 * order, text inside `<code>` left out). turndown converts a copy of the tree with its white
 * space collapsed, so each advice carries its node's text as a key, compared but for white
 * space: a node whose key does not match gets the cautious default instead.
 */
export class EscapePlan {
  private readonly entries: Entry[] = [];
  private next = 0;

  constructor(root: AnyNode) {
    this.walk(root);
  }

  /** Escapes the next text node turndown hands over. */
  readonly escape = (text: string): string => {
    if (!NOT_WHITE_SPACE.test(text)) return text;
    const entry = this.entries[this.next];
    if (entry === undefined || !sameButWhiteSpace(entry.key, text)) return escapeMarkdown(text);
    this.next++;
    return escapeMarkdown(text, entry);
  };

  private walk(root: AnyNode): void {
    let line = new Line(false);
    const stack: Array<{ node: AnyNode; noLineStart: boolean } | { leave: string; noLineStart: boolean }> = [{ node: root, noLineStart: false }];
    const newLine = (noLineStart: boolean): void => {
      line.finish();
      line = new Line(noLineStart);
    };
    while (stack.length > 0) {
      const top = stack.pop() as (typeof stack)[number];
      if ('leave' in top) {
        if (BRACKETS[top.leave]) line.add(BRACKETS[top.leave]?.[1] ?? '', null);
        else if (!INLINE.has(top.leave)) newLine(top.noLineStart);
        continue;
      }
      const { node, noLineStart } = top;
      if (node.type === 'text') {
        const entry: Entry = { key: node.data, midLine: line.hasContent || line.noLineStart, literal: NONE_LITERAL };
        if (NOT_WHITE_SPACE.test(node.data)) this.entries.push(entry);
        line.add(node.data, entry);
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'root') continue;
      const name = node.type === 'tag' ? upperName(node.name) : '';
      if (name === 'BR') {
        newLine(line.noLineStart);
        continue;
      }
      if (name === 'CODE' || name === 'IMG') {
        line.add(name === 'CODE' ? '`' : '!', null); // what the Markdown shows there: punctuation
        continue;
      }
      const inside = noLineStart || NO_LINE_START.has(name);
      if (name !== '' && !INLINE.has(name)) newLine(inside);
      if (BRACKETS[name]) line.add(BRACKETS[name]?.[0] ?? '', null);
      else if (DELIMITED.has(name) && !line.hasContent && showsText(node)) line.hasContent = true;
      stack.push({ leave: name, noLineStart });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as AnyNode, noLineStart: inside });
    }
    line.finish();
  }
}
