import { StringDecoder } from 'node:string_decoder';
import { WpExtractError } from '../errors.js';
import { decodeBytes } from './file.js';
import { ByteLines, BLANK_LINE } from './json-lines.js';
import { END, JsonSteps } from './json-steps.js';
import { JsonText, WAIT } from './json-text.js';

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
  private mode: 'start' | 'array' | 'values' | 'done' = 'start';
  private index = 0;
  /** The first of a sequence of values, held back until we know whether a second follows. */
  private pending: StreamItem | null = null;
  private readonly decoder = new StringDecoder('utf8');
  /** The text under way, and where it stands in the whole stream. */
  private readonly text: JsonText;
  private readonly steps: JsonSteps;
  /** Once the stream is known to be NDJSON, its lines are read as bytes; null while the text is read as a whole. */
  private lines: ByteLines | null = null;

  constructor(
    private readonly input: string,
    private readonly shape: StreamShape = { list: false },
    /** Read NDJSON line by line as bytes once it is known to be NDJSON (false: always as text, for tests). */
    private readonly byLines = true,
  ) {
    this.text = new JsonText(input);
    this.steps = new JsonSteps(this.text);
  }

  /** The values of the text the chunks hold. */
  async *read(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<StreamItem> {
    let utf16: Buffer[] | null = null;
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') {
        this.leaveLines(Buffer.alloc(0));
        this.text.buffer += chunk;
        yield* this.pump();
      } else {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        // A UTF-16 byte-order mark (PowerShell's `>` writes UTF-16LE): decode the whole at the end.
        if (this.mode === 'start' && this.text.buffer === '' && utf16 === null && isUtf16(bytes)) utf16 = [];
        if (utf16) {
          utf16.push(bytes);
          continue;
        }
        if (this.lines) yield* this.takeLines(bytes);
        else {
          this.text.buffer += this.decoder.write(bytes);
          yield* this.pump();
        }
      }
      this.text.compact();
      if (typeof chunk !== 'string') this.enterLines(chunk);
    }
    if (this.lines) this.leaveLines(Buffer.alloc(0));
    this.text.buffer += utf16 ? decodeBytes(Buffer.concat(utf16)) : this.decoder.end();
    this.text.final = true;
    yield* this.pump();
    yield* this.finish();
  }

  /**
   * After a chunk read as text: once whole lines have been values (NDJSON) and the text left is
   * the start of a line, with no character cut in two at the chunk's end, the next chunks are
   * read by lines.
   */
  private enterLines(chunk: Uint8Array): void {
    if (this.lines || !this.byLines || this.mode !== 'values' || this.steps.wholeLines === 0 || this.text.scan) return;
    if ((chunk[chunk.length - 1] ?? 0x80) >= 0x80 || this.text.baseColumn !== 1 || this.text.buffer.includes('\n')) return;
    this.lines = new ByteLines(this.text.buffer);
    this.text.buffer = '';
    this.text.lineSearch = 0;
  }

  /** NDJSON lines as bytes (see {@link ByteLines}), back to the text reader at the first line that is not a value. */
  private *takeLines(chunk: Buffer): Generator<StreamItem> {
    const lines = (this.lines as ByteLines).take(chunk);
    for (let next = lines.next(); ; next = lines.next()) {
      if (next.done) {
        if (next.value === null) return;
        this.leaveLines(next.value);
        yield* this.pump();
        return;
      }
      this.text.baseLine++;
      if (next.value === BLANK_LINE) continue;
      this.steps.wholeLines++;
      yield* this.emit({ index: this.index, value: next.value });
    }
  }

  /** Back to reading as text, from the start of the line under way followed by `rest`. */
  private leaveLines(rest: Buffer): void {
    if (!this.lines) return;
    this.text.buffer = this.decoder.write(this.lines.leave(rest));
    this.text.pos = 0;
    this.text.lineSearch = 0;
    this.text.baseColumn = 1;
    this.lines = null;
  }

  /** Reads every value the buffer holds whole. */
  private *pump(): Generator<StreamItem> {
    for (;;) {
      this.text.skipSpace(this.mode === 'start');
      if (this.text.pos >= this.text.buffer.length) return;
      const step = this.mode === 'start' ? this.begin() : this.mode === 'array' ? this.steps.arrayStep(this.index) : this.mode === 'values' ? this.steps.valueStep(this.index) : this.steps.afterArray();
      if (step === WAIT) return;
      if (step === END) {
        this.mode = 'done';
        continue;
      }
      if (step) yield* this.emit(step);
    }
  }

  /** The first character says what the text is: an array, a sequence of values, or not JSON. */
  private begin(): null | typeof WAIT {
    const c = this.text.buffer[this.text.pos];
    if (c === '<' && this.text.buffer.length - this.text.pos < 512 && !this.text.final) return WAIT; // enough to tell what it is
    if (c === '[') {
      this.mode = 'array';
      this.shape.list = true;
      this.text.pos++;
    } else if (c === '<') {
      throw new WpExtractError('E_JSON', notJsonMessage(this.text.buffer.slice(this.text.pos, this.text.pos + 512)), { input: this.input, at: this.text.positionOf(this.text.pos) });
    } else this.mode = 'values';
    return null;
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
    if (this.mode === 'array') throw this.text.structureError(this.text.buffer.length, 'unexpected end of input (truncated?)');
    if (this.mode === 'start') throw new WpExtractError('E_JSON', 'malformed JSON: the input is empty', { input: this.input });
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
