import { setImmediate } from 'node:timers/promises';
import { createJobConverter, type Converted, type ConvertSettings, type Job } from './convert.js';
import type { InputItem } from './inputs.js';
import type { ThreadEntry, WorkerPool } from './pool.js';

/** An item of the run after conversion: a converted post, an error, or a note; in input order. */
export type Outcome =
  | { input: string; list: boolean; converted: Converted; error?: undefined; note?: undefined }
  | { input: string; list: boolean; error: unknown; converted?: undefined; note?: undefined }
  | { input: string; list: boolean; note: string; converted?: undefined; error?: undefined };

/** Posts after which a run is long, for ThreadEntry.longRun. */
export const LONG_RUN_POSTS = 200;

/** Posts under way per converting thread before the oldest must be handed on. */
const AHEAD_PER_THREAD = 4;

/**
 * Converting on the main thread for this long, with more posts of a list to come, is what makes
 * worker threads worth starting by default: each loads the bundle and warms up before it
 * helps, which costs more than a small run takes (see BENCHMARKS.md).
 */
export const WORKERS_PAY_AFTER_MS = 250;

/**
 * ...and only when posts take this long each on average: a worker costs the main thread a
 * message each way per post, and two threads of this machine's two cores convert at most
 * 1.1-1.3× faster than one (BENCHMARKS.md), so posts of up to 20 kB (an archive of real posts,
 * 1 ms each once warm; one of 2-20 kB posts, about 2 ms) convert faster on the main thread
 * alone, and an archive with long posts (3.5 ms and more) gains from a worker.
 */
export const WORKERS_PAY_PER_POST_MS = 3;

/**
 * Converts posts in input order, on the main thread and, with `jobs` above 1, on worker
 * threads that start once the work in sight pays for them. N jobs means N - 1 workers and the
 * main thread, which converts whenever they are all busy, so no more isolates (and their
 * memory) are started than there are threads.
 */
export class Conversion {
  private readonly here: (job: Job) => Converted;
  private pool: WorkerPool | null = null;
  private poolTried = false;
  /** Milliseconds the main thread has spent converting, and the posts it converted. */
  private busy = 0;
  private done = 0;
  /** Where the current window of measurement started (busy, done), how many windows have passed, and how many slow ones in a row. */
  private window = { busy: 0, done: 0, count: 0, slow: 0 };
  private toldBroken = false;

  /**
   * @param startAfter main-thread milliseconds of conversion after which workers start: 0 when
   *   the threads were asked for, else WORKERS_PAY_AFTER_MS.
   */
  constructor(
    private readonly settings: ConvertSettings,
    private readonly jobs: number,
    private readonly startAfter: number,
    private readonly entry: ThreadEntry | undefined,
    /** Tells what the threads do (for --verbose). */
    private readonly tell: (line: string) => void,
  ) {
    this.here = createJobConverter(settings);
  }

  /** The outcomes of the items, in their order, as soon as each is ready. */
  async *inOrder(items: AsyncIterable<InputItem>): AsyncGenerator<Outcome> {
    const queue: Array<Promise<Outcome>> = [];
    let count = 0;
    for await (const item of items) {
      if (++count === LONG_RUN_POSTS) this.entry?.longRun?.();
      const { input, list } = item;
      if (item.post) queue.push(this.convert({ post: item.post, input }, list).then((converted) => ({ input, list, converted }), (error: unknown) => ({ input, list, error })));
      else queue.push(Promise.resolve(item.note !== undefined ? { input, list, note: item.note } : { input, list, error: item.error }));
      const window = this.pool ? this.jobs * AHEAD_PER_THREAD : 1;
      while (queue.length >= window) yield await (queue.shift() as Promise<Outcome>);
    }
    while (queue.length > 0) yield await (queue.shift() as Promise<Outcome>);
  }

  private async convert(job: Job, list: boolean): Promise<Converted> {
    if (!this.poolTried && this.jobs > 1 && list && this.pays()) await this.startPool();
    // Converting here runs without a break, so let the workers' replies in first: a worker that
    // has finished gets the next post rather than waiting for this one.
    if (this.pool && !this.pool.hasRoom) await setImmediate();
    if (this.pool?.hasRoom) {
      const pool = this.pool;
      // Only --meta reads a post's meta (an export's is whole, a page builder's data among it): not copied to a worker otherwise.
      const sent = this.settings.extract.meta.length > 0 || job.post.meta === undefined ? job : { ...job, post: { ...job.post, meta: undefined } };
      // A worker that stops hands its posts back: they are converted here.
      return pool.run(sent).catch((error: unknown) => {
        if (!pool.broken) throw error;
        if (!this.toldBroken) this.tell(`${error instanceof Error ? error.message : String(error)}: converting on the main thread from here`);
        this.toldBroken = true;
        return this.here(job);
      });
    }
    const started = process.hrtime.bigint();
    try {
      return this.here(job);
    } finally {
      this.busy += Number(process.hrtime.bigint() - started) / 1e6;
      this.done++;
    }
  }

  /**
   * Whether worker threads pay now: when asked for (startAfter 0), or by measurement, window by
   * window of `startAfter` ms of conversion on the main thread: the first two windows warm the
   * code up (posts take twice as long as later) and are not counted; two later ones in a row
   * whose posts took WORKERS_PAY_PER_POST_MS or more each start them (one slow window is as
   * often a busy moment of the machine as long posts). An archive of small posts never does.
   */
  private pays(): boolean {
    if (this.startAfter === 0) return true;
    const spent = this.busy - this.window.busy;
    if (spent < this.startAfter) return false;
    const perPost = spent / Math.max(1, this.done - this.window.done);
    const slow = this.window.count > 1 && perPost >= WORKERS_PAY_PER_POST_MS ? this.window.slow + 1 : 0;
    this.window = { busy: this.busy, done: this.done, count: this.window.count + 1, slow };
    return slow >= 2;
  }

  /** Starts the workers, loading their module only now (most runs never need it). */
  private async startPool(): Promise<void> {
    this.poolTried = true;
    const { LIBRARY_THREAD, WorkerPool, workersAvailable } = await import('./pool.js');
    const entry = this.entry ?? LIBRARY_THREAD;
    if (!workersAvailable(entry)) return; // running from the TypeScript sources
    this.pool = new WorkerPool(this.jobs - 1, this.settings, entry);
    this.tell(`converting on ${this.jobs} threads`);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
