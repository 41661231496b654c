import { stackOf, toWpExtractError } from '../errors.js';
import { createJobConverter, type ConvertSettings, type Job } from './convert.js';
import type { WorkerReply } from './pool.js';

/**
 * The loop of a worker thread of the pool: converts the jobs it is sent, one at a time, in
 * order, with the converter the main thread builds from the same settings. Called by whatever
 * loaded the code on this thread: bin/wp-extract.js for the command (the same bundle, loaded
 * the same way as on the main thread), `thread.js` for the library.
 */
export function serveJobs(): void {
  // Loaded here, not at the top: the bundle that holds this loop starts every run.
  const { parentPort: port, workerData } = process.getBuiltinModule('node:worker_threads');
  if (!port) return;
  const convert = createJobConverter(workerData as ConvertSettings);
  port.on('message', ({ id, job }: { id: number; job: Job }) => {
    let reply: WorkerReply;
    try {
      reply = { id, ok: true, converted: convert(job) };
    } catch (error) {
      const e = toWpExtractError(error, 'E_INTERNAL', job.input);
      reply = { id, ok: false, error: { code: e.code, message: e.message, input: e.input, stack: stackOf(e) } };
    }
    port.postMessage(reply);
  });
}
