import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CLEANERS } from './clean/index.js';
import { errorLine, ExitCode, stackOf, WpExtractError, toWpExtractError } from './errors.js';
import { DESCRIPTION, EXAMPLES, NO_INPUT, SEE_HELP, STDIN_TWICE } from './messages.js';
import { optionTable, type OptionSpec, type ParsedOptions } from './cli-options.js';
import { planRun, type ExtractSettings, type RunOptions } from './plan.js';
import type { Filters } from './read/filters.js';
import { runPipeline } from './run/index.js';
import type { HttpOptions } from './read/http.js';
import { classifyInput } from './read/index.js';
import type { TextSink } from './write/output.js';
import type { ThreadEntry } from './run/pool.js';

/** The outside world the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: TextSink;
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
  /** Environment variables (`WP_AUTH`). */
  env?: Record<string, string | undefined>;
  /** Registers what to do on SIGINT/SIGTERM (finish the writes under way, remove temporary files). */
  onCleanup?(cleanup: () => Promise<void>): void;
  /** How worker threads load the code: bin/wp-extract.js passes itself. */
  threads?: ThreadEntry;
}

/** Everything the command line decides, as one typed value. */
export type CliOptions = RunOptions;

/**
 * The package's version, from the nearest `package.json` named wp-extract above this module
 * (one folder up from `dist/`, two from the bundle in `dist/bundle/`, whose own package.json
 * only sets the module type).
 */
export const VERSION: string = (() => {
  for (let url = new URL('./package.json', import.meta.url); ; url = new URL('../package.json', url)) {
    try {
      const json = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'wp-extract' && json.version) return json.version;
    } catch {
      // not here: look one folder up
    }
    if (url.pathname === '/package.json') return 'unknown';
  }
})();

/** `user:password`; the password is never echoed back, even in an error. */
export function parseAuth(value: string, from: string): { user: string; password: string } {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new WpExtractError('E_USAGE', `${from}: expected user:password (an application password)`);
  return { user: value.slice(0, colon), password: value.slice(colon + 1) };
}

/** commander's options, built from the table, under their headings. */
function addOptions(program: Command): Command {
  let group = '';
  for (const spec of Object.values(optionTable()) as OptionSpec[]) {
    if (spec.group !== group) program.optionsGroup((group = spec.group));
    const option = new Option(spec.flags, spec.help);
    if (spec.choices) option.choices(spec.choices);
    if (spec.parse) option.argParser(spec.parse as (value: string, previous: unknown) => unknown);
    // A negated flag (`--no-clean`) defaults to true by itself.
    if (spec.default !== undefined && !spec.flags.startsWith('--no-')) option.default(spec.default, spec.defaultText);
    program.addOption(option);
  }
  return program;
}

function createProgram(io: CliIO): Command {
  const program = new Command('wp-extract')
    .description(DESCRIPTION)
    .argument('[input...]', 'post JSON or NDJSON files, WordPress exports (.xml, .xml.gz), folders of them, - for stdin, or http(s) URLs (default: stdin when it is not a terminal)');
  return addOptions(program)
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ helpWidth: 100 })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by main() as one line; commander's own print is dropped.
      outputError: () => undefined,
    });
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
      // One line: commander's "(Did you mean --format?)" hint comes after a newline.
      const message = error.message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
      throw new WpExtractError('E_USAGE', `${message} ${SEE_HELP}`, { cause: error });
    }
    throw toWpExtractError(error, 'E_USAGE');
  }
  const opts = program.opts<ParsedOptions>();
  if (opts.listCleaners) {
    const width = Math.max(...CLEANERS.map((c) => c.name.length));
    void io.stdout.write(CLEANERS.map((c) => `${c.name.padEnd(width)}  ${c.description}\n`).join(''));
    return { kind: 'exit', code: 0 };
  }
  const args = program.args.length > 0 ? program.args : io.stdin.isTTY ? [] : ['-'];
  if (args.length === 0) throw new WpExtractError('E_USAGE', NO_INPUT);
  if (args.filter((a) => a === '-').length > 1) throw new WpExtractError('E_USAGE', STDIN_TWICE);
  const { inputs, auth } = credentialsOf(args, opts, io.env);
  const options: RunOptions = {
    sources: inputs.map(classifyInput),
    format: opts.format,
    frontMatter: opts.frontMatter,
    extract: extractOf(opts),
    http: httpOf(opts, auth),
    filters: filtersOf(opts),
    output: folderOf(opts),
    verbose: opts.verbose === true,
    quiet: opts.quiet === true,
    ...(opts.report !== undefined ? { report: opts.report } : {}),
    ...(opts.check !== undefined ? { check: opts.check } : {}),
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
  };
  planRun(options); // bad combinations are usage errors, found now
  return { kind: 'run', options };
}

type Auth = { user: string; password: string };

/**
 * The inputs with any credentials taken out of their addresses (https://user:pass@site/), so
 * that no message or report can print them, and the credentials to use: --auth, else WP_AUTH,
 * else those of an address.
 */
function credentialsOf(args: readonly string[], opts: ParsedOptions, env: CliIO['env']): { inputs: string[]; auth: Auth | undefined } {
  let addressAuth: Auth | undefined;
  const inputs = args.map((arg) => {
    if (!/^https?:\/\//i.test(arg)) return arg;
    try {
      const url = new URL(arg);
      if (url.username === '' && url.password === '') return arg;
      addressAuth ??= { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
      url.username = '';
      url.password = '';
      return url.href;
    } catch {
      return arg;
    }
  });
  const authText = opts.auth ?? env?.WP_AUTH;
  const auth = authText === undefined || authText === '' ? addressAuth : parseAuth(authText, opts.auth !== undefined ? '--auth' : 'WP_AUTH');
  return { inputs, auth };
}

function extractOf(opts: ParsedOptions): Omit<ExtractSettings, 'losses'> {
  return { clean: opts.clean, skip: opts.skipCleaner ?? [], remove: opts.remove ?? [], shortcodes: opts.shortcodes, imageSize: opts.imageSize, comments: opts.comments === true, meta: opts.meta ?? [] };
}

function httpOf(opts: ParsedOptions, auth: Auth | undefined): HttpOptions {
  return {
    timeout: opts.timeout,
    connectTimeout: opts.connectTimeout,
    maxBytes: opts.maxSize,
    maxRedirects: opts.maxRedirects,
    concurrency: opts.concurrency,
    retries: opts.retries,
    delay: opts.delay,
    userAgent: opts.userAgent ?? `wp-extract/${VERSION}`,
    ...(auth ? { auth } : {}),
  };
}

function filtersOf(opts: ParsedOptions): Partial<Filters> {
  return {
    ...(opts.type !== undefined ? { type: opts.type } : {}),
    ...(opts.after !== undefined ? { after: opts.after } : {}),
    ...(opts.before !== undefined ? { before: opts.before } : {}),
    categories: opts.category ?? [],
    tags: opts.tag ?? [],
    ...(opts.search !== undefined ? { search: opts.search } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    protectedContent: opts.protected === true,
  };
}

/** The folder to write, or null; the folder's flags without --output are usage errors. */
function folderOf(opts: ParsedOptions): RunOptions['output'] {
  if (opts.output === undefined) {
    for (const [flag, value] of [['path', opts.path], ['preset', opts.preset], ['force', opts.force], ['images', opts.images], ['images-beside', opts.imagesBeside], ['media', opts.media], ['update', opts.update], ['prune', opts.prune], ['links', opts.links]] as const) {
      if (value !== undefined) throw new WpExtractError('E_USAGE', `--${flag} goes with --output`);
    }
    return null;
  }
  return {
    dir: opts.output,
    ...(opts.preset !== undefined ? { preset: opts.preset } : {}),
    ...(opts.path !== undefined ? { template: opts.path } : {}),
    force: opts.force === true,
    update: opts.update === true,
    prune: opts.prune === true,
    ...(opts.links !== undefined ? { links: opts.links } : {}),
    // A generator's images go where it publishes them, at their WordPress paths.
    images: opts.imagesBeside ? 'beside' : opts.images === true,
    ...(opts.media === true ? { media: true } : {}),
  };
}

/**
 * Runs the command line and returns the exit status. Output goes to `io.stdout`; every error,
 * warning and report to `io.stderr`, one line each (`--verbose` adds stack traces).
 */
export async function main(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  let options: CliOptions;
  try {
    const parsed = parseCommandLine(argv, io);
    if (parsed.kind === 'exit') return parsed.code;
    options = parsed.options;
  } catch (error) {
    const e = toWpExtractError(error, 'E_USAGE');
    io.stderr.write(`wp-extract: ${errorLine(e)}\n`);
    if (argv.includes('--verbose')) io.stderr.write(`${stackOf(e)}\n`);
    return e.exitCode;
  }
  return runPipeline(options, io);
}

export { serveJobs } from './run/worker.js';

/**
 * process.stdin, made only when read or asked whether it is a terminal: making it (a file's
 * read stream, when stdin is a file) loads stream modules that a run of named files never uses.
 */
function lazyStdin(): CliIO['stdin'] {
  return {
    get isTTY() {
      return process.stdin.isTTY;
    },
    [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator](),
  };
}

/** Runs the CLI against the real process: exit code, signals, and a quiet end when stdout is closed. */
export async function run(argv: readonly string[] = process.argv.slice(2), threads?: ThreadEntry): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `wp-extract ... | head -1`: the reader has gone; stop quietly.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const cleanups: Array<() => Promise<void>> = [];
  let interrupted = false;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(code); // a second signal does not wait
      interrupted = true;
      void Promise.allSettled(cleanups.map((cleanup) => cleanup())).then(() => {
        process.stderr.write(`\nwp-extract: interrupted (${signal}); files written so far are complete, rerun to finish\n`);
        process.exit(code);
      });
    });
  }
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: lazyStdin(),
    env: process.env,
    onCleanup: (cleanup) => cleanups.push(cleanup),
    ...(threads ? { threads } : {}),
  });
}
