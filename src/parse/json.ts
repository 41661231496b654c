import { WpExtractError } from '../errors.js';

/**
 * Parses JSON text. A syntax error becomes a one-line `E_JSON` error that names the line and
 * column of the fault. A leading byte-order mark is ignored (PHP and Windows tools write one).
 */
export function parseJson(text: string, input?: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new WpExtractError('E_JSON', 'malformed JSON: the input is empty', { input });
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const offset = jsonErrorOffset(body, error);
    const { line, column } = lineAndColumn(body, offset);
    const reason = describeFault(body, offset);
    throw new WpExtractError('E_JSON', `malformed JSON at line ${line}, column ${column}: ${reason}`, {
      input,
      cause: error,
      at: { line, column },
    });
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describeFault(text: string, offset: number): string {
  if (offset >= text.length) return 'unexpected end of input (truncated?)';
  const ch = text[offset] ?? '';
  if (/[\x00-\x1f\x7f]/.test(ch)) {
    return `unexpected control character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `unexpected ${JSON.stringify(ch)}`;
}

/**
 * The offset of the first syntax fault. V8 names a position in most messages but not all
 * ("Unexpected token 'a', "abc" is not valid JSON"), so when it is missing we scan for it.
 */
function jsonErrorOffset(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : '';
  const match = /at position (\d+)/.exec(message);
  if (match?.[1] !== undefined) return Number(match[1]);
  return scanForFault(text);
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The offset of the first syntax error in a JSON text (or the text's length when it ends too
 * soon). It only runs after JSON.parse has failed, and keeps its own stack so that deeply
 * nested input cannot overflow the call stack.
 */
export function scanForFault(text: string): number {
  return new FaultScanner(text).run();
}

type Expect = 'value' | 'key-or-end' | 'key' | 'value-or-end' | 'after' | 'colon';

/** An iterative JSON scanner: each step reads what the grammar expects next, or stops at a fault. */
class FaultScanner {
  private i = 0;
  private readonly stack: Array<'{' | '['> = [];
  private expect: Expect = 'value';

  constructor(private readonly text: string) {}

  run(): number {
    for (;;) {
      while (this.i < this.text.length && WS.has(this.text.charCodeAt(this.i))) this.i++;
      if (this.i >= this.text.length) return this.text.length;
      const fault = this.step(this.text[this.i] ?? '');
      if (fault >= 0) return fault;
    }
  }

  /** Reads one token; the offset of a fault, or -1. */
  private step(c: string): number {
    switch (this.expect) {
      case 'value':
      case 'value-or-end':
        if (c === ']' && this.expect === 'value-or-end') return this.close();
        if (c === '{' || c === '[') return this.open(c);
        return this.scalarThen('after');
      case 'key-or-end':
      case 'key':
        if (c === '}' && this.expect === 'key-or-end') return this.close();
        if (c !== '"') return this.i;
        return this.scalarThen('colon');
      case 'colon':
        if (c !== ':') return this.i;
        this.i++;
        this.expect = 'value';
        return -1;
      case 'after':
        return this.after(c);
    }
  }

  private open(c: '{' | '['): number {
    this.stack.push(c);
    this.i++;
    this.expect = c === '{' ? 'key-or-end' : 'value-or-end';
    return -1;
  }

  private close(): number {
    this.stack.pop();
    this.i++;
    this.expect = 'after';
    return -1;
  }

  private after(c: string): number {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return this.i; // text after the top-level value
    if (c === ',') {
      this.i++;
      this.expect = top === '{' ? 'key' : 'value';
      return -1;
    }
    if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
      this.stack.pop();
      this.i++;
      return -1;
    }
    return this.i;
  }

  private scalarThen(next: Expect): number {
    const fault = this.scalar();
    if (fault < 0) this.expect = next;
    return fault;
  }

  /** Reads a string, literal or number; the offset of a fault inside it, or -1. */
  private scalar(): number {
    const { text } = this;
    if (text[this.i] === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, this.i)) {
        this.i += word.length;
        return -1;
      }
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(this.i, this.i + 400));
    if (num && num[0].length > 0) {
      this.i += num[0].length;
      return -1;
    }
    return this.i;
  }

  private string(): number {
    const { text } = this;
    const n = text.length;
    this.i++;
    while (this.i < n) {
      const code = text.charCodeAt(this.i);
      if (code === 0x22) {
        this.i++;
        return -1;
      }
      if (code < 0x20) return this.i;
      if (code !== 0x5c) {
        this.i++;
        continue;
      }
      const e = text[this.i + 1];
      if (e === undefined) return n;
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 2, this.i + 6))) return this.i + 2;
        this.i += 6;
      } else if ('"\\/bfnrt'.includes(e)) this.i += 2;
      else return this.i + 1;
    }
    return n;
  }
}
