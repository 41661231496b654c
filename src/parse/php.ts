/**
 * PHP's `serialize()` format, as WordPress stores arrays in post meta (and exports them), read
 * into plain values: strings, numbers, booleans, null, lists and maps. It never builds objects:
 * an object (`O:`, `C:`), an enum (`E:`) or a reference (`r:`, `R:`) is refused, as is anything
 * malformed, nested too deep or longer than it says, with a {@link PhpValueError}; the caller
 * leaves that value out. String lengths are in bytes, as PHP counts them.
 */

import type { MetaValue } from '../post.js';

export type PlainValue = MetaValue;

export class PhpValueError extends Error {}

const MAX_DEPTH = 32;
const MAX_ITEMS = 100_000;

/** Whether a meta value is serialized, as WordPress's `is_serialized()` tells. */
export function isSerialized(text: string): boolean {
  const value = text.trim();
  if (value === 'N;') return true;
  if (!/^[asidbOCE]:/.test(value)) return false;
  return /^(?:a:\d+:\{[\s\S]*\}|[OCE]:\d+:"[\s\S]*[;}]|s:\d+:"[\s\S]*";|i:-?\d+;|d:[-+0-9.EeINFA]+;|b:[01];)$/.test(value);
}

/** Reads one serialized value; throws {@link PhpValueError} on anything it does not read safely. */
export function unserialize(text: string): PlainValue {
  const reader = new Reader(Buffer.from(text.trim(), 'utf8'));
  const value = reader.value(0);
  if (reader.at !== reader.bytes.length) throw new PhpValueError('text after the value');
  return value;
}

class Reader {
  at = 0;
  private items = 0;

  constructor(readonly bytes: Buffer) {}

  value(depth: number): PlainValue {
    if (depth > MAX_DEPTH) throw new PhpValueError('nested too deep');
    if (++this.items > MAX_ITEMS) throw new PhpValueError('too many values');
    const type = String.fromCharCode(this.bytes[this.at] ?? 0);
    if (type === 'N') {
      this.expect('N;');
      return null;
    }
    this.expect(`${type}:`);
    switch (type) {
      case 'b':
        return this.until(';') === '1';
      case 'i': {
        const n = Number(this.until(';'));
        if (!Number.isFinite(n)) throw new PhpValueError('not an integer');
        return n;
      }
      case 'd': {
        const n = Number(this.until(';'));
        return Number.isFinite(n) ? n : null;
      }
      case 's':
        return this.string();
      case 'a':
        return this.array(depth);
      default:
        throw new PhpValueError(type === 'O' || type === 'C' || type === 'E' ? 'an object, which is never built' : type === 'r' || type === 'R' ? 'a reference' : `unknown type "${type}"`);
    }
  }

  private string(): string {
    const length = Number(this.until(':'));
    this.expect('"');
    const end = this.at + length;
    if (!Number.isSafeInteger(length) || end > this.bytes.length) throw new PhpValueError('a string longer than its text');
    const text = this.bytes.toString('utf8', this.at, end);
    this.at = end;
    this.expect('";');
    return text;
  }

  private array(depth: number): PlainValue {
    const count = Number(this.until(':'));
    if (!Number.isSafeInteger(count) || count > MAX_ITEMS) throw new PhpValueError('a bad array length');
    this.expect('{');
    const entries: Array<[string | number, PlainValue]> = [];
    for (let i = 0; i < count; i++) {
      const key = this.value(depth + 1);
      if (typeof key !== 'string' && typeof key !== 'number') throw new PhpValueError('a bad array key');
      entries.push([key, this.value(depth + 1)]);
    }
    this.expect('}');
    // A list when its keys are 0, 1, 2…; else a map (Object.fromEntries makes every key, `__proto__` too, an own property).
    if (entries.every(([key], i) => key === i)) return entries.map(([, value]) => value);
    return Object.fromEntries(entries.map(([key, value]) => [String(key), value]));
  }

  private expect(text: string): void {
    for (let i = 0; i < text.length; i++) {
      if (this.bytes[this.at + i] !== text.charCodeAt(i)) throw new PhpValueError(`expected "${text}" at byte ${this.at}`);
    }
    this.at += text.length;
  }

  private until(end: string): string {
    const stop = this.bytes.indexOf(end, this.at);
    if (stop === -1 || stop - this.at > 40) throw new PhpValueError(`expected "${end}" at byte ${this.at}`);
    const text = this.bytes.toString('latin1', this.at, stop);
    this.at = stop + 1;
    return text;
  }
}
