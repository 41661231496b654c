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
 * An iterative JSON scanner that returns the offset of the first syntax error (or the text's
 * length when the text ends too soon). It only runs after JSON.parse has failed, and keeps its
 * own stack so that deeply nested input cannot overflow the call stack.
 */
export function scanForFault(text: string): number {
  let i = 0;
  const n = text.length;
  const stack: Array<'{' | '['> = [];
  const skipWs = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  // Returns the offset of a fault inside a scalar, or -1 when the scalar is well formed.
  const scalar = (): number => {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < n) {
        const code = text.charCodeAt(i);
        if (code === 0x22) {
          i++;
          return -1;
        }
        if (code < 0x20) return i;
        if (code === 0x5c) {
          const e = text[i + 1];
          if (e === undefined) return n;
          if (e === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i + 2;
            i += 6;
          } else if ('"\\/bfnrt'.includes(e)) i += 2;
          else return i + 1;
        } else i++;
      }
      return n;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return -1;
      }
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num && num[0].length > 0) {
      i += num[0].length;
      return -1;
    }
    return i;
  };
  let expect: 'value' | 'key-or-end' | 'key' | 'value-or-end' | 'after' | 'colon' = 'value';
  for (;;) {
    skipWs();
    if (i >= n) return n;
    const c = text[i];
    const top = stack[stack.length - 1];
    switch (expect) {
      case 'value':
      case 'value-or-end':
        if (c === ']' && expect === 'value-or-end') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === '{') {
          stack.push('{');
          i++;
          expect = 'key-or-end';
        } else if (c === '[') {
          stack.push('[');
          i++;
          expect = 'value-or-end';
        } else {
          const fault = scalar();
          if (fault >= 0) return fault;
          expect = 'after';
        }
        break;
      case 'key-or-end':
      case 'key':
        if (c === '}' && expect === 'key-or-end') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === '"') {
          const fault = scalar();
          if (fault >= 0) return fault;
          expect = 'colon';
        } else return i;
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        expect = 'value';
        break;
      case 'after':
        if (top === undefined) return i; // text after the top-level value
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
          stack.pop();
          i++;
        } else return i;
        break;
    }
  }
}
