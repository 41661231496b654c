import { parentPort, workerData } from 'node:worker_threads';
import { stackOf, toWpExtractError } from '../errors.js';
import { createJobConverter, type ConvertSettings, type Job } from './convert.js';
import type { WorkerReply } from './pool.js';

/** A worker thread of the pool: converts the jobs it is sent, one at a time, in order. */
const port = parentPort;
if (port) {
  const convert = createJobConverter(workerData as ConvertSettings);
  port.on('message', ({ id, job }: { id: number; job: Job }) => {
    let reply: WorkerReply;
    try {
      const converted = convert(job);
      // The main thread writes `text`; the post's HTML and Markdown need not travel back.
      reply = { id, ok: true, converted: converted.text === undefined ? converted : { ...converted, post: { ...converted.post, html: '', markdown: '' } } };
    } catch (error) {
      const e = toWpExtractError(error, 'E_INTERNAL', job.input);
      reply = { id, ok: false, error: { code: e.code, message: e.message, input: e.input, stack: stackOf(e) } };
    }
    port.postMessage(reply);
  });
}

