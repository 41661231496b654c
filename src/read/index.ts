import { createReadStream, readFileSync, stat as statCallback, statSync, promises as fsp, type Stats } from 'node:fs';
import { join } from 'node:path';
import { WpExtractError } from '../errors.js';
import { FILE_ERRORS } from './file.js';
import type { HttpClient } from './http.js';
import type { CrawlOptions } from './url.js';

/**
 * Bytes read from a file at a time. Decoding UTF-8 with non-ASCII text into strings measured
 * four to six times faster in 64 KiB pieces than in 256 KiB ones (65 MB: about 0.1 s against 0.55 s).
 */
const READ_CHUNK = 64 * 1024;

/**
 * An input's file status, or null. (The callback form: `fs.promises` is loaded only when first
 * used, and a run of one post has no other use for it; loading it was a millisecond of start-up.)
 */
function statOrNull(path: string): Promise<Stats | null> {
  return new Promise((resolve) => statCallback(path, (error, info) => resolve(error ? null : info)));
}

export { decodeBytes } from './file.js';
export { HTTP_DEFAULTS, HttpClient, type HttpOptions } from './http.js';
export { jsonStream, type StreamItem, type StreamShape } from './json-stream.js';
export { defaultApiRoot, discover, isRestUrl, parseLinkHeader, restUrl, slugFromPath } from './discover.js';
export type { CrawlOptions } from './url.js';

/** Where one input comes from. */
export type Source = { kind: 'stdin'; name: 'stdin' } | { kind: 'url'; name: string } | { kind: 'file'; name: string };

/** `-` is stdin, `http(s)://...` a URL, anything else a path. Other schemes are refused. */
export function classifyInput(argument: string): Source {
  if (argument === '-') return { kind: 'stdin', name: 'stdin' };
  if (/^https?:\/\//i.test(argument)) return { kind: 'url', name: argument };
  if (/^[a-z][a-z\d+.-]+:\/\//i.test(argument)) {
    throw new WpExtractError('E_USAGE', 'unsupported scheme (only http and https)', { input: argument });
  }
  return { kind: 'file', name: argument };
}

/** The files a folder is read for: a pattern of names, and how to say it. */
export interface FolderFiles {
  pattern: RegExp;
  /** `.json, .ndjson or .jsonl`. */
  names: string;
}

/**
 * Expands folders among the inputs into the input files below them (hidden entries skipped),
 * sorted so that every run sees the same order.
 */
export async function expandSources(sources: readonly Source[], files: FolderFiles): Promise<Source[]> {
  const out: Source[] = [];
  for (const source of sources) {
    if (source.kind !== 'file') {
      out.push(source);
      continue;
    }
    const info = await statOrNull(source.name);
    if (!info?.isDirectory()) {
      out.push(source);
      continue;
    }
    const found = await filesBelow(source.name, files.pattern);
    if (found.length === 0) throw new WpExtractError('E_READ', `folder holds no ${files.names} files`, { input: source.name });
    out.push(...found.map((name): Source => ({ kind: 'file', name })));
  }
  return out;
}

async function filesBelow(folder: string, pattern: RegExp): Promise<string[]> {
  const entries = await fsp.readdir(folder, { withFileTypes: true });
  const names = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of names) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await filesBelow(path, pattern)));
    else if (entry.isFile() && pattern.test(entry.name)) out.push(path);
  }
  return out;
}

/** What reading needs from the outside world. */
export interface ReadContext {
  stdin: AsyncIterable<Uint8Array | string>;
  /** The HTTP client, made on first use (undici is loaded only for URLs). */
  client(): HttpClient;
  crawl?: CrawlOptions;
}

/** Files up to this size are read in one call: a stream takes several trips to the thread pool. */
const WHOLE_FILE = 1024 * 1024;

/** A file's bytes: at once when it is small (a single post), else as a stream of chunks. */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const stats = statSync(path);
  // Only a regular file: a pipe (`<(curl ...)`) says size 0 and may hold a whole archive.
  if (stats.isFile() && stats.size <= WHOLE_FILE) {
    yield readFileSync(path);
    return;
  }
  yield* createReadStream(path, { highWaterMark: READ_CHUNK });
}

/**
 * The bytes of a file or stdin, with the first of them (at least `HEAD_BYTES`, or all there
 * is) decoded as `head`, for readers to tell formats apart by content. File-system errors
 * become one-line `E_READ` errors.
 */
export async function openBytes(source: Source & { kind: 'file' | 'stdin' }, stdin: AsyncIterable<Uint8Array | string>): Promise<{ head: string; chunks: AsyncIterable<Uint8Array | string> }> {
  const opened = await peek(guardRead(source.kind === 'stdin' ? stdin : fileChunks(source.name), source.name));
  // gzip (an export.xml.gz, a .json.gz): the same input, decompressed as it is read.
  if (!opened.head.startsWith('\x1f\x8b')) return opened;
  return peek(guardRead(gunzip(opened.chunks), source.name));
}

async function* gunzip(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const { createGunzip } = process.getBuiltinModule('node:zlib');
  const { Readable } = process.getBuiltinModule('node:stream');
  yield* Readable.from(chunks).pipe(createGunzip()) as AsyncIterable<Uint8Array>;
}

/** The first bytes of a stream decoded as `head`, and the whole stream again. */
async function peek(source: AsyncIterable<Uint8Array | string>): Promise<{ head: string; chunks: AsyncIterable<Uint8Array | string> }> {
  const stream = source[Symbol.asyncIterator]();
  const first: Array<Uint8Array | string> = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await stream.next();
    if (next.done) {
      done = true;
      break;
    }
    first.push(next.value);
    size += next.value.length;
  }
  const head = first.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'))).join('').slice(0, HEAD_BYTES);
  const chunks = (async function* () {
    yield* first;
    if (!done) yield* { [Symbol.asyncIterator]: () => stream };
  })();
  return { head, chunks };
}

/** How much of an input is looked at to tell its format. */
const HEAD_BYTES = 1024;

/** Turns file-system errors met while streaming into one-line `E_READ` errors. */
async function* guardRead<T>(items: AsyncIterable<T>, input: string): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    if (error instanceof WpExtractError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = FILE_ERRORS[code] ?? `cannot read (${code || (error as Error).message})`;
    throw new WpExtractError('E_READ', reason, { input, cause: error });
  }
}
