// The fixed cost of a post: posts of 30 bytes, 2 kB and 20 kB of HTML, each size an NDJSON
// archive of 1,000 posts. Prints one JSON line: per size, the milliseconds per post of our own
// work (parse → prepare → clean → convert → render, in process, after a warm-up pass, no file
// system), and of the whole command writing a folder (`-o DIR --jobs 1`, less its start-up,
// measured as `-V`), which adds reading, names, the state and the file system's own cost.
//
//   npm run build && node scripts/bench/perpost.js
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJobConverter } from '../../dist/run/convert.js';
import { EXTRACT_DEFAULTS, OUTPUT_DEFAULTS } from '../../dist/plan.js';
import { parseValue } from '../../dist/parse/index.js';
import { fixtureBodies, makePost, random } from './inputs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, '.bench');
const bin = join(root, 'bin/wp-extract.js');
const COUNT = 1000;
mkdirSync(work, { recursive: true });
const source = fixtureBodies(join(root, 'fixtures'));

/** @param {number} size */
function archive(size) {
  const next = random(size);
  const lines = [];
  for (let id = 1; id <= COUNT; id++) {
    const post = size <= 30 ? { ...makePost(source, id, 0, next), content: { rendered: '<p>A short post, thirty B.</p>', protected: false } } : makePost(source, id, size, next);
    lines.push(JSON.stringify(post));
  }
  const file = join(work, `perpost-${size}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** @param {string[]} args */
function seconds(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`wp-extract ${args.join(' ')}: ${String(result.stderr)}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

const convert = createJobConverter({ extract: EXTRACT_DEFAULTS, dialect: 'markdown', render: { ...OUTPUT_DEFAULTS, target: 'default' } });
const startup = median([0, 1, 2, 3, 4].map(() => seconds(['-V'])));
const rows = [];
for (const size of [30, 2_000, 20_000]) {
  const file = archive(size);
  const posts = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const own = [];
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const [i, line] of posts.entries()) convert({ post: parseValue(JSON.parse(line), `x[${i}]`), input: `x[${i}]` });
    if (pass > 0) own.push((performance.now() - started) / posts.length);
  }
  const out = join(work, 'perpost-out');
  const whole = [];
  for (let i = 0; i < 3; i++) {
    rmSync(out, { recursive: true, force: true });
    whole.push(((seconds([file, '-o', out, '-q', '--jobs', '1']) - startup) * 1000) / posts.length);
  }
  rmSync(out, { recursive: true, force: true });
  const bytes = JSON.parse(posts[0] ?? '{}').content.rendered.length;
  rows.push({ size, bytes, ownMs: median(own), wholeMs: median(whole) });
}
console.log(JSON.stringify({ posts: COUNT, startupMs: startup * 1000, rows }));
