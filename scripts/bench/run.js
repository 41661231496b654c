// npm run bench: builds its own inputs from fixtures/, measures wp-extract against `node -e 0`,
// bare turndown and pandoc, its memory on large archives and a crawl of the local WordPress,
// and writes the tables to BENCHMARKS.md. Every figure is a median over repeated runs of the
// built command (bin/wp-extract.js), as a user runs it.
//
//   npm run bench                 the full run (about ten minutes on 2 cores)
//   npm run bench -- --quick      smaller archives and fewer repeats, to try a change
//   npm run bench -- --no-crawl   leave out the site crawl (it needs root to install WordPress)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureBodies, makeArchive, makePost, random } from './inputs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, '.bench');
const bin = join(root, 'bin', 'wp-extract.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const crawl = !args.includes('--no-crawl');

const SIZES = quick ? { archive: 2_000, memory: [1_000, 5_000] } : { archive: 2_000, memory: [1_000, 10_000, 50_000] };
const REPEATS = quick ? { startup: 10, throughput: 2, crawl: 1 } : { startup: 30, throughput: 3, crawl: 3 };
const PANDOC_SAMPLE = quick ? 20 : 100;

/** @param {string} line */
const log = (line) => process.stderr.write(`bench: ${line}\n`);
/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
/** @param {number} n */
const fixed = (n, digits = 2) => n.toFixed(digits);

/**
 * Runs a command to the end, stdout discarded (`input` piped in); returns seconds.
 * @param {string} command @param {string[]} commandArgs
 * @param {{ input?: string, env?: Record<string, string> }} [options]
 */
function timed(command, commandArgs, { input, env } = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    input,
    env: { ...process.env, ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 400)}`);
  }
  return seconds;
}

/**
 * Peak resident memory of a command, in MiB, from GNU time (`/usr/bin/time -f %M`).
 * @param {string} command @param {string[]} commandArgs
 */
function peakRss(command, commandArgs) {
  const result = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', command, ...commandArgs], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const match = /peak-rss-kb (\d+)/.exec(String(result.stderr));
  if (result.status !== 0 || !match) throw new Error(`${command} failed: ${String(result.stderr).slice(-400)}`);
  return Number(match[1]) / 1024;
}

/** @param {string} command @param {string[]} commandArgs */
function version(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout.split('\n')[0] ?? '').trim() : null;
}

// ---------------------------------------------------------------- inputs
mkdirSync(work, { recursive: true });
const source = fixtureBodies(join(root, 'fixtures'));
log(`${source.bodies.length} fixture bodies`);

/** @type {Record<string, string>} */
const posts = {};
for (const [name, size] of /** @type {Array<[string, number]>} */ ([['2 kB', 2_000], ['20 kB', 20_000], ['200 kB', 200_000]])) {
  const file = join(work, `post-${size}.json`);
  writeFileSync(file, JSON.stringify(makePost(source, 1, size, random(size))));
  posts[name] = file;
}

const archive = makeArchive(source, SIZES.archive, { seed: 1 });
const archiveFile = join(work, `archive-${SIZES.archive}.ndjson`);
writeFileSync(archiveFile, archive.ndjson);
const htmlBytes = archive.html.reduce((sum, html) => sum + Buffer.byteLength(html), 0);
const sizes = archive.html.map((html) => Buffer.byteLength(html)).sort((a, b) => a - b);
log(`archive: ${SIZES.archive} posts, ${fixed(htmlBytes / 1e6, 1)} MB of HTML (median post ${Math.round(median(sizes) / 1000)} kB, largest ${Math.round((sizes.at(-1) ?? 0) / 1000)} kB)`);

/**
 * Memory archives are written a post at a time: 50,000 posts do not fit in a string.
 * @param {number} count
 */
function writeLargeArchive(count) {
  const file = join(work, `memory-${count}.ndjson`);
  const next = random(count);
  const fd = openSync(file, 'w');
  let bytes = 0;
  for (let id = 1; id <= count; id++) {
    const size = Math.round(2_000 * 10 ** next()); // 2 kB to 20 kB
    const post = makePost(source, id, size, next);
    bytes += Buffer.byteLength(post.content.rendered);
    writeSync(fd, `${JSON.stringify(post)}\n`);
  }
  closeSync(fd);
  return { file, bytes };
}

/** @type {any} */
const results = { startup: [], throughput: [], pandoc: null, memory: [], crawl: [], jobs: 0, scaling: { one: 0, two: 0, ratio: 0 } };

// ---------------------------------------------------------------- 1. start-up
log('start-up');
{
  /** @type {any} */
  const samples = { node: [] };
  for (const name of Object.keys(posts)) samples[name] = [];
  // Interleaved, so that a noisy moment of the machine hits every command alike.
  for (let i = 0; i < REPEATS.startup; i++) {
    samples.node.push(timed(process.execPath, ['-e', '0']));
    for (const [name, file] of Object.entries(posts)) samples[name].push(timed(process.execPath, [bin, file]));
  }
  const base = median(samples.node);
  results.startup.push({ what: '`node -e 0`', seconds: base, ratio: 1 });
  for (const name of Object.keys(posts)) {
    results.startup.push({ what: `\`wp-extract post.json > /dev/null\`, ${name} post`, seconds: median(samples[name]), ratio: median(samples[name]) / base });
  }
}

// ---------------------------------------------------------------- 2. throughput
log('throughput');
{
  const out = join(work, 'out');
  /** @type {any} */
  const runs = {
    ours1: { label: 'wp-extract `-o DIR --jobs 1` (one thread)', samples: [] },
    ours: { label: `wp-extract \`-o DIR\` (default: ${cpus().length} threads)`, samples: [] },
    turndown: { label: 'bare turndown, one process (no cleaning, no files)', samples: [] },
  };
  for (let i = 0; i < REPEATS.throughput; i++) {
    rmSync(out, { recursive: true, force: true });
    runs.ours1.samples.push(timed(process.execPath, [bin, archiveFile, '-o', out, '-q', '--jobs', '1']));
    rmSync(out, { recursive: true, force: true });
    runs.ours.samples.push(timed(process.execPath, [bin, archiveFile, '-o', out, '-q']));
    runs.turndown.samples.push(timed(process.execPath, [join(root, 'scripts/bench/turndown.js'), archiveFile]));
    log(`  round ${i + 1}: ${Object.values(runs).map((r) => fixed(r.samples.at(-1))).join(' s, ')} s`);
  }
  rmSync(out, { recursive: true, force: true });
  const turndown = median(runs.turndown.samples);
  for (const run of Object.values(runs)) {
    const seconds = median(run.samples);
    results.throughput.push({ what: run.label, seconds, postsPerSecond: SIZES.archive / seconds, mbPerSecond: htmlBytes / 1e6 / seconds, vsTurndown: turndown / seconds });
  }
  results.jobs = median(runs.ours1.samples) / median(runs.ours.samples);
}

// The conversion alone, in memory, on one thread and on two: how far the machine lets it scale.
{
  log('scaling of the conversion alone');
  /** @type {Array<{ one: number, two: number }>} */
  const samples = [];
  for (let i = 0; i < REPEATS.throughput; i++) {
    const run = spawnSync(process.execPath, [join(root, 'scripts/bench/scaling.js'), archiveFile], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`scaling.js failed: ${run.stderr}`);
    const { one, two } = JSON.parse(run.stdout);
    samples.push({ one, two });
  }
  const one = median(samples.map((s) => s.one));
  const two = median(samples.map((s) => s.two));
  results.scaling = { one, two, ratio: one / two };
}

// pandoc, one process per post, on the first posts of the same archive.
const pandoc = version('pandoc', ['--version']);
if (pandoc) {
  log(`pandoc (${PANDOC_SAMPLE} posts, one process each)`);
  const sample = archive.html.slice(0, PANDOC_SAMPLE);
  const bytes = sample.reduce((sum, html) => sum + Buffer.byteLength(html), 0);
  let seconds = 0;
  for (const html of sample) seconds += timed('pandoc', ['-f', 'html', '-t', 'gfm'], { input: html });
  results.pandoc = { seconds, posts: sample.length, postsPerSecond: sample.length / seconds, mbPerSecond: bytes / 1e6 / seconds };
} else {
  log('pandoc is not installed: its row is left out (apt-get install pandoc)');
}

// ---------------------------------------------------------------- 3. memory
const gnuTime = existsSync('/usr/bin/time');
if (gnuTime) {
  for (const count of SIZES.memory) {
    log(`memory: ${count} posts`);
    const { file, bytes } = writeLargeArchive(count);
    const out = join(work, 'out-memory');
    for (const jobs of ['1', String(cpus().length)]) {
      rmSync(out, { recursive: true, force: true });
      const started = process.hrtime.bigint();
      const mib = peakRss(process.execPath, [bin, file, '-o', out, '-q', '--jobs', jobs]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      results.memory.push({ posts: count, mb: bytes / 1e6, jobs, mib, seconds });
    }
    rmSync(out, { recursive: true, force: true });
    rmSync(file, { force: true });
  }
} else {
  log('/usr/bin/time (GNU time) is missing: memory is not measured (apt-get install time)');
}

// ---------------------------------------------------------------- 4. crawl
let site = null;
if (crawl) {
  log('crawl: starting the local WordPress (scripts/wordpress/setup.sh)');
  const setup = spawnSync('bash', [join(root, 'scripts/wordpress/setup.sh')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const env = '/tmp/wp-extract-e2e/env';
  if (setup.status === 0 && existsSync(env)) {
    site = /WP_E2E_URL=(\S+)/.exec(readFileSync(env, 'utf8'))?.[1] ?? null;
  } else {
    log(`crawl: WordPress could not be started: ${setup.stderr.trim().split('\n').at(-1)}`);
  }
}
if (site) {
  const out = join(work, 'out-crawl');
  let count = 0;
  for (const concurrency of [1, 4, 8]) {
    /** @type {number[]} */
    const samples = [];
    for (let i = 0; i < REPEATS.crawl; i++) {
      rmSync(out, { recursive: true, force: true });
      samples.push(timed(process.execPath, [bin, site, '-o', out, '-q', '--concurrency', String(concurrency)]));
      count = countFiles(out);
    }
    const seconds = median(samples);
    results.crawl.push({ concurrency, posts: count, seconds, postsPerSecond: count / seconds });
    log(`  concurrency ${concurrency}: ${count} posts in ${fixed(seconds)} s`);
  }
  rmSync(out, { recursive: true, force: true });
  spawnSync('bash', [join(root, 'scripts/wordpress/stop.sh')]);
}

/** @param {string} dir */
function countFiles(dir) {
  const list = spawnSync('find', [dir, '-name', '*.md', '-type', 'f'], { encoding: 'utf8' });
  return list.stdout.split('\n').filter(Boolean).length;
}

// ---------------------------------------------------------------- report
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** @param {string} name */
const dep = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const ours = results.throughput[1];
const ours1 = results.throughput[0];
const turndownRow = results.throughput[2];
const startup = results.startup.find((/** @type {any} */ row) => row.what.includes('2 kB'));
const peak = results.memory.length ? Math.max(...results.memory.map((/** @type {any} */ row) => row.mib)) : null;
/** @param {boolean} ok */
const mark = (ok) => (ok ? 'met' : '**not met**');

const lines = [];
lines.push('# Benchmarks', '');
lines.push(`Written by \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\` (scripts/bench/run.js) on ${new Date().toISOString().slice(0, 10)}.`);
lines.push(`Machine: ${cpu}, ${cpus().length} cores, ${fixed(totalmem() / 2 ** 30, 1)} GiB RAM (${fixed(freemem() / 2 ** 30, 1)} GiB free), ${process.platform}.`);
lines.push(`Versions: wp-extract ${pkg.version}, Node.js ${process.version}, turndown ${dep('turndown')}, cheerio ${dep('cheerio')}, ${pandoc ?? 'pandoc not installed'}.`);
lines.push('Figures are medians over repeated runs of the built command; each run is a new process.', '');
lines.push(`Inputs, built from fixtures/ by scripts/bench/inputs.js: posts of 2 kB, 20 kB and 200 kB of HTML; an NDJSON archive of ${SIZES.archive} posts of 2 kB to 200 kB (${fixed(htmlBytes / 1e6, 1)} MB of HTML, median post ${Math.round(median(sizes) / 1000)} kB), each made of whole fixture bodies, so Booster blocks, share buttons, tables, galleries and code appear as in the fixtures.`, '');

lines.push('## Targets', '');
lines.push('| target | measured | |');
lines.push('|---|---|---|');
lines.push(`| start-up within 1.5× \`node -e 0\` | ${fixed(startup.ratio)}× (${fixed(startup.seconds * 1000, 0)} ms against ${fixed(results.startup[0].seconds * 1000, 0)} ms) | ${mark(startup.ratio <= 1.5)} |`);
lines.push(`| throughput at least 1.25× bare turndown | ${fixed(ours1.vsTurndown)}× on one thread, ${fixed(ours.vsTurndown)}× on ${cpus().length} | ${mark(ours1.vsTurndown >= 1.25)} on one thread, ${mark(ours.vsTurndown >= 1.25)} on ${cpus().length} |`);
lines.push(`| both cores at least 1.7× one | ${fixed(results.jobs)}× (the conversion alone: ${fixed(results.scaling.ratio)}×) | ${mark(results.jobs >= 1.7)} |`);
if (peak !== null) lines.push(`| peak RSS at most 150 MiB whatever the archive size | ${fixed(peak, 0)} MiB at most | ${mark(peak <= 150)} |`);
if (results.pandoc) {
  const vsPandoc = ours.postsPerSecond / results.pandoc.postsPerSecond;
  lines.push(`| per-post throughput at least 10× pandoc's | ${fixed(vsPandoc, 0)}× | ${mark(vsPandoc >= 10)} |`);
}
lines.push('');

lines.push('## 1. Start-up', '');
lines.push('Wall time of one run, stdout to /dev/null.', '');
lines.push('| command | median | against `node -e 0` |');
lines.push('|---|---:|---:|');
for (const row of results.startup) lines.push(`| ${row.what} | ${fixed(row.seconds * 1000, 0)} ms | ${fixed(row.ratio)}× |`);
lines.push('');

lines.push('## 2. Throughput', '');
lines.push(`The ${SIZES.archive}-post archive, whole process wall time (start-up and reading included).`, '');
lines.push('| converter | median | posts/s | MB/s of HTML | against bare turndown |');
lines.push('|---|---:|---:|---:|---:|');
for (const row of results.throughput) {
  lines.push(`| ${row.what} | ${fixed(row.seconds)} s | ${fixed(row.postsPerSecond, 0)} | ${fixed(row.mbPerSecond)} | ${fixed(row.vsTurndown)}× |`);
}
if (results.pandoc) {
  const p = results.pandoc;
  lines.push(`| pandoc \`-f html -t gfm\`, one process per post (first ${p.posts} posts) | ${fixed(p.seconds)} s for ${p.posts} | ${fixed(p.postsPerSecond, 1)} | ${fixed(p.mbPerSecond)} | ${fixed(turndownRow.postsPerSecond ? p.postsPerSecond / turndownRow.postsPerSecond : 0)}× |`);
}
lines.push('', `${cpus().length} threads against one: ${fixed(results.jobs)}×.`);
lines.push(
  `The conversion alone (scripts/bench/scaling.js: clean and convert in memory, no reading, writing or messages), on one thread ${fixed(results.scaling.one)} s, split between two threads ${fixed(results.scaling.two)} s: ${fixed(results.scaling.ratio)}×.`,
  '',
);

if (results.memory.length) {
  lines.push('## 3. Memory', '');
  lines.push('Peak resident set size (GNU time `%M`, the whole process with its worker threads) converting NDJSON archives of posts of 2 kB to 20 kB to a folder.', '');
  lines.push('| posts | MB of HTML | threads | peak RSS | time |');
  lines.push('|---:|---:|---:|---:|---:|');
  for (const row of results.memory) lines.push(`| ${row.posts} | ${fixed(row.mb, 0)} | ${row.jobs} | ${fixed(row.mib, 0)} MiB | ${fixed(row.seconds, 1)} s |`);
  lines.push('');
}

lines.push('## 4. Crawl', '');
if (results.crawl.length) {
  lines.push(`The local WordPress of scripts/wordpress/setup.sh (Debian's WordPress on \`php -S\` with 8 PHP workers and MariaDB, on this machine), \`wp-extract ${site} -o DIR --concurrency N\`: every post listed and converted, pages of 100 with \`_embed\`.`, '');
  lines.push('| concurrency | posts | median | posts/s |');
  lines.push('|---:|---:|---:|---:|');
  for (const row of results.crawl) lines.push(`| ${row.concurrency} | ${row.posts} | ${fixed(row.seconds)} s | ${fixed(row.postsPerSecond, 0)} |`);
} else {
  lines.push('Not measured in this run (`--no-crawl`, or WordPress could not be started: it needs root to install).');
}
lines.push('');

writeFileSync(join(root, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
