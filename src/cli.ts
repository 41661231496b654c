import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CLEANERS } from './clean/index.js';
import { errorLine, ExitCode, stackOf, WpExtractError, toWpExtractError } from './errors.js';
import { DESCRIPTION, EXAMPLES, NO_INPUT, SEE_HELP, STDIN_TWICE } from './messages.js';
import { defaultJobs, EXTRACT_DEFAULTS, LINK_MODES, OUTPUT_DEFAULTS, planRun, type ExtractSettings, type RunOptions } from './plan.js';
import type { Filters } from './read/filters.js';
import { runPipeline } from './run/index.js';
import { HTTP_DEFAULTS, type HttpOptions } from './read/http.js';
import { classifyInput } from './read/index.js';
import { FRONT_MATTER_STYLES, OUTPUT_FORMATS, type FrontMatterStyle, type OutputFormat } from './render/index.js';
import { TARGET_NAMES, TARGETS, type LinkMode, type TargetName } from './targets/index.js';
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

const positiveNumber =
  (name: string, scale = 1) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new WpExtractError('E_USAGE', `${name}: expected a positive number, got "${value}"`);
    return n * scale;
  };

const wholeNumber =
  (name: string, min = 0) =>
  (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) {
      throw new WpExtractError('E_USAGE', `${name}: expected a whole number${min > 0 ? ` of at least ${min}` : ''}, got "${value}"`);
    }
    return Number(value);
  };

/** `10M`, `512k`, `2000000`. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!match) throw new WpExtractError('E_USAGE', `--max-size: expected a size such as 50M, got "${value}"`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

/** `user:password`; the password is never echoed back, even in an error. */
export function parseAuth(value: string, from: string): { user: string; password: string } {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new WpExtractError('E_USAGE', `${from}: expected user:password (an application password)`);
  return { user: value.slice(0, colon), password: value.slice(colon + 1) };
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
/** The statuses --status takes. */
const STATUSES = ['publish', 'future', 'draft', 'pending', 'private', 'all'];

/** `--status draft,private`: each a status WordPress has (a typo would silently match nothing). */
function statusList(value: string): string[] {
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = list.find((status) => !STATUSES.includes(status));
  if (list.length === 0 || unknown !== undefined) {
    throw new WpExtractError('E_USAGE', `--status: expected ${STATUSES.join(', ')} (comma-separated), got "${unknown ?? value}"`);
  }
  return list;
}

/** The options that shape the output: format, front matter, cleaning. */
function outputOptions(program: Command): Command {
  return program
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default(OUTPUT_DEFAULTS.format))
    .addOption(
      new Option('--front-matter <style>', 'front matter of Markdown output').choices(FRONT_MATTER_STYLES).default(OUTPUT_DEFAULTS.frontMatter),
    )
    .option('--no-clean', 'run no cleaner: keep every widget (--remove still applies)')
    .option('--skip-cleaner <name>', 'skip one cleaner, by name (repeatable; see --list-cleaners)', collect)
    .option('--remove <selector>', 'also remove elements matching a CSS selector (repeatable)', collect)
    .option('--list-cleaners', 'list the cleaners in the order they run, and exit')
    .addOption(
      new Option('--shortcodes <mode>', 'unexpanded [shortcodes]: keep them (with a warning) or strip them')
        .choices(['keep', 'strip'])
        .default(EXTRACT_DEFAULTS.shortcodes),
    )
    .addOption(
      new Option('--image-size <size>', "an image's own src, or the largest candidate of its srcset")
        .choices(['src', 'largest'])
        .default(EXTRACT_DEFAULTS.imageSize),
    );
}

function archiveOptions(program: Command): Command {
  return program
    .optionsGroup('Archives:')
    .option('-o, --output <dir>', 'write one Markdown file per post into a folder (files that exist are skipped)')
    .addOption(
      new Option('--preset <name>', 'the static site generator the folder is for: its paths, front matter keys, static folder and links').choices(TARGET_NAMES),
    )
    .option('--path <template>', `file path under --output, from {yyyy} {mm} {dd} {slug} {id} {type} {section} (default: the preset's, "${TARGETS.default.template}" without one)`)
    .option('--force', 'rewrite files that exist')
    .addOption(new Option('--links <mode>', 'links between posts of the archive: rewrite them to where the folder serves each post, or keep them (default: rewrite with --preset, else keep)').choices(LINK_MODES))
    .option('--update', 'bring the folder up to date: fetch and write only the posts new or changed since it was written, and report those gone upstream')
    .option('--prune', 'with --update: remove the files of posts gone upstream, and their images that no other post uses')
    .option('--images', 'download the images posts use, and link to the copies: into media/ under --output, or with --preset where the generator publishes them, at their WordPress paths')
    .option('--images-beside', 'the same, saving each image beside the post that uses it (Hugo page bundles)')
    .option('-j, --jobs <n>', `threads converting posts (default: one per core, ${defaultJobs()} here, started once a run is large enough to gain from them)`, wholeNumber('--jobs', 1))
    .option('-q, --quiet', 'no progress line and no summary');
}

function siteOptions(program: Command): Command {
  return program
    .optionsGroup('Sites and exports:')
    .option('--type <type>', 'post type to read: posts, pages, a custom type, or all (every type of content) (default: posts from a site or an export, every type a file holds)')
    .option('--status <list>', 'statuses to include, comma-separated: publish, future, draft, pending, private, or all (default: publish; a site with --auth: all it shows)', statusList)
    .option('--comments', "each post's approved comments: a Comments section after a Markdown post, a comments array in JSON")
    .option('--protected', 'keep the content of password-protected posts (an export holds it; left out by default)')
    .option('--after <date>', 'only posts published after this date (2024-01-31)')
    .option('--before <date>', 'only posts published before this date')
    .option('--category <slug>', 'only posts in this category (repeatable)', collect)
    .option('--tag <slug>', 'only posts with this tag (repeatable)', collect)
    .option('--search <text>', 'only posts matching this search')
    .option('--limit <n>', 'stop after this many posts', wholeNumber('--limit', 1))
    .option('--auth <user:password>', 'an application password, for drafts and private posts (or set WP_AUTH)');
}

function httpOptions(program: Command): Command {
  const seconds = (name: string, help: string, value: number): Option =>
    new Option(`${name} <seconds>`, help).argParser(positiveNumber(name, 1000)).default(value, String(value / 1000));
  return program
    .optionsGroup('HTTP:')
    .addOption(seconds('--timeout', 'total time allowed for one request', HTTP_DEFAULTS.timeout))
    .addOption(seconds('--connect-timeout', 'time allowed to connect', HTTP_DEFAULTS.connectTimeout))
    .addOption(new Option('--max-size <size>', 'largest response accepted, before and after decompression').argParser(parseSize).default(HTTP_DEFAULTS.maxBytes, '50M'))
    .addOption(new Option('--max-redirects <n>', 'redirects followed').argParser(wholeNumber('--max-redirects')).default(HTTP_DEFAULTS.maxRedirects))
    .addOption(new Option('--concurrency <n>', 'requests at once').argParser(wholeNumber('--concurrency', 1)).default(HTTP_DEFAULTS.concurrency))
    .addOption(new Option('--retries <n>', 'retries on 429, 5xx and dropped connections').argParser(wholeNumber('--retries')).default(HTTP_DEFAULTS.retries))
    .addOption(new Option('--delay <seconds>', 'least time between the starts of two requests (politeness: 0 for none)').argParser((v) => (v === '0' ? 0 : positiveNumber('--delay', 1000)(v))).default(HTTP_DEFAULTS.delay, String(HTTP_DEFAULTS.delay / 1000)))
    .option('--user-agent <text>', 'the User-Agent header (default: "wp-extract/VERSION")');
}

function createProgram(io: CliIO): Command {
  const program = new Command('wp-extract')
    .description(DESCRIPTION)
    .argument('[input...]', 'post JSON or NDJSON files, WordPress exports (.xml, .xml.gz), folders of them, - for stdin, or http(s) URLs (default: stdin when it is not a terminal)');
  return httpOptions(siteOptions(archiveOptions(outputOptions(program))))
    .optionsGroup('Other:')
    .option('--verbose', 'report what each cleaner removed and each file written, and show stack traces of errors')
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

interface RawOptions {
  format: OutputFormat;
  frontMatter: FrontMatterStyle;
  clean: boolean;
  skipCleaner?: string[];
  remove?: string[];
  listCleaners?: boolean;
  shortcodes: 'keep' | 'strip';
  imageSize: 'src' | 'largest';
  comments?: boolean;
  output?: string;
  preset?: TargetName;
  path?: string;
  force?: boolean;
  update?: boolean;
  prune?: boolean;
  links?: LinkMode;
  images?: boolean;
  imagesBeside?: boolean;
  quiet?: boolean;
  jobs?: number;
  type?: string;
  after?: string;
  before?: string;
  category?: string[];
  tag?: string[];
  search?: string;
  limit?: number;
  status?: string[];
  protected?: boolean;
  auth?: string;
  timeout: number;
  connectTimeout: number;
  maxSize: number;
  maxRedirects: number;
  concurrency: number;
  retries: number;
  delay: number;
  userAgent?: string;
  verbose?: boolean;
}

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
  const opts = program.opts<RawOptions>();
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
function credentialsOf(args: readonly string[], opts: RawOptions, env: CliIO['env']): { inputs: string[]; auth: Auth | undefined } {
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

function extractOf(opts: RawOptions): ExtractSettings {
  return { clean: opts.clean, skip: opts.skipCleaner ?? [], remove: opts.remove ?? [], shortcodes: opts.shortcodes, imageSize: opts.imageSize, comments: opts.comments === true };
}

function httpOf(opts: RawOptions, auth: Auth | undefined): HttpOptions {
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

function filtersOf(opts: RawOptions): Partial<Filters> {
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
function folderOf(opts: RawOptions): RunOptions['output'] {
  if (opts.output === undefined) {
    for (const [flag, value] of [['path', opts.path], ['preset', opts.preset], ['force', opts.force], ['images', opts.images], ['images-beside', opts.imagesBeside], ['update', opts.update], ['prune', opts.prune], ['links', opts.links]] as const) {
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
