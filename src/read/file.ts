import { readFile } from 'node:fs/promises';
import { WpExtractError } from '../errors.js';

/** Messages for the file errors a user can meet, by errno code. */
export const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a JSON file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/**
 * Decodes bytes as text: UTF-8 by default (invalid sequences become U+FFFD), UTF-16 when a
 * byte-order mark says so (PowerShell's `>` writes UTF-16LE).
 */
export function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** Reads a file as text, turning file-system errors into one-line `E_READ` errors. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return decodeBytes(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = FILE_ERRORS[code] ?? `cannot read (${code || (error as Error).message})`;
    throw new WpExtractError('E_READ', reason, { input: path, cause: error });
  }
}

/** Reads a whole stream (stdin) as text. */
export async function readTextStream(stream: AsyncIterable<Uint8Array | string>, name = 'stdin'): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  } catch (error) {
    throw new WpExtractError('E_READ', `cannot read (${(error as Error).message})`, { input: name, cause: error });
  }
  return decodeBytes(Buffer.concat(chunks));
}
