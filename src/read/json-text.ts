import { WpExtractError } from '../errors.js';
import { parseJson } from '../parse/json.js';

/** Marks text that did not parse (any JSON value, null included, is a value). */
export const NOT_A_VALUE = Symbol('not a value');
/** Returned by a step that needs more text before it can decide. */
export const WAIT = Symbol('wait');

export const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_A_VALUE;
  }
}

/** Where the bracket scan of the value starting at `from` has got to. */
interface Scan {
  from: number;
  at: number;
  depth: number;
  inString: boolean;
  /** Where the value ends, once found. */
  end: number | null;
}

/**
 * The text of a JSON stream under way, as the stream reader sees it: the part not yet handed
 * on, where reading stands in it, and where that is in the whole stream (line and column);
 * the scans that find where a value or a line ends, and the errors that name a position.
 */
export class JsonText {
  buffer = '';
  /** The next character to look at; between values, the start of the next one. */
  pos = 0;
  /** Line and column of buffer[0] in the whole stream. */
  baseLine = 1;
  baseColumn = 1;
  scan: Scan | null = null;
  /** Where to look for the end of the line that starts at `pos`. */
  lineSearch = 0;
  final = false;

  constructor(private readonly input: string) {}

  /** Passes the white space at `pos` (and a byte-order mark at the start of the stream). */
  skipSpace(atStart: boolean): void {
    while (this.pos < this.buffer.length && isSpace(this.buffer.charCodeAt(this.pos))) this.pos++;
    if (atStart && this.buffer.charCodeAt(this.pos) === 0xfeff) {
      this.pos++;
      this.skipSpace(atStart);
    }
  }

  /** The end of the value starting at `from` (see {@link scanTo}), or WAIT for more text. */
  extentOf(from: number): number | typeof WAIT {
    const end = this.scanTo(from, this.buffer.length);
    if (end !== null) return end;
    return this.final ? this.buffer.length : WAIT;
  }

  /** Whether the value starting at `from` ends before `limit`. */
  endsBefore(from: number, limit: number): boolean {
    return this.scanTo(from, limit) !== null;
  }

  /**
   * Scans the value starting at `from` up to `stop`: its end (after its closing bracket, or
   * before the space or comma after a scalar), or null when it goes on past `stop`. The scan
   * goes on from where the last one stopped.
   */
  scanTo(from: number, stop: number): number | null {
    if (this.scan?.from !== from) this.scan = { from, at: from, depth: 0, inString: false, end: null };
    const s = this.scan;
    if (s.end !== null) return s.end;
    const text = this.buffer;
    while (s.at < stop) {
      if (s.inString) {
        // Most of a post is the text of its strings: jump to the next quote (indexOf is
        // native) and see whether an odd run of backslashes escapes it.
        const quote = text.indexOf('"', s.at);
        if (quote === -1 || quote >= stop) {
          s.at = stop;
          break;
        }
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) s.inString = false;
        s.at = quote + 1;
        continue;
      }
      const c = text.charCodeAt(s.at);
      if (c === 0x22) s.inString = true;
      else if (c === 0x7b || c === 0x5b) s.depth++;
      else if (c === 0x7d || c === 0x5d) {
        // A closing bracket where a value should start is taken as the (bad) value.
        if (s.depth === 0) return (s.end = s.at === from ? s.at + 1 : s.at);
        if (--s.depth === 0) return (s.end = s.at + 1);
      } else if (s.depth === 0 && (c === 0x2c || isSpace(c))) return (s.end = s.at === from ? s.at + 1 : s.at);
      s.at++;
    }
    return null;
  }

  /** Whether only spaces stand between the start of its line and `offset`. */
  startsLine(offset: number): boolean {
    let i = offset - 1;
    while (i >= 0 && (this.buffer.charCodeAt(i) === 0x20 || this.buffer.charCodeAt(i) === 0x09)) i--;
    return i < 0 ? this.baseColumn === 1 : this.buffer.charCodeAt(i) === 0x0a || (this.buffer.charCodeAt(i) === 0xfeff && i === 0);
  }

  /** The end of the line starting at `from` (its newline, or the end of the text). */
  lineEnd(from: number): number | typeof WAIT {
    const newline = this.buffer.indexOf('\n', Math.max(from, this.lineSearch));
    if (newline !== -1) return newline;
    if (this.final) return this.buffer.length;
    this.lineSearch = this.buffer.length;
    return WAIT;
  }

  /** Whether the next line that is not blank is a JSON value on its own. */
  nextLineIsValue(newline: number): boolean | typeof WAIT {
    let from = newline;
    while (from < this.buffer.length && isSpace(this.buffer.charCodeAt(from))) from++;
    if (from >= this.buffer.length) return this.final ? false : WAIT;
    const end = this.buffer.indexOf('\n', from);
    if (end === -1 && !this.final) return WAIT;
    return tryParse(this.buffer.slice(from, end === -1 ? this.buffer.length : end)) !== NOT_A_VALUE;
  }

  /** The error for text that does not parse, with its position in the whole stream. */
  valueError(start: number, end: number): WpExtractError {
    const text = this.buffer.slice(start, end);
    try {
      parseJson(text, this.input);
    } catch (error) {
      if (error instanceof WpExtractError && error.at) {
        const origin = this.positionOf(start);
        const at = error.at.line === 1 ? { line: origin.line, column: origin.column + error.at.column - 1 } : { line: origin.line + error.at.line - 1, column: error.at.column };
        const reason = error.message.replace(/^malformed JSON at line \d+, column \d+: /, '');
        return this.structureError(at, reason, error.cause);
      }
    }
    return this.structureError(start, 'not a JSON value');
  }

  structureError(where: number | { line: number; column: number }, what: string, cause?: unknown): WpExtractError {
    const at = typeof where === 'number' ? this.positionOf(where) : where;
    return new WpExtractError('E_JSON', `malformed JSON at line ${at.line}, column ${at.column}: ${what}`, { input: this.input, at, cause });
  }

  /** The line and column of an offset of the buffer, counted by newline (compact() calls it for every chunk). */
  positionOf(offset: number): { line: number; column: number } {
    let line = this.baseLine;
    let lineStart = -1;
    for (let newline = this.buffer.indexOf('\n'); newline !== -1 && newline < offset; newline = this.buffer.indexOf('\n', newline + 1)) {
      line++;
      lineStart = newline;
    }
    // Columns count UTF-16 units, as before: from the line's start, or on from the base column.
    const column = lineStart === -1 ? this.baseColumn + offset : offset - lineStart;
    return { line, column };
  }

  /** Drops the text already read, keeping the value under way and the spaces before it. */
  compact(): void {
    let keep = this.pos;
    // The spaces that start the line under way stay: they tell that a value starts its line.
    while (keep > 0 && (this.buffer.charCodeAt(keep - 1) === 0x20 || this.buffer.charCodeAt(keep - 1) === 0x09)) keep--;
    if (keep === 0) return;
    const { line, column } = this.positionOf(keep);
    this.baseLine = line;
    this.baseColumn = column;
    this.buffer = this.buffer.slice(keep);
    this.pos -= keep;
    this.lineSearch = Math.max(0, this.lineSearch - keep);
    if (this.scan) this.scan = { ...this.scan, from: this.scan.from - keep, at: this.scan.at - keep, end: this.scan.end === null ? null : this.scan.end - keep };
  }
}
