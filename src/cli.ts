import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CLEANERS, formatReport } from './clean/index.js';
import { ExitCode, WpExtractError, toWpExtractError } from './errors.js';
import { createExtractor, type ExtractOptions } from './extract.js';
import { DESCRIPTION, EXAMPLES, NO_INPUT, SEE_HELP, STDIN_TWICE } from './messages.js';
import { parseDocument } from './parse/index.js';
import type { ExtractedPost } from './post.js';
import { classifyInput, readDocument, type Source } from './read/index.js';
import { HTTP_DEFAULTS, type HttpOptions } from './read/http.js';
import { FRONT_MATTER_STYLES, OUTPUT_FORMATS, renderPosts, type FrontMatterStyle, type OutputFormat } from './render/index.js';
import { writeText, type TextSink } from './write/output.js';

/** The outside world the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: TextSink;
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
}

/** Everything the command line decides, as one typed value. */
export interface CliOptions {
  sources: Source[];
  format: OutputFormat;
  frontMatter: FrontMatterStyle;
  extract: ExtractOptions;
  http: HttpOptions;
  verbose: boolean;
}

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const positiveNumber =
  (name: string, scale = 1) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new WpExtractError('E_USAGE', `${name}: expected a positive number, got "${value}"`);
    return n * scale;
  };

const wholeNumber =
  (name: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value)) throw new WpExtractError('E_USAGE', `${name}: expected a whole number, got "${value}"`);
    return Number(value);
  };

/** `10M`, `512k`, `2000000`. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!match) throw new WpExtractError('E_USAGE', `--max-size: expected a size such as 50M, got "${value}"`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function createProgram(io: CliIO): Command {
  const program = new Command('wp-extract')
    .description(DESCRIPTION)
    .argument('[input...]', 'post JSON file, - for stdin, or an http(s) URL (default: stdin when it is not a terminal)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('md'))
    .addOption(
      new Option('--front-matter <style>', 'front matter of Markdown output').choices(FRONT_MATTER_STYLES).default('yaml'),
    )
    .option('--no-clean', 'run no cleaner: keep every widget (--remove still applies)')
    .option('--skip-cleaner <name>', 'skip one cleaner, by name (repeatable; see --list-cleaners)', collect)
    .option('--remove <selector>', 'also remove elements matching a CSS selector (repeatable)', collect)
    .option('--list-cleaners', 'list the cleaners in the order they run, and exit')
    .addOption(
      new Option('--shortcodes <mode>', 'unexpanded [shortcodes]: keep them (with a warning) or strip them')
        .choices(['keep', 'strip'])
        .default('keep'),
    )
    .addOption(
      new Option('--image-size <size>', "an image's own src, or the largest candidate of its srcset")
        .choices(['src', 'largest'])
        .default('src'),
    )
    .addOption(
      new Option('--timeout <seconds>', 'total time allowed for a URL')
        .argParser(positiveNumber('--timeout', 1000))
        .default(HTTP_DEFAULTS.timeout, String(HTTP_DEFAULTS.timeout / 1000)),
    )
    .addOption(
      new Option('--connect-timeout <seconds>', 'time allowed to connect')
        .argParser(positiveNumber('--connect-timeout', 1000))
        .default(HTTP_DEFAULTS.connectTimeout, String(HTTP_DEFAULTS.connectTimeout / 1000)),
    )
    .addOption(
      new Option('--max-size <size>', 'largest response accepted, before and after decompression')
        .argParser(parseSize)
        .default(HTTP_DEFAULTS.maxBytes, '50M'),
    )
    .addOption(
      new Option('--max-redirects <n>', 'redirects followed')
        .argParser(wholeNumber('--max-redirects'))
        .default(HTTP_DEFAULTS.maxRedirects),
    )
    .option('--verbose', 'report what each cleaner removed, and show stack traces of errors')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by main() as one line; commander's own print is dropped.
      outputError: () => undefined,
    });
  // Help and version text is written through io.stdout, so tests and pipes see it.
  program.configureHelp({ helpWidth: 100 });
  return program;
}

type Parsed = { kind: 'run'; options: CliOptions } | { kind: 'exit'; code: ExitCode };

/**
 * Parses argv (without `node` and the script) into options. `--help`, `--version` and
 * `--list-cleaners` print and ask to exit; bad arguments throw `E_USAGE`.
 */
export function parseCommandLine(argv: readonly string[], io: CliIO): Parsed {
  const program = createProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { kind: 'exit', code: 0 };
      const message = error.message.replace(/^error:\s*/i, '').replace(/\n[\s\S]*$/, '');
      throw new WpExtractError('E_USAGE', `${message} ${SEE_HELP}`, { cause: error });
    }
    // Errors thrown by our own argument parsers arrive wrapped or not, depending on commander.
    throw toWpExtractError(error, 'E_USAGE');
  }
  const opts = program.opts<{
    format: OutputFormat;
    frontMatter: FrontMatterStyle;
    clean: boolean;
    skipCleaner?: string[];
    remove?: string[];
    listCleaners?: boolean;
    shortcodes: 'keep' | 'strip';
    imageSize: 'src' | 'largest';
    timeout: number;
    connectTimeout: number;
    maxSize: number;
    maxRedirects: number;
    verbose?: boolean;
  }>();
  if (opts.listCleaners) {
    const width = Math.max(...CLEANERS.map((c) => c.name.length));
    void io.stdout.write(CLEANERS.map((c) => `${c.name.padEnd(width)}  ${c.description}\n`).join(''));
    return { kind: 'exit', code: 0 };
  }
  const args = program.args.length > 0 ? program.args : io.stdin.isTTY ? [] : ['-'];
  if (args.length === 0) throw new WpExtractError('E_USAGE', NO_INPUT);
  if (args.filter((a) => a === '-').length > 1) throw new WpExtractError('E_USAGE', STDIN_TWICE);
  return {
    kind: 'run',
    options: {
      sources: args.map(classifyInput),
      format: opts.format,
      frontMatter: opts.frontMatter,
      extract: {
        clean: opts.clean,
        skip: opts.skipCleaner ?? [],
        remove: opts.remove ?? [],
        shortcodes: opts.shortcodes,
        imageSize: opts.imageSize,
      },
      http: {
        timeout: opts.timeout,
        connectTimeout: opts.connectTimeout,
        maxBytes: opts.maxSize,
        maxRedirects: opts.maxRedirects,
        userAgent: `wp-extract/${VERSION}`,
      },
      verbose: opts.verbose === true,
    },
  };
}

/**
 * Runs the command line and returns the exit status. Output goes to `io.stdout`; every error,
 * warning and report to `io.stderr`, one line each (`--verbose` adds stack traces).
 */
export async function main(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  let verbose = argv.includes('--verbose');
  const fail = (error: unknown): ExitCode => {
    const e = toWpExtractError(error, 'E_INTERNAL');
    const line = e.code === 'E_INTERNAL' ? `internal error: ${e.toLine()}` : e.toLine();
    io.stderr.write(`wp-extract: ${line}\n`);
    if (verbose) io.stderr.write(`${stackOf(e)}\n`);
    return e.exitCode;
  };

  let options: CliOptions;
  let extractor;
  try {
    const parsed = parseCommandLine(argv, io);
    if (parsed.kind === 'exit') return parsed.code;
    options = parsed.options;
    verbose = options.verbose;
    extractor = createExtractor(options.extract);
  } catch (error) {
    return fail(error);
  }

  let status: ExitCode = ExitCode.Ok;
  const worst = (code: ExitCode): void => {
    if (code > status) status = code;
  };
  // JSON output is one document: posts of every input are gathered and printed at the end.
  const gathered: ExtractedPost[] = [];
  let gatheredList = options.sources.length > 1;

  for (const source of options.sources) {
    let name = source.name;
    try {
      const document = await readDocument(source, { stdin: io.stdin, http: options.http });
      name = document.name;
      const parsed = parseDocument(document.value, name);
      const posts: ExtractedPost[] = [];
      for (const item of parsed.items) {
        if ('error' in item) {
          worst(fail(item.error));
          continue;
        }
        try {
          const { post, reports } = extractor.extract(item.post);
          for (const report of reports) {
            if (report.warning) io.stderr.write(`wp-extract: ${item.input}: warning: ${report.warning}\n`);
            if (verbose) io.stderr.write(`wp-extract: ${item.input}: ${formatReport(report)}\n`);
          }
          posts.push(post);
        } catch (error) {
          worst(fail(toWpExtractError(error, 'E_INTERNAL', item.input)));
        }
      }
      if (options.format === 'json') {
        gathered.push(...posts);
        gatheredList ||= parsed.list;
      } else {
        await writeText(io.stdout, renderPosts(posts, parsed.list, options));
      }
    } catch (error) {
      worst(fail(toWpExtractError(error, 'E_INTERNAL', name)));
    }
  }
  if (options.format === 'json' && (gathered.length > 0 || gatheredList)) {
    await writeText(io.stdout, renderPosts(gathered, gatheredList, options));
  }
  return status;
}

function stackOf(error: Error): string {
  const lines = [error.stack ?? String(error)];
  let cause = error.cause;
  while (cause instanceof Error) {
    lines.push(`Caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}

/** Runs the CLI against the real process: exit code, and a quiet end when stdout is closed. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `wp-extract ... | head -1`: the reader has gone; stop quietly.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
}
