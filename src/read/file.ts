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
  Z_DATA_ERROR: 'corrupt gzip data',
  Z_BUF_ERROR: 'the gzip data ends too soon (truncated?)',
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
