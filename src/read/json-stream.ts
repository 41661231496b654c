import { StringDecoder } from 'node:string_decoder';
import { WpExtractError } from '../errors.js';
import { parseJson } from '../parse/json.js';
import { decodeBytes } from './file.js';

/** One top-level value of a JSON stream, or the error that stopped it. */
export type StreamItem =
  | { index: number; value: unknown; error?: undefined }
  | { index: number; value?: undefined; error: WpExtractError };

/** What a stream turned out to hold, known once its first value is read. */
export interface StreamShape {
  /** True for a JSON array or several newline-delimited values (NDJSON). */
  list: boolean;
  /** How many values there will be, when the source says so (a site's `X-WP-Total`). */
  total?: number;
}

/** Marks text that did not parse (any JSON value, null included, is a value). */
const NOT_A_VALUE = Symbol('not a value');
/** Returned by a step that needs more text before it can decide. */
const WAIT = Symbol('wait');

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_A_VALUE;
  }
}

/** Marks a line of white space only. */
const BLANK_LINE = Symbol('blank line');

/**
 * A line of NDJSON as bytes: its value when it is an object or array on its own, BLANK_LINE
 * when it is only white space, else NOT_A_VALUE (for the text reader to look at).
 */
function lineValue(line: Buffer): unknown {
  let i = 0;
  while (i < line.length && (line[i] === 0x20 || line[i] === 0x09 || line[i] === 0x0d)) i++;
  if (i === line.length) return BLANK_LINE;
  if (line[i] !== 0x7b && line[i] !== 0x5b) return NOT_A_VALUE;
  return tryParse(line.toString('utf8'));
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
 * Splits a JSON text arriving in chunks into its values without holding it whole: the elements
 * of a top-level array one by one, or a sequence of top-level values (NDJSON, pretty-printed
 * values one after another, or a single object). Memory follows the largest post, not the file.
 *
 * Errors follow what can be trusted. NDJSON recovers at the next line: a line that is not a
 * value is one error item and every good line is still read. Anything else is one document
 * (an array, a pretty-printed value, a file that is not JSON at all): its first fault ends the
 * stream with one error naming the line and column, after the values before it.
 */
export class JsonStream {
  private buffer = '';
  /** The next character to look at; between values, the start of the next one. */
  private pos = 0;
  /** Line and column of buffer[0] in the whole stream. */
  private baseLine = 1;
  private baseColumn = 1;
  private mode: 'start' | 'array' | 'values' | 'done' = 'start';
  /** In an array, a value must be followed by exactly one comma before the next. */
  private expectComma = false;
  private index = 0;
  /** Values read as one whole line: the evidence that the stream is NDJSON. */
  private wholeLines = 0;
  /** The first of a sequence of values, held back until we know whether a second follows. */
  private pending: StreamItem | null = null;
  private scan: Scan | null = null;
  /** Where to look for the end of the line that starts at `pos`. */
  private lineSearch = 0;
  private final = false;
  private readonly decoder = new StringDecoder('utf8');
  /**
   * Once the stream is known to be NDJSON, its lines are read as bytes (see {@link takeLines}):
   * the start of the line under way, in pieces; null while the text is read as a whole.
   */
  private carry: Buffer[] | null = null;

  constructor(
    private readonly input: string,
    private readonly shape: StreamShape = { list: false },
    /** Read NDJSON line by line as bytes once it is known to be NDJSON (false: always as text, for tests). */
    private readonly byLines = true,
  ) {}

  /** The values of the text the chunks hold. */
  async *read(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<StreamItem> {
    let utf16: Buffer[] | null = null;
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') {
        this.leaveLines(Buffer.alloc(0));
        this.buffer += chunk;
        yield* this.pump();
      } else {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        // A UTF-16 byte-order mark (PowerShell's `>` writes UTF-16LE): decode the whole at the end.
        if (this.mode === 'start' && this.buffer === '' && utf16 === null && isUtf16(bytes)) utf16 = [];
        if (utf16) {
          utf16.push(bytes);
          continue;
        }
        if (this.carry) yield* this.takeLines(bytes);
        else {
          this.buffer += this.decoder.write(bytes);
          yield* this.pump();
        }
      }
      this.compact();
      if (typeof chunk !== 'string') this.enterLines(chunk);
    }
    if (this.carry) this.leaveLines(Buffer.alloc(0));
    this.buffer += utf16 ? decodeBytes(Buffer.concat(utf16)) : this.decoder.end();
    this.final = true;
    yield* this.pump();
    yield* this.finish();
  }

  /**
   * After a chunk read as text: once whole lines have been values (NDJSON) and the text left is
   * the start of a line, with no character cut in two at the chunk's end, the next chunks are
   * read by lines.
   */
  private enterLines(chunk: Uint8Array): void {
    if (this.carry || !this.byLines || this.mode !== 'values' || this.wholeLines === 0 || this.scan) return;
    if ((chunk[chunk.length - 1] ?? 0x80) >= 0x80 || this.baseColumn !== 1 || this.buffer.includes('\n')) return;
    this.carry = this.buffer === '' ? [] : [Buffer.from(this.buffer)];
    this.buffer = '';
    this.lineSearch = 0;
  }

  /**
   * NDJSON read by lines: each line found with `indexOf(10)` over the bytes and given to
   * `JSON.parse` whole, without joining the chunks into one text. A line that is not a value on
   * its own (a bad line, a pretty-printed value, several values, a scalar) and everything after
   * it go back to the text reader, which knows what to make of them.
   */
  private *takeLines(chunk: Buffer): Generator<StreamItem> {
    const carry = this.carry as Buffer[];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      const line = carry.length === 0 ? chunk.subarray(start, newline) : Buffer.concat([...carry, chunk.subarray(start, newline)]);
      carry.length = 0;
      const value = lineValue(line);
      if (value === NOT_A_VALUE) {
        this.leaveLines(Buffer.concat([line, chunk.subarray(newline)]));
        yield* this.pump();
        return;
      }
      start = newline + 1;
      this.baseLine++;
      if (value === BLANK_LINE) continue;
      this.wholeLines++;
      yield* this.emit({ index: this.index, value });
    }
    // A copy: the line under way outlives the chunk, which its reader need not leave as it is.
    if (start < chunk.length) carry.push(Buffer.from(chunk.subarray(start)));
  }

  /** Back to reading as text, from the start of the line under way followed by `rest`. */
  private leaveLines(rest: Buffer): void {
    if (!this.carry) return;
    this.buffer = this.decoder.write(Buffer.concat([...this.carry, rest]));
    this.pos = 0;
    this.lineSearch = 0;
    this.baseColumn = 1;
    this.carry = null;
  }

  /** Reads every value the buffer holds whole. */
  private *pump(): Generator<StreamItem> {
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.buffer.length) return;
      const step = this.mode === 'start' ? this.begin() : this.mode === 'array' ? this.arrayStep() : this.mode === 'values' ? this.valueStep() : this.afterArray();
      if (step === WAIT) return;
      if (step) yield* this.emit(step);
    }
  }

  private skipSpace(): void {
    while (this.pos < this.buffer.length && isSpace(this.buffer.charCodeAt(this.pos))) this.pos++;
    if (this.mode === 'start' && this.buffer.charCodeAt(this.pos) === 0xfeff) {
      this.pos++;
      this.skipSpace();
    }
  }

  /** The first character says what the text is: an array, a sequence of values, or not JSON. */
  private begin(): null | typeof WAIT {
    const c = this.buffer[this.pos];
    if (c === '<' && this.buffer.length - this.pos < 512 && !this.final) return WAIT; // enough to tell what it is
    if (c === '[') {
      this.mode = 'array';
      this.shape.list = true;
      this.pos++;
    } else if (c === '<') {
      throw new WpExtractError('E_JSON', notJsonMessage(this.buffer.slice(this.pos, this.pos + 512)), { input: this.input, at: this.positionOf(this.pos) });
    } else this.mode = 'values';
    return null;
  }

  private arrayStep(): StreamItem | null | typeof WAIT {
    const c = this.buffer[this.pos];
    if (c === ']') {
      this.mode = 'done';
      this.pos++;
      return null;
    }
    if (c === ',' && this.expectComma) {
      this.expectComma = false;
      this.pos++;
      return null;
    }
    if (this.expectComma) throw this.structureError(this.pos, `expected "," or "]", got ${JSON.stringify(c)}`);
    const end = this.extentOf(this.pos);
    if (end === WAIT) return WAIT;
    const value = tryParse(this.buffer.slice(this.pos, end));
    if (value === NOT_A_VALUE) throw this.valueError(this.pos, end);
    this.pos = end;
    this.expectComma = true;
    return { index: this.index, value };
  }

  private afterArray(): never {
    throw this.structureError(this.pos, `unexpected ${JSON.stringify(this.buffer[this.pos])} after the end of the array`);
  }

  /** One value of a sequence: a whole line first (NDJSON), else scanned to its end. */
  private valueStep(): StreamItem | typeof WAIT {
    const start = this.pos;
    const c = this.buffer.charCodeAt(start);
    const lineStart = this.startsLine(start);
    if (lineStart && (c === 0x7b || c === 0x5b)) {
      const lineEnd = this.lineEnd(start);
      if (lineEnd === WAIT) return WAIT;
      const value = tryParse(this.buffer.slice(start, lineEnd));
      if (value !== NOT_A_VALUE) {
        this.wholeLines++;
        return this.take(lineEnd, { index: this.index, value });
      }
      // In NDJSON, a line that is not a value (nor several values), followed by one that is, is
      // a bad line: the lines after it are not read as part of it.
      if (this.wholeLines > 0 && !this.endsBefore(start, lineEnd)) {
        const next = this.nextLineIsValue(lineEnd);
        if (next === WAIT) return WAIT;
        if (next) return this.take(lineEnd, { index: this.index, error: this.valueError(start, lineEnd) });
      }
    }
    const end = this.extentOf(start);
    if (end === WAIT) return WAIT;
    const value = tryParse(this.buffer.slice(start, end));
    if (value !== NOT_A_VALUE) return this.take(end, { index: this.index, value });
    return this.badValue(start, end, lineStart);
  }

  /**
   * A value that did not parse. At the start of a line of NDJSON (lines before it were values,
   * or the line after it is one) it is one bad line, and reading goes on at the next line;
   * anywhere else it ends the stream.
   */
  private badValue(start: number, end: number, lineStart: boolean): StreamItem | typeof WAIT {
    if (lineStart) {
      const lineEnd = this.lineEnd(start);
      if (lineEnd === WAIT) return WAIT;
      const next = this.wholeLines > 0 || this.nextLineIsValue(lineEnd);
      if (next === WAIT) return WAIT;
      if (next) {
        // A value whose brackets closed is skipped whole; one that never closed, as its line.
        const closed = this.scan !== null && this.scan.end !== null;
        const skip = closed ? Math.max(end, lineEnd) : lineEnd;
        return this.take(skip, { index: this.index, error: this.valueError(start, closed ? end : lineEnd) });
      }
    }
    throw this.valueError(start, end);
  }

  private take(end: number, item: StreamItem): StreamItem {
    this.pos = end;
    this.scan = null;
    return item;
  }

  /** Hands an item on, naming list items `input[i]` once the stream is known to be a list. */
  private *emit(item: StreamItem): Generator<StreamItem> {
    this.index++;
    if (this.mode === 'values' && item.index === 0) {
      this.pending = item;
      return;
    }
    if (this.pending) {
      this.shape.list = true;
      yield this.named(this.pending);
      this.pending = null;
    }
    yield this.named(item);
  }

  private named(item: StreamItem): StreamItem {
    if (item.error && this.shape.list) item.error.input = `${this.input}[${item.index}]`;
    return item;
  }

  private *finish(): Generator<StreamItem> {
    if (this.pending) {
      yield this.pending;
      this.pending = null;
    }
    if (this.mode === 'array') throw this.structureError(this.buffer.length, 'unexpected end of input (truncated?)');
    if (this.mode === 'start') throw new WpExtractError('E_JSON', 'malformed JSON: the input is empty', { input: this.input });
  }

  /** The end of the value starting at `from` (see {@link scanTo}), or WAIT for more text. */
  private extentOf(from: number): number | typeof WAIT {
    const end = this.scanTo(from, this.buffer.length);
    if (end !== null) return end;
    return this.final ? this.buffer.length : WAIT;
  }

  /** Whether the value starting at `from` ends before `limit`. */
  private endsBefore(from: number, limit: number): boolean {
    return this.scanTo(from, limit) !== null;
  }

  /**
   * Scans the value starting at `from` up to `stop`: its end (after its closing bracket, or
   * before the space or comma after a scalar), or null when it goes on past `stop`. The scan
   * goes on from where the last one stopped.
   */
  private scanTo(from: number, stop: number): number | null {
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
  private startsLine(offset: number): boolean {
    let i = offset - 1;
    while (i >= 0 && (this.buffer.charCodeAt(i) === 0x20 || this.buffer.charCodeAt(i) === 0x09)) i--;
    return i < 0 ? this.baseColumn === 1 : this.buffer.charCodeAt(i) === 0x0a || (this.buffer.charCodeAt(i) === 0xfeff && i === 0);
  }

  /** The end of the line starting at `from` (its newline, or the end of the text). */
  private lineEnd(from: number): number | typeof WAIT {
    const newline = this.buffer.indexOf('\n', Math.max(from, this.lineSearch));
    if (newline !== -1) return newline;
    if (this.final) return this.buffer.length;
    this.lineSearch = this.buffer.length;
    return WAIT;
  }

  /** Whether the next line that is not blank is a JSON value on its own. */
  private nextLineIsValue(newline: number): boolean | typeof WAIT {
    let from = newline;
    while (from < this.buffer.length && isSpace(this.buffer.charCodeAt(from))) from++;
    if (from >= this.buffer.length) return this.final ? false : WAIT;
    const end = this.buffer.indexOf('\n', from);
    if (end === -1 && !this.final) return WAIT;
    return tryParse(this.buffer.slice(from, end === -1 ? this.buffer.length : end)) !== NOT_A_VALUE;
  }

  /** The error for text that does not parse, with its position in the whole stream. */
  private valueError(start: number, end: number): WpExtractError {
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

  private structureError(where: number | { line: number; column: number }, what: string, cause?: unknown): WpExtractError {
    const at = typeof where === 'number' ? this.positionOf(where) : where;
    return new WpExtractError('E_JSON', `malformed JSON at line ${at.line}, column ${at.column}: ${what}`, { input: this.input, at, cause });
  }

  /** The line and column of an offset of the buffer, counted by newline (compact() calls it for every chunk). */
  private positionOf(offset: number): { line: number; column: number } {
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
  private compact(): void {
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

function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** What to say of a text that starts with `<`: a web page or an XML file, not JSON. */
function notJsonMessage(head: string): string {
  if (/^<(!doctype html|html|head|body)\b/i.test(head)) {
    return 'not JSON: this is an HTML page; give the address of the site or of a post (wp-extract fetches its REST API), or the JSON of /wp-json/wp/v2/posts';
  }
  return 'not JSON: this looks like XML or HTML; give post JSON from the REST API (/wp-json/wp/v2/posts), or the address of the site';
}

/** The values of a JSON text arriving in chunks (see {@link JsonStream}). */
export function jsonStream(chunks: AsyncIterable<Uint8Array | string>, input: string, shape: StreamShape = { list: false }): AsyncGenerator<StreamItem> {
  return new JsonStream(input, shape).read(chunks);
}
