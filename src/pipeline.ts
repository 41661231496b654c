import { setImmediate } from 'node:timers/promises';
import { formatReport } from './clean/index.js';
import { ExitCode, stackOf, WpExtractError, toWpExtractError } from './errors.js';
import { createExtractor, type ExtractOptions } from './extract.js';
import { parseValue } from './parse/index.js';
import type { ExtractedPost } from './post.js';
import { HttpClient, type HttpOptions } from './read/http.js';
import { expandSources, readSource, type CrawlOptions, type Source, type StreamShape } from './read/index.js';
import { jsonRecordOf, renderMarkdown, type FrontMatterScheme, type FrontMatterStyle, type OutputFormat } from './render/index.js';
import { htmlToText } from './convert/text.js';
import { createJobConverter, type Converted, type ConvertSettings } from './work/convert.js';
import type { ThreadEntry, WorkerPool } from './work/pool.js';
import { DirectoryWriter, type DirectoryOptions, type WriteOutcome } from './write/directory.js';
import { writeText, type TextSink } from './write/output.js';
import { formatDuration, Progress } from './write/progress.js';

/** Everything one run needs to know. */
export interface RunOptions {
  sources: Source[];
  extract: ExtractOptions;
  format: OutputFormat;
  frontMatter: FrontMatterStyle;
  scheme: FrontMatterScheme;
  http: HttpOptions;
  crawl: CrawlOptions;
  /** Write a folder of Markdown files instead of stdout. */
  output: Omit<DirectoryOptions, 'frontMatter' | 'scheme'> | null;
  verbose: boolean;
  quiet: boolean;
  /**
   * Threads converting posts for a folder of Markdown files (`--jobs`): 1 converts on the main
   * thread; more start worker threads once an input turns out to hold several posts.
   * @default 1
   */
  jobs?: number;
}

/** The outside world of a run. */
export interface RunIO {
  stdout: TextSink;
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: AsyncIterable<Uint8Array | string>;
  /** Called with a function that stops writing and removes half-written files, for the signal handlers. */
  onCleanup?(cleanup: () => Promise<void>): void;
  now?(): number;
  /** How worker threads load the code (bin/wp-extract.js passes itself); the library's own by default. */
  threads?: ThreadEntry;
}

/** After this many items of one input that are not posts, and no post, the input is given up. */
const NOT_POSTS_LIMIT = 3;

/** Files being written at once, while the next posts convert. */
const WRITE_WINDOW = 16;
/** Posts under way per converting thread before the oldest must be reported. */
const AHEAD_PER_THREAD = 4;

/**
 * Runs the pipeline over every input: read → parse → clean → convert → render → write.
 * One post failing never stops the run; the status is the worst error met (0 when none).
 */
export async function runPipeline(options: RunOptions, io: RunIO): Promise<ExitCode> {
  const now = io.now ?? Date.now;
  const started = now();
  const extractor = createExtractor(options.extract);
  let client: HttpClient | null = null;
  const getClient = (): HttpClient => (client ??= new HttpClient(options.http));
  const writer = options.output
    ? new DirectoryWriter({ ...options.output, frontMatter: options.frontMatter, scheme: options.scheme }, getClient)
    : null;
  if (writer) io.onCleanup?.(() => writer.files.abort());
  const progress = writer && io.stderr.isTTY && !options.quiet ? new Progress(io.stderr, now) : null;

  let status: ExitCode = ExitCode.Ok;
  const failed: string[] = [];
  const counts = { written: 0, skipped: 0 };
  const say = (line: string): void => {
    progress?.clear();
    io.stderr.write(`wp-extract: ${line}\n`);
  };
  const fail = (error: unknown, input: string): void => {
    const e = toWpExtractError(error, 'E_INTERNAL', input);
    say(e.code === 'E_INTERNAL' ? `internal error: ${e.toLine()}` : e.toLine());
    if (options.verbose) io.stderr.write(`${stackOf(e)}\n`);
    if (e.exitCode > status) status = e.exitCode;
    failed.push(e.input ?? input);
  };

  // Writing a folder: posts convert (on worker threads when there are several) and files are
  // written while the next posts convert; each post is still reported, and claims its file
  // name, in input order, so names given to colliding posts, messages and the summary are
  // the same from run to run.
  const images = Boolean(options.output?.images);
  const settings: ConvertSettings = {
    extract: options.extract,
    // With --images, the Markdown is rendered after the image links are rewritten.
    render: writer && !images ? { frontMatter: options.frontMatter, scheme: options.scheme } : null,
  };
  const convertHere = createJobConverter(settings);
  const canUseWorkers = writer !== null && !images && (options.jobs ?? 1) > 1 && options.extract.rules === undefined;
  let pool: WorkerPool | null = null;
  let poolTried = false;
  const converting: Array<{ input: string; converted: Promise<Converted> }> = [];
  const writing: Array<{ input: string; converted: Converted | null; outcome: Promise<WriteOutcome> }> = [];
  const reportCleaning = (input: string, converted: Converted): void => {
    for (const report of converted.reports) {
      if (report.warning) say(`${input}: warning: ${report.warning}`);
      if (options.verbose) say(`${input}: ${formatReport(report)}`);
    }
  };
  /** Reports the oldest post under way: what its cleaners did, then its file (or its error). */
  const finishWrite = async (): Promise<void> => {
    const next = writing.shift();
    if (!next) return;
    if (next.converted) reportCleaning(next.input, next.converted);
    try {
      const outcome = await next.outcome;
      counts[outcome.status]++;
      for (const warning of outcome.warnings) say(`${outcome.path}: warning: ${warning}`);
      if (options.verbose) say(`${outcome.path}: ${outcome.status}`);
    } catch (error) {
      fail(error, next.input);
    }
    progress?.tick();
  };
  /** Takes the oldest conversion, in order: its post claims its file name and starts writing. */
  const finishConvert = async (): Promise<void> => {
    const next = converting.shift();
    if (!next || !writer) return;
    let converted: Converted | null = null;
    let outcome: Promise<WriteOutcome>;
    try {
      converted = await next.converted;
      outcome = writer.write(converted.post, converted.text);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.catch(() => undefined); // reported in order by finishWrite
    writing.push({ input: next.input, converted, outcome });
    if (writing.length >= WRITE_WINDOW) await finishWrite();
  };
  const drain = async (): Promise<void> => {
    while (converting.length > 0) await finishConvert();
    while (writing.length > 0) await finishWrite();
  };

  const gathered: unknown[] = [];
  let gatheredList = options.sources.length > 1;
  let printed = 0;
  /** Standard output: one post at a time, in order. */
  const emit = async (post: ExtractedPost): Promise<void> => {
    switch (options.format) {
      case 'json':
        gathered.push(jsonRecordOf(post));
        return;
      case 'ndjson':
        await writeText(io.stdout, `${JSON.stringify(jsonRecordOf(post))}\n`);
        return;
      case 'text':
      case 'md': {
        const text = options.format === 'md' ? renderMarkdown(post, options.frontMatter, options.scheme) : htmlToText(post.html);
        if (text === '') return;
        await writeText(io.stdout, printed++ === 0 ? text : `\n${text}`);
      }
    }
  };
  try {
    const sources = await expandSources(options.sources);
    gatheredList ||= sources.length > 1;
    for (const source of sources) {
      const shape: StreamShape = { list: false };
      let posts = 0;
      let notPosts = 0;
      try {
        let expected = false;
        for await (const item of readSource(source, { stdin: io.stdin, client: getClient, crawl: options.crawl }, shape)) {
          if (!expected && shape.total !== undefined) {
            progress?.expect(shape.total);
            expected = true;
          }
          const input = shape.list ? `${source.name}[${item.index}]` : source.name;
          let post;
          try {
            if (item.error) throw item.error;
            post = parseValue(item.value, input, source.kind === 'url');
            posts++;
          } catch (error) {
            if (writer) {
              // Reported in its place, after the posts before it.
              converting.push({ input, converted: Promise.reject(error) });
              converting.at(-1)?.converted.catch(() => undefined);
            } else {
              fail(error, input);
            }
            if (error instanceof WpExtractError && error.code === 'E_NOT_POST' && posts === 0 && ++notPosts >= NOT_POSTS_LIMIT) {
              if (writer) await drain();
              say(`${source.name}: the first ${NOT_POSTS_LIMIT} items are not posts; skipping the rest`);
              break;
            }
            continue;
          }
          if (writer) {
            // --jobs N: N - 1 worker threads, and the main thread converts whenever they are all
            // busy (besides reading and writing), so N threads convert and no more isolates
            // (and their memory) are started than there are threads.
            if (!poolTried && canUseWorkers && (shape.list || sources.length > 1)) {
              poolTried = true;
              pool = await startPool((options.jobs ?? 1) - 1, settings, io.threads);
              if (pool && options.verbose) say(`converting on ${options.jobs} threads`);
            }
            const job = { post, input };
            let converted: Promise<Converted>;
            // Converting here runs without a break, so let the workers' replies in first: a
            // worker that has finished gets the next post rather than waiting for this one.
            if (pool && !pool.hasRoom) await setImmediate();
            if (pool?.hasRoom) converted = pool.run(job);
            else {
              try {
                converted = Promise.resolve(convertHere(job));
              } catch (error) {
                converted = Promise.reject(error);
              }
            }
            converted.catch(() => undefined); // handled in order by finishConvert
            converting.push({ input, converted });
            const window = pool ? (options.jobs ?? 1) * AHEAD_PER_THREAD : 1;
            while (converting.length >= window) await finishConvert();
            continue;
          }
          try {
            const { post: extracted, reports } = extractor.extract(post);
            for (const report of reports) {
              if (report.warning) say(`${input}: warning: ${report.warning}`);
              if (options.verbose) say(`${input}: ${formatReport(report)}`);
            }
            await emit(extracted);
          } catch (error) {
            fail(error, input);
          }
        }
      } catch (error) {
        fail(error, source.name);
      }
      gatheredList ||= shape.list;
    }
    await drain();
    if (!writer && options.format === 'json' && (gathered.length > 0 || gatheredList)) {
      await writeText(io.stdout, `${JSON.stringify(gatheredList ? gathered : gathered[0], null, 2)}\n`);
    }
  } catch (error) {
    fail(error, options.sources[0]?.name ?? '');
  } finally {
    await drain().catch(() => undefined);
    await (pool as WorkerPool | null)?.close();
    await (client as HttpClient | null)?.close();
  }

  progress?.clear();
  if (writer && !options.quiet) {
    const seconds = (now() - started) / 1000;
    io.stderr.write(
      `wp-extract: ${counts.written} written, ${counts.skipped} skipped, ${failed.length} failed in ${formatDuration(seconds)} (${options.output?.dir})\n`,
    );
  }
  if (writer && failed.length > 0) {
    const shown = failed.slice(0, 20).join(', ');
    io.stderr.write(`wp-extract: failed: ${shown}${failed.length > 20 ? `, and ${failed.length - 20} more` : ''}\n`);
  }
  return status;
}

/**
 * Starts the worker threads, loading their module only now (a run of one post never needs
 * it); null when the built worker script is absent (running from the TypeScript sources).
 */
async function startPool(size: number, settings: ConvertSettings, threads: ThreadEntry | undefined): Promise<WorkerPool | null> {
  const { LIBRARY_THREAD, WorkerPool, workersAvailable } = await import('./work/pool.js');
  const entry = threads ?? LIBRARY_THREAD;
  return workersAvailable(entry) ? new WorkerPool(size, settings, entry) : null;
}
