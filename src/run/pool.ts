import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WpExtractError, type ErrorCode } from '../errors.js';
import type { Converted, ConvertSettings, Job } from './convert.js';

/** What a worker sends back for one job. */
export type WorkerReply =
  | { id: number; ok: true; converted: Converted }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; input: string | undefined; stack: string } };

/**
 * The script a worker thread starts with, and the arguments that tell it it is one. The
 * command line passes bin/wp-extract.js, so that its threads load the bundle exactly as the
 * main thread did; the library's default is its own `thread.js`.
 */
export interface ThreadEntry {
  script: string;
  argv: string[];
  /**
   * Called once when a run turns out long (LONG_RUN_POSTS posts): the command tunes the engine
   * for it (bin/wp-extract.js), where a run of a few posts does not pay for that.
   */
  longRun?: () => void;
}

/** The library's worker script; absent when running from the TypeScript sources (tests). */
export const LIBRARY_THREAD: ThreadEntry = { script: fileURLToPath(new URL('./thread.js', import.meta.url)), argv: [] };

/** Whether worker threads can be started from this entry (its script exists). */
export function workersAvailable(entry: ThreadEntry): boolean {
  return existsSync(entry.script);
}

/**
 * A worker's old generation is bounded, so that its garbage is collected instead of growing the
 * process (10,000 posts of an export peaked at 316 MiB with an unbounded worker); a post too
 * large for it makes the worker stop, and that post is converted on the main thread. The young
 * generation keeps its default size: bounding it too saved little memory and cost 10-20 % time.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 96 };

/** Jobs a worker holds at once: one it converts and one ready for when it is done. */
const JOBS_PER_WORKER = 2;

interface Pending {
  resolve(converted: Converted): void;
  reject(error: Error): void;
}

/**
 * Worker threads that each run the pure core (clean → convert → render) on the jobs they are
 * sent. A job goes to the worker with the fewest jobs waiting; results come back as promises,
 * in whatever order the workers finish (the pipeline puts them back in order).
 */
export class WorkerPool {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(size: number, settings: ConvertSettings, entry: ThreadEntry) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry.script, { workerData: settings, argv: entry.argv, resourceLimits: WORKER_HEAP });
      const pending = new Map<number, Pending>();
      worker.on('message', (reply: WorkerReply) => {
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        pending.delete(reply.id);
        if (reply.ok) waiting.resolve(reply.converted);
        else {
          const { code, message, input, stack } = reply.error;
          const error = new WpExtractError(code, message, { input });
          error.stack = stack;
          waiting.reject(error);
        }
      });
      // A worker that dies (out of memory on a huge post, a crash) fails the jobs it held, and
      // the pool takes no more: the pipeline converts the rest on the main thread.
      const fail = (error: Error): void => {
        this.failure ??= error;
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (pending.size > 0) fail(new WpExtractError('E_INTERNAL', `a worker thread stopped (exit code ${code})`));
      });
      this.workers.push({ worker, pending });
    }
  }

  /** Whether a worker stopped (out of memory on a huge post, a crash): the pool takes no more jobs. */
  get broken(): boolean {
    return this.failure !== null;
  }

  /** Whether a worker has room for another job: one converting and one waiting each. */
  get hasRoom(): boolean {
    return this.failure === null && this.workers.some(({ pending }) => pending.size < JOBS_PER_WORKER);
  }

  /** Converts a job on the least busy worker. */
  run(job: Job): Promise<Converted> {
    if (this.failure) return Promise.reject(this.failure);
    let chosen = this.workers[0];
    for (const candidate of this.workers) if (chosen && candidate.pending.size < chosen.pending.size) chosen = candidate;
    if (!chosen) return Promise.reject(new WpExtractError('E_INTERNAL', 'no worker thread'));
    const { worker, pending } = chosen;
    const id = this.nextId++;
    return new Promise<Converted>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
