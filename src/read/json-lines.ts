import { NOT_A_VALUE, tryParse } from './json-text.js';

/** Marks a line of white space only. */
export const BLANK_LINE = Symbol('blank line');

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

/**
 * NDJSON read by lines: each line found with `indexOf(10)` over the bytes and given to
 * `JSON.parse` whole, without joining the chunks into one text. A line that is not a value on
 * its own (a bad line, a pretty-printed value, several values, a scalar) and everything after
 * it go back to the text reader, which knows what to make of them.
 */
export class ByteLines {
  /** The start of the line under way, in pieces. */
  private readonly carry: Buffer[];

  constructor(start: string) {
    this.carry = start === '' ? [] : [Buffer.from(start)];
  }

  /**
   * The value of each whole line of a chunk (BLANK_LINE for a blank one), in order; the
   * generator returns what goes back to the text reader (the first line that is not a value
   * and all after it), or null when every whole line was one.
   */
  *take(chunk: Buffer): Generator<unknown, Buffer | null> {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      const line = this.carry.length === 0 ? chunk.subarray(start, newline) : Buffer.concat([...this.carry, chunk.subarray(start, newline)]);
      this.carry.length = 0;
      const value = lineValue(line);
      if (value === NOT_A_VALUE) return Buffer.concat([line, chunk.subarray(newline)]);
      start = newline + 1;
      yield value;
    }
    // A copy: the line under way outlives the chunk, which its reader need not leave as it is.
    if (start < chunk.length) this.carry.push(Buffer.from(chunk.subarray(start)));
    return null;
  }

  /** The start of the line under way followed by `rest`: what the text reader goes on with. */
  leave(rest: Buffer): Buffer {
    return Buffer.concat([...this.carry, rest]);
  }
}
