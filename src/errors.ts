/**
 * The one error type wp-extract throws. Every failure a user can cause or meet carries a
 * machine-readable `code`, the process exit code it maps to, and the input it concerns, so
 * the CLI can print `wp-extract: <input>: <message>` and exit with the documented status.
 */

/** Exit statuses, documented in the README. */
export const ExitCode = {
  /** Everything converted. */
  Ok: 0,
  /** Bad input data: unreadable file, malformed JSON, not a post, or any post of a list failed. */
  Data: 1,
  /** Bad command line. */
  Usage: 2,
  /** Network failure or an error answer from a remote server. */
  Remote: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Error codes and the exit status each maps to. */
export const ErrorCodes = {
  /** A file or stdin could not be read. */
  E_READ: ExitCode.Data,
  /** The input is not valid JSON. */
  E_JSON: ExitCode.Data,
  /** An XML input is not a WordPress export, or its XML is broken (a truncated download). */
  E_WXR: ExitCode.Data,
  /** A site's crawl brought fewer posts than the site lists (`X-WP-Total`); what came is kept. */
  E_INCOMPLETE: ExitCode.Data,
  /** The JSON is valid but is not a post (or list of posts). */
  E_NOT_POST: ExitCode.Data,
  /** The JSON is a WordPress error body (`{code, message, data}`) read from a file or stdin. */
  E_WP_ERROR: ExitCode.Data,
  /** A field of the post has the wrong type. */
  E_FIELD: ExitCode.Data,
  /** An output file could not be written (full disk, no permission, a path that leaves the folder). */
  E_WRITE: ExitCode.Data,
  /** Another run is writing the same output folder (its lock file is there). */
  E_LOCKED: ExitCode.Data,
  /** `--check`: old addresses the built site does not answer. */
  E_UNANSWERED: ExitCode.Data,
  /** A fault in wp-extract itself (please report it, with the output of `--verbose`). */
  E_INTERNAL: ExitCode.Data,
  /** The command line is wrong. */
  E_USAGE: ExitCode.Usage,
  /** The connection failed, timed out, or was cut. */
  E_NETWORK: ExitCode.Remote,
  /** The server answered, but not with a post: an HTTP error, a WordPress error, HTML, too much data. */
  E_REMOTE: ExitCode.Remote,
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

export interface WpExtractErrorOptions {
  /** The input the error concerns: a path, `-` for stdin, a URL, or `path[3]` for a list item. */
  input?: string | undefined;
  /** The original error. */
  cause?: unknown;
  /** Where in the input the fault is (1-based), for errors that have a place. */
  at?: { line: number; column: number } | undefined;
}

export class WpExtractError extends Error {
  override readonly name = 'WpExtractError';
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  input: string | undefined;
  /** Where in the input the fault is (1-based line and column), when it has a place. */
  readonly at: { line: number; column: number } | undefined;

  constructor(code: ErrorCode, message: string, options: WpExtractErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = ErrorCodes[code];
    this.input = options.input;
    this.at = options.at;
  }

  /** The one line printed for this error: `<input>: <message>`, with newlines folded. */
  toLine(): string {
    const text = this.input ? `${this.input}: ${this.message}` : this.message;
    return text.replace(/\s*[\r\n]+\s*/g, ' ');
  }
}

/** The line printed for an error (after `wp-extract: `): a fault of wp-extract's own says so. */
export function errorLine(error: WpExtractError): string {
  return error.code === 'E_INTERNAL' ? `internal error: ${error.toLine()}` : error.toLine();
}

/** Wraps anything thrown into a WpExtractError, keeping the original as `cause`. */
export function toWpExtractError(error: unknown, fallback: ErrorCode, input?: string): WpExtractError {
  if (error instanceof WpExtractError) {
    if (error.input === undefined) error.input = input;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WpExtractError(fallback, message, { input, cause: error });
}

/** A short description of a JSON value's type, for messages: `a number`, `an array`, `null`. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

/** An error's stack with its causes' (`Caused by: ...`), for `--verbose`. */
export function stackOf(error: Error): string {
  const lines = [error.stack ?? String(error)];
  let cause = error.cause;
  while (cause instanceof Error) {
    lines.push(`Caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}
