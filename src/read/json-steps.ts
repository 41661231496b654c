import type { StreamItem } from './json-stream.js';
import { NOT_A_VALUE, tryParse, WAIT, type JsonText } from './json-text.js';

/** Returned by an array's step at its closing bracket. */
export const END = Symbol('end');

/**
 * The steps of reading values from a JSON text: the elements of an array, and the values of a
 * sequence, where a whole line that is a value (NDJSON) is taken as it is and a line that is
 * not one is one bad item when the lines around it are values.
 */
export class JsonSteps {
  /** In an array, a value must be followed by exactly one comma before the next. */
  private expectComma = false;
  /** Values read as one whole line: the evidence that the stream is NDJSON. */
  wholeLines = 0;

  constructor(private readonly text: JsonText) {}

  /** One element of an array, or the comma or bracket between; END at its closing bracket. */
  arrayStep(index: number): StreamItem | null | typeof WAIT | typeof END {
    const c = this.text.buffer[this.text.pos];
    if (c === ']') {
      this.text.pos++;
      return END;
    }
    if (c === ',' && this.expectComma) {
      this.expectComma = false;
      this.text.pos++;
      return null;
    }
    if (this.expectComma) throw this.text.structureError(this.text.pos, `expected "," or "]", got ${JSON.stringify(c)}`);
    const end = this.text.extentOf(this.text.pos);
    if (end === WAIT) return WAIT;
    const value = tryParse(this.text.buffer.slice(this.text.pos, end));
    if (value === NOT_A_VALUE) throw this.text.valueError(this.text.pos, end);
    this.text.pos = end;
    this.expectComma = true;
    return { index, value };
  }

  afterArray(): never {
    throw this.text.structureError(this.text.pos, `unexpected ${JSON.stringify(this.text.buffer[this.text.pos])} after the end of the array`);
  }

  /** One value of a sequence: a whole line first (NDJSON), else scanned to its end. */
  valueStep(index: number): StreamItem | typeof WAIT {
    const start = this.text.pos;
    const c = this.text.buffer.charCodeAt(start);
    const lineStart = this.text.startsLine(start);
    if (lineStart && (c === 0x7b || c === 0x5b)) {
      const lineEnd = this.text.lineEnd(start);
      if (lineEnd === WAIT) return WAIT;
      const value = tryParse(this.text.buffer.slice(start, lineEnd));
      if (value !== NOT_A_VALUE) {
        this.wholeLines++;
        return this.take(lineEnd, { index, value });
      }
      // In NDJSON, a line that is not a value (nor several values), followed by one that is, is
      // a bad line: the lines after it are not read as part of it.
      if (this.wholeLines > 0 && !this.text.endsBefore(start, lineEnd)) {
        const next = this.text.nextLineIsValue(lineEnd);
        if (next === WAIT) return WAIT;
        if (next) return this.take(lineEnd, { index, error: this.text.valueError(start, lineEnd) });
      }
    }
    const end = this.text.extentOf(start);
    if (end === WAIT) return WAIT;
    const value = tryParse(this.text.buffer.slice(start, end));
    if (value !== NOT_A_VALUE) return this.take(end, { index, value });
    return this.badValue(index, start, end, lineStart);
  }

  /**
   * A value that did not parse. At the start of a line of NDJSON (lines before it were values,
   * or the line after it is one) it is one bad line, and reading goes on at the next line;
   * anywhere else it ends the stream.
   */
  private badValue(index: number, start: number, end: number, lineStart: boolean): StreamItem | typeof WAIT {
    if (lineStart) {
      const lineEnd = this.text.lineEnd(start);
      if (lineEnd === WAIT) return WAIT;
      const next = this.wholeLines > 0 || this.text.nextLineIsValue(lineEnd);
      if (next === WAIT) return WAIT;
      if (next) {
        // A value whose brackets closed is skipped whole; one that never closed, as its line.
        const closed = this.text.scan !== null && this.text.scan.end !== null;
        const skip = closed ? Math.max(end, lineEnd) : lineEnd;
        return this.take(skip, { index, error: this.text.valueError(start, closed ? end : lineEnd) });
      }
    }
    throw this.text.valueError(start, end);
  }

  private take(end: number, item: StreamItem): StreamItem {
    this.text.pos = end;
    this.text.scan = null;
    return item;
  }
}
