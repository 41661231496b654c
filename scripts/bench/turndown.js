// The baseline of the throughput benchmark: the HTML of every post of an NDJSON archive through
// bare turndown (one TurndownService on its defaults, in a loop), as someone would convert posts
// without wp-extract: nothing is cleaned, and with OUTDIR each post's Markdown is written to its
// own file (no front matter, no safety). Prints the number of posts and of Markdown characters,
// so the work cannot be optimised away.
//
//   node scripts/bench/turndown.js ARCHIVE.ndjson [OUTDIR]            one process, one writeFileSync per post
//   node scripts/bench/turndown.js ARCHIVE.ndjson OUTDIR --async      writes on libuv's threads (16 at once), as wp-extract writes
//   node scripts/bench/turndown.js ARCHIVE.ndjson OUTDIR --threads N  N worker threads, each converting every Nth post, writing as --async
//
// The last two are not baselines but a ceiling: the fastest that turndown alone, with the same
// kind of writes as wp-extract and every core, converts and writes the archive on this machine.
import { mkdirSync, readFileSync, writeFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import TurndownService from 'turndown';

/** Files written at once with --async (as wp-extract's folder writer). */
const IN_FLIGHT = 16;

/**
 * Converts the posts of `lines` (every `step`th from `first`), writing each file with `write`.
 * @param {string[]} lines @param {number} first @param {number} step
 * @param {(path: string, markdown: string) => Promise<void> | void} write
 */
async function convert(lines, first, step, write) {
  const service = new TurndownService();
  let posts = 0;
  let chars = 0;
  for (let i = first; i < lines.length; i += step) {
    const post = JSON.parse(/** @type {string} */ (lines[i]));
    const markdown = service.turndown(post.content.rendered);
    await write(`${post.id}.md`, markdown);
    chars += markdown.length;
    posts++;
  }
  return { posts, chars };
}

/** A writer of files in `out` on libuv's threads, at most IN_FLIGHT at once. @param {string} out */
function asyncWriter(out) {
  /** @type {Array<() => void>} */
  const waiting = [];
  let pending = 0;
  /** @type {Array<Promise<void>>} */
  const all = [];
  const write = async (/** @type {string} */ name, /** @type {string} */ markdown) => {
    if (pending >= IN_FLIGHT) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
    pending++;
    all.push(
      new Promise((resolve, reject) =>
        writeFile(join(out, name), markdown, (error) => {
          pending--;
          waiting.shift()?.();
          if (error) reject(error);
          else resolve();
        }),
      ),
    );
  };
  return { write, done: () => Promise.all(all) };
}

if (isMainThread) {
  const [file, out, mode, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: node scripts/bench/turndown.js ARCHIVE.ndjson [OUTDIR [--async | --threads N]]');
  if (out) mkdirSync(out, { recursive: true });
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  let result;
  if (mode === '--threads') {
    const threads = Number(count);
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, first) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { lines, first, step: threads, out } });
        return new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      }),
    );
    result = parts.reduce((sum, part) => ({ posts: sum.posts + part.posts, chars: sum.chars + part.chars }), { posts: 0, chars: 0 });
  } else if (mode === '--async' && out) {
    const writer = asyncWriter(out);
    result = await convert(lines, 0, 1, writer.write);
    await writer.done();
  } else {
    result = await convert(lines, 0, 1, (name, markdown) => {
      if (out) writeFileSync(join(out, name), markdown);
    });
  }
  console.log(JSON.stringify(result));
} else {
  const { lines, first, step, out } = workerData;
  const writer = asyncWriter(out);
  const result = await convert(lines, first, step, writer.write);
  await writer.done();
  parentPort?.postMessage(result);
}
