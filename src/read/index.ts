import { WpExtractError } from '../errors.js';
import { parseJson } from '../parse/json.js';
import { readTextFile, readTextStream } from './file.js';
import type { HttpOptions } from './http.js';

export { decodeBytes, readTextFile, readTextStream } from './file.js';
export { HTTP_DEFAULTS, type HttpOptions } from './http.js';
export { defaultApiRoot, discover, isRestUrl, parseLinkHeader, restUrl, slugFromPath } from './discover.js';

/** Where one input comes from. */
export type Source = { kind: 'stdin'; name: 'stdin' } | { kind: 'url'; name: string } | { kind: 'file'; name: string };

/** `-` is stdin, `http(s)://...` a URL, anything else a file path. Other schemes are refused. */
export function classifyInput(argument: string): Source {
  if (argument === '-') return { kind: 'stdin', name: 'stdin' };
  if (/^https?:\/\//i.test(argument)) return { kind: 'url', name: argument };
  if (/^[a-z][a-z\d+.-]+:\/\//i.test(argument)) {
    throw new WpExtractError('E_USAGE', 'unsupported scheme (only http and https)', { input: argument });
  }
  return { kind: 'file', name: argument };
}

/** What the reader needs from the outside world. */
export interface ReadContext {
  stdin: AsyncIterable<Uint8Array | string>;
  http?: HttpOptions;
}

/** A JSON document read from a source. */
export interface ReadDocument {
  /** The name errors and reports use for it. */
  name: string;
  value: unknown;
}

/** Reads one source and parses its JSON. undici is loaded only for URLs. */
export async function readDocument(source: Source, context: ReadContext): Promise<ReadDocument> {
  switch (source.kind) {
    case 'stdin':
      return { name: source.name, value: parseJson(await readTextStream(context.stdin), source.name) };
    case 'file':
      return { name: source.name, value: parseJson(await readTextFile(source.name), source.name) };
    case 'url': {
      const { readUrl } = await import('./url.js');
      const { value } = await readUrl(source.name, context.http);
      return { name: source.name, value };
    }
  }
}
