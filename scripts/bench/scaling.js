// How the conversion itself scales on this machine, apart from reading, writing and messages:
// the posts of an NDJSON archive cleaned and converted in memory on one thread, then split
// between two (the main thread and one worker). Prints one JSON line: the seconds of each.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createExtractor } from '../../dist/extract.js';
import { parseValue } from '../../dist/parse/index.js';

/** @param {string} file @param {number} part @param {number} parts */
function convert(file, part, parts) {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const extractor = createExtractor();
  const started = performance.now();
  for (let i = part; i < lines.length; i += parts) extractor.extract(parseValue(JSON.parse(lines[i] ?? ''), file));
  return (performance.now() - started) / 1000;
}

if (isMainThread) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node scripts/bench/scaling.js ARCHIVE.ndjson');
  const one = convert(file, 0, 1);
  const worker = new Worker(new URL(import.meta.url), { workerData: file });
  const other = new Promise((resolve) => worker.once('message', resolve));
  const mine = convert(file, 0, 2);
  const theirs = /** @type {number} */ (await other);
  console.log(JSON.stringify({ one, two: Math.max(mine, theirs), halves: [mine, theirs] }));
} else {
  parentPort?.postMessage(convert(workerData, 1, 2));
}
