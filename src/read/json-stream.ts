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

/** Marks a line that did not parse (any JSON value, null included, is a value). */
const NOT_A_VALUE = Symbol('not a value');

const enum Mode {
  Start,
  Array,
  Values,
  Done,
}

/**
 * Splits a JSON text arriving in chunks into its values without holding it whole: the elements
 * of a top-level array one by one, or a sequence of top-level values (NDJSON, or a single
 * object). Each value is parsed on its own, so memory follows the largest post, not the file.
 * A value that does not parse becomes an error item (with the line and column in the whole
 * stream) and the stream goes on; text that breaks the structure ends it with an error.
 */
export async function* jsonStream(
  chunks: AsyncIterable<Uint8Array | string>,
  input: string,
  shape: StreamShape = { list: false },
): AsyncGenerator<StreamItem> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let scan = 0; // next character to look at
  let start = -1; // start of the current value in buffer, -1 between values
  let depth = 0;
  let inString = false;
  // The current value is being read as a whole line (see pump); where to look for its end.
  let lineValue = false;
  let lineSearch = 0;
  // The current value did not parse as a line and is being scanned.
  let scanning = false;
  let mode: Mode = Mode.Start;
  let index = 0;
  // In an array, a value must be followed by exactly one comma before the next.
  let expectComma = false;
  // Line and column of buffer[0] in the whole stream, for error messages.
  let baseLine = 1;
  let baseColumn = 1;
  let first = true;
  // In a sequence of top-level values the first is held back until we know whether a second
  // follows, so that NDJSON is known to be a list before any of it is handed on.
  let pending: StreamItem | null = null;

  const advanceBase = (upTo: number): void => {
    let lastNewline = -1;
    for (let i = buffer.indexOf('\n'); i !== -1 && i < upTo; i = buffer.indexOf('\n', i + 1)) {
      baseLine++;
      lastNewline = i;
    }
    baseColumn = lastNewline === -1 ? baseColumn + upTo : upTo - lastNewline;
  };

  const structureError = (offset: number, what: string): WpExtractError => {
    const { line, column } = positionOf(offset);
    return new WpExtractError('E_JSON', `malformed JSON at line ${line}, column ${column}: ${what}`, { input });
  };

  const finishValue = (end: number): StreamItem => {
    const text = buffer.slice(start, end);
    let item: StreamItem;
    try {
      item = { index, value: JSON.parse(text) as unknown };
    } catch {
      // Re-parse for the message, then move its position to the whole stream's.
      let error: WpExtractError;
      try {
        parseJson(text, input);
        error = new WpExtractError('E_JSON', 'malformed JSON', { input });
      } catch (e) {
        error = e as WpExtractError;
      }
      const inner = /line (\d+), column (\d+)/.exec(error.message);
      if (inner) {
        const startPos = positionOf(start);
        const line = startPos.line + Number(inner[1]) - 1;
        const column = Number(inner[1]) === 1 ? startPos.column + Number(inner[2]) - 1 : Number(inner[2]);
        error = new WpExtractError('E_JSON', error.message.replace(/line \d+, column \d+/, `line ${line}, column ${column}`), {
          input: shape.list ? `${input}[${index}]` : input,
          cause: error.cause,
        });
      }
      item = { index, error };
    }
    index++;
    start = -1;
    scanning = false;
    expectComma = mode === Mode.Array;
    return item;
  };

  const renameFirst = (item: StreamItem): StreamItem => {
    if (item.error && item.error.input === input) item.error.input = `${input}[0]`;
    return item;
  };

  const positionOf = (offset: number): { line: number; column: number } => {
    let line = baseLine;
    let column = baseColumn;
    for (let i = 0; i < offset; i++) {
      if (buffer.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    return { line, column };
  };

  const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

  const pump = function* (final: boolean): Generator<StreamItem> {
    while (scan < buffer.length) {
      if (lineValue) {
        // A value opening a line of a sequence: try the whole line as one value first (NDJSON),
        // which JSON.parse does natively, without scanning it here character by character.
        let end = buffer.indexOf('\n', lineSearch);
        if (end === -1) {
          if (!final) {
            lineSearch = buffer.length;
            break;
          }
          end = buffer.length;
        }
        lineValue = false;
        let value: unknown = NOT_A_VALUE;
        try {
          value = JSON.parse(buffer.slice(start, end));
        } catch {
          // not one whole value: scanned below
        }
        if (value !== NOT_A_VALUE) {
          const item: StreamItem = { index: index++, value };
          start = -1;
          scan = end;
          if (item.index === 0) pending = item;
          else yield item;
          continue;
        }
        // Not a whole value on its line (pretty-printed JSON, or several on one line): scan it.
        scan = start;
        depth = 0;
        inString = false;
        scanning = true;
      }
      const c = buffer.charCodeAt(scan);
      if (mode === Mode.Start) {
        if (first && c === 0xfeff) {
          scan++;
          continue;
        }
        first = false;
        if (isSpace(c)) {
          scan++;
          continue;
        }
        if (c === 0x5b /* [ */) {
          mode = Mode.Array;
          shape.list = true;
          scan++;
          continue;
        }
        mode = Mode.Values;
        continue;
      }
      if (mode === Mode.Done) {
        if (!isSpace(c)) throw structureError(scan, `unexpected ${JSON.stringify(buffer[scan])} after the end of the array`);
        scan++;
        continue;
      }
      if (start === -1) {
        // Between values.
        if (isSpace(c)) {
          scan++;
          continue;
        }
        if (mode === Mode.Array && c === 0x2c /* , */ && expectComma) {
          expectComma = false;
          scan++;
          continue;
        }
        if (mode === Mode.Array && c === 0x5d /* ] */) {
          mode = Mode.Done;
          scan++;
          continue;
        }
        if (mode === Mode.Array && expectComma) throw structureError(scan, `expected "," or "]", got ${JSON.stringify(buffer[scan])}`);
        if (pending) {
          shape.list = true;
          const held = pending;
          pending = null;
          yield renameFirst(held);
        }
        start = scan;
        depth = 0;
        if (mode === Mode.Values && !scanning && (c === 0x7b || c === 0x5b)) {
          lineValue = true;
          lineSearch = scan;
          continue;
        }
      }
      if (inString) {
        // Most of a post is the text of its strings: jump to the next quote (indexOf is native)
        // and see whether an odd run of backslashes escapes it. The whole value since `start`
        // is in the buffer, so the run is too.
        const quote = buffer.indexOf('"', scan);
        if (quote === -1) {
          scan = buffer.length;
          continue;
        }
        let backslashes = 0;
        while (buffer.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) inString = false;
        scan = quote + 1;
        continue;
      }
      if (c === 0x22) {
        inString = true;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) {
          // The end of the enclosing array right after a scalar; or, where a value should
          // start, a stray bracket, taken as the (bad) value so that scanning moves on.
          if (scan === start) scan++;
          yield finishValue(scan);
          continue;
        }
        depth--;
        if (depth === 0) {
          scan++;
          const item = finishValue(scan);
          if (mode === Mode.Values && item.index === 0) pending = item;
          else yield item;
          continue;
        }
      } else if (depth === 0 && (c === 0x2c || isSpace(c))) {
        if (scan === start) scan++; // a stray comma where a value should start
        const item = finishValue(scan);
        if (mode === Mode.Values && item.index === 0) pending = item;
        else yield item;
        continue;
      }
      scan++;
    }
    if (final) {
      if (start !== -1 && depth === 0 && !inString && mode === Mode.Values) {
        const item = finishValue(buffer.length);
        if (pending) {
          shape.list = true;
          yield renameFirst(pending);
          pending = null;
        }
        yield item;
        return;
      }
      if (pending) {
        yield pending;
        pending = null;
      }
      if (start !== -1 || mode === Mode.Array) {
        throw structureError(buffer.length, 'unexpected end of input (truncated?)');
      }
      if (mode === Mode.Start) throw new WpExtractError('E_JSON', 'malformed JSON: the input is empty', { input });
      return;
    }
    // Drop what has been consumed, keeping the current value.
    const keep = start === -1 ? scan : start;
    if (keep > 0) {
      advanceBase(keep);
      buffer = buffer.slice(keep);
      scan -= keep;
      lineSearch = Math.max(0, lineSearch - keep);
      if (start !== -1) start = 0;
    }
  };

  let utf16: Buffer[] | null = null;
  for await (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      const bytes = Buffer.from(chunk);
      // A UTF-16 byte-order mark (PowerShell's `>` writes UTF-16LE): decode the whole at the end.
      if (first && buffer === '' && utf16 === null && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
        utf16 = [];
      }
      if (utf16) {
        utf16.push(bytes);
        continue;
      }
      buffer += decoder.write(bytes);
    } else buffer += chunk;
    yield* pump(false);
  }
  buffer += utf16 ? decodeBytes(Buffer.concat(utf16)) : decoder.end();
  yield* pump(true);
}
