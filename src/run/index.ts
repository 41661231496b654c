import type { ExitCode } from '../errors.js';
import { planRun, type RunPlan, type RunOptions } from '../plan.js';
import type { HttpClient } from '../read/http.js';
import { HttpClient as Client } from '../read/http.js';
import type { TextSink } from '../write/output.js';
import type { SiteData } from '../parse/menus.js';
import { checkSite } from './check.js';
import { readInputs } from './inputs.js';
import type { ThreadEntry } from './pool.js';
import { LossReport } from './losses.js';
import { RunReport } from './report.js';
import { Mirror } from '../mirror/index.js';
import { StdoutSink, type Sink } from './sinks.js';
import { Conversion, WORKERS_PAY_AFTER_MS } from './threads.js';

export type { RunOptions } from '../plan.js';

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

/**
 * Runs the pipeline over every input: read → parse → (prepare → clean → convert → render, on
 * one thread or several) → stdout or a folder. One post failing never stops the run; the
 * status is the worst error met (0 when none).
 */
export async function runPipeline(options: RunOptions, io: RunIO): Promise<ExitCode> {
  const report = new RunReport(io, options.verbose === true);
  let run: RunPlan;
  try {
    run = planRun(options);
  } catch (error) {
    report.fail(error, '');
    return report.status;
  }
  if (run.report !== null) report.losses = new LossReport(run.report);
  let client: HttpClient | null = null;
  const getClient = (): HttpClient => (client ??= new Client(run.http));
  if (run.check !== null) {
    const items = readInputs(run.sources, { stdin: io.stdin, client: getClient, crawl: run.crawl, filters: run.filters });
    await checkSite(run.check, items, io, report, run.quiet).catch((error: unknown) => report.fail(error, run.sources[0]?.name ?? ''));
    await (client as HttpClient | null)?.close();
    return report.status;
  }
  let folder: Mirror | null = null;
  try {
    folder = run.folder ? await openFolder(run, getClient, report, io) : null;
  } catch (error) {
    report.fail(error, run.folder?.dir ?? '');
    return report.status;
  }
  const sink: Sink = folder ? folder.sink : new StdoutSink(io.stdout, run.format, report);
  // With --images, the Markdown is rendered after the image links are rewritten.
  const render = run.folder?.images ? null : run.output;
  const startAfter = run.jobsGiven ? 0 : WORKERS_PAY_AFTER_MS;
  const conversion = new Conversion({ extract: run.extract, dialect: run.dialect, render }, run.jobs, startAfter, io.threads, (line) => report.detail(line));
  // Whether the output is a list when no post came (JSON then prints `[]`); a post says it itself.
  let list = run.sources.length > 1;
  try {
    const items = readInputs(run.sources, {
      stdin: io.stdin,
      client: getClient,
      crawl: folder ? folder.crawl(run.crawl) : run.crawl,
      filters: run.filters,
      // A folder for a generator takes what the sources say of their site (menus, terms) too.
      ...(folder && run.target.dataDir !== null ? { site: (data: SiteData) => folder?.siteData(data) } : {}),
      expect: (total) => report.expect(total),
      sawList: () => (list = true),
    });
    for await (const outcome of conversion.inOrder(folder ? folder.filter(items) : items)) await sink.put(outcome);
  } catch (error) {
    report.fail(error, run.sources[0]?.name ?? '');
  } finally {
    await sink.finish(list).catch(() => undefined);
    await conversion.close();
    await folder?.close();
    await (client as HttpClient | null)?.close();
  }
  await report.losses?.write().catch((error: unknown) => report.fail(error, run.report ?? ''));
  report.finish();
  if (run.folder) report.summary(run.folder.dir, run.quiet, run.folder.update, (client as HttpClient | null)?.requests ?? 0);
  return report.status;
}

/** The output folder of a run, locked, with its state; a signal lets it go. */
async function openFolder(run: RunPlan, client: () => HttpClient, report: RunReport, io: RunIO): Promise<Mirror> {
  const folder = await Mirror.open(run.folder as NonNullable<RunPlan['folder']>, run, client, report);
  io.onCleanup?.(() => folder.abort());
  if (io.stderr.isTTY && !run.quiet) report.showProgress();
  return folder;
}
