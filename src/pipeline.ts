import { formatReport } from './clean/index.js';
import { ExitCode, WpExtractError, toWpExtractError } from './errors.js';
import { createExtractor, type ExtractOptions } from './extract.js';
import { parseValue } from './parse/index.js';
import type { ExtractedPost } from './post.js';
import { HttpClient, type HttpOptions } from './read/http.js';
import { expandSources, readSource, type CrawlOptions, type Source, type StreamShape } from './read/index.js';
import { jsonRecordOf, renderMarkdown, type FrontMatterScheme, type FrontMatterStyle, type OutputFormat } from './render/index.js';
import { htmlToText } from './convert/text.js';
import { DirectoryWriter, type DirectoryOptions } from './write/directory.js';
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
}

/** The outside world of a run. */
export interface RunIO {
  stdout: TextSink;
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: AsyncIterable<Uint8Array | string>;
  /** Called with a function that stops writing and removes half-written files, for the signal handlers. */
  onCleanup?(cleanup: () => Promise<void>): void;
  now?(): number;
}

/** After this many items of one input that are not posts, and no post, the input is given up. */
const NOT_POSTS_LIMIT = 3;

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

  const gathered: unknown[] = [];
  let gatheredList = options.sources.length > 1;
  let printed = 0;
  const emit = async (post: ExtractedPost): Promise<void> => {
    if (writer) {
      const outcome = await writer.write(post);
      counts[outcome.status]++;
      for (const warning of outcome.warnings) say(`${outcome.path}: warning: ${warning}`);
      if (options.verbose) say(`${outcome.path}: ${outcome.status}`);
      progress?.tick();
      return;
    }
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
          try {
            if (item.error) throw item.error;
            const post = parseValue(item.value, input, source.kind === 'url');
            posts++;
            const { post: extracted, reports } = extractor.extract(post);
            for (const report of reports) {
              if (report.warning) say(`${input}: warning: ${report.warning}`);
              if (options.verbose) say(`${input}: ${formatReport(report)}`);
            }
            await emit(extracted);
          } catch (error) {
            fail(error, input);
            progress?.tick();
            if (error instanceof WpExtractError && error.code === 'E_NOT_POST' && posts === 0 && ++notPosts >= NOT_POSTS_LIMIT) {
              say(`${source.name}: the first ${NOT_POSTS_LIMIT} items are not posts; skipping the rest`);
              break;
            }
          }
        }
      } catch (error) {
        fail(error, source.name);
      }
      gatheredList ||= shape.list;
    }
    if (!writer && options.format === 'json' && (gathered.length > 0 || gatheredList)) {
      await writeText(io.stdout, `${JSON.stringify(gatheredList ? gathered : gathered[0], null, 2)}\n`);
    }
  } catch (error) {
    fail(error, options.sources[0]?.name ?? '');
  } finally {
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

export function stackOf(error: Error): string {
  const lines = [error.stack ?? String(error)];
  let cause = error.cause;
  while (cause instanceof Error) {
    lines.push(`Caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}
