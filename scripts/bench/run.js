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
import { fixtureBodies, makeArchive, makePost, random, realArchive } from './inputs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, '.bench');
const bin = join(root, 'bin', 'wp-extract.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const crawl = !args.includes('--no-crawl');

const SIZES = quick ? { archive: 2_000, memory: [1_000, 5_000] } : { archive: 2_000, memory: [1_000, 5_000, 10_000] };
const REPEATS = quick ? { startup: 10, throughput: 3, crawl: 1 } : { startup: 60, throughput: 6, crawl: 7 };
const PANDOC_SAMPLE = quick ? 20 : 100;

/** @param {string} line */
const log = (line) => process.stderr.write(`bench: ${line}\n`);
/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * The median of the rounds' own ratios a[i] / b[i]: the commands of a round ran back to back,
 * so a slow moment of the machine slows both sides of a ratio alike.
 * @param {number[]} a @param {number[]} b
 */
const pairedRatio = (a, b) => median(a.map((value, i) => value / (b[i] ?? value)));
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

// The real archive of issue 15: the shared corpus's real posts and the seed, cycled.
const corpus = join(root, '../shared/corpus');
const seedPost = join(root, '../shared/seed/sotnews-post-104444.json');
const real = existsSync(corpus) && existsSync(seedPost) ? realArchive(corpus, seedPost, SIZES.archive) : null;
const realFile = join(work, `real-${SIZES.archive}.ndjson`);
if (real) writeFileSync(realFile, real.ndjson);
const realBytes = real ? real.html.reduce((sum, html) => sum + Buffer.byteLength(html), 0) : 0;
const realSizes = real ? real.html.map((html) => Buffer.byteLength(html)).sort((a, b) => a - b) : [0];
if (real) log(`real archive: ${SIZES.archive} posts cycled from ${real.originals} real posts, ${fixed(Buffer.byteLength(real.ndjson) / 1e6, 1)} MB of NDJSON, median post ${fixed(median(realSizes) / 1000, 1)} kB of HTML`);
else log('real archive: ../shared/corpus is not beside the project; left out');

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
const results = { startup: [], throughput: [], archives: [], perPost: null, pandoc: null, memory: [], crawl: [], crawlRatio: 1, scaling: { one: 0, two: 0, ratio: 0 } };

// ---------------------------------------------------------------- 1. start-up
log('start-up');
{
  /** @type {any} */
  const samples = { node: [], version: [] };
  for (const name of Object.keys(posts)) samples[name] = [];
  // Interleaved, so that a noisy moment of the machine hits every command alike.
  for (let i = 0; i < REPEATS.startup; i++) {
    samples.node.push(timed(process.execPath, ['-e', '0']));
    samples.version.push(timed(process.execPath, [bin, '--version']));
    for (const [name, file] of Object.entries(posts)) samples[name].push(timed(process.execPath, [bin, file]));
  }
  const ratio = (/** @type {number[]} */ times) => pairedRatio(times, samples.node);
  results.startup.push({ what: '`node -e 0`', seconds: median(samples.node), ratio: 1 });
  results.startup.push({ what: '`wp-extract --version` (Node.js, loading the bundle and its code cache, the options)', seconds: median(samples.version), ratio: ratio(samples.version) });
  for (const name of Object.keys(posts)) {
    results.startup.push({ what: `\`wp-extract post.json > /dev/null\`, ${name} post`, seconds: median(samples[name]), ratio: ratio(samples[name]) });
  }
}

// ---------------------------------------------------------------- 2. throughput
/**
 * One archive: wp-extract with default settings and with `--jobs 1` writing a folder, against
 * bare turndown writing one file per post, interleaved round by round.
 * @param {string} label @param {string} file @param {number} bytes
 */
function throughput(label, file, bytes) {
  log(`throughput: ${label}`);
  const out = join(work, 'out');
  /** @type {any} */
  const runs = {
    ours: { label: `wp-extract \`-o DIR\` (default settings: ${cpus().length} threads when they pay)`, samples: [] },
    ours1: { label: 'wp-extract `-o DIR --jobs 1`', samples: [] },
    turndown: { label: 'bare turndown, one process, one `writeFileSync` per post (no cleaning, no front matter)', samples: [] },
    // Not converters users would run: how far bare turndown itself gets with wp-extract's writes and threads.
    asyncWrites: { label: 'ceiling: bare turndown writing as wp-extract does (on libuv\'s threads, 16 files at once)', samples: [] },
    threads: { label: `ceiling: bare turndown on ${cpus().length} worker threads, writing as wp-extract does`, samples: [] },
  };
  /** @type {Array<[any, string[]]>} */
  const commands = [
    [runs.ours, [bin, file, '-o', out, '-q']],
    [runs.ours1, [bin, file, '-o', out, '-q', '--jobs', '1']],
    [runs.turndown, [join(root, 'scripts/bench/turndown.js'), file, out]],
    [runs.asyncWrites, [join(root, 'scripts/bench/turndown.js'), file, out, '--async']],
    [runs.threads, [join(root, 'scripts/bench/turndown.js'), file, out, '--threads', String(cpus().length)]],
  ];
  // Each round starts with the next command, so that each runs in every place of a round equally
  // often; before each run the last one's files are removed and written back to disk (sync),
  // so that no run pays for its predecessor's file system work.
  for (let i = 0; i < REPEATS.throughput; i++) {
    for (let k = 0; k < commands.length; k++) {
      const [run, args] = /** @type {[any, string[]]} */ (commands[(i + k) % commands.length]);
      rmSync(out, { recursive: true, force: true });
      spawnSync('sync');
      run.samples.push(timed(process.execPath, args));
    }
    log(`  round ${i + 1}: ${Object.values(runs).map((r) => fixed(r.samples.at(-1))).join(' s, ')} s`);
  }
  rmSync(out, { recursive: true, force: true });
  const rows = Object.values(runs).map((run) => {
    const seconds = median(run.samples);
    return { what: run.label, seconds, postsPerSecond: SIZES.archive / seconds, mbPerSecond: bytes / 1e6 / seconds, vsTurndown: pairedRatio(runs.turndown.samples, run.samples) };
  });
  const ceiling = Math.max(...[runs.asyncWrites, runs.threads].map((run) => pairedRatio(runs.turndown.samples, run.samples)));
  return { label, rows, jobs: pairedRatio(runs.ours1.samples, runs.ours.samples), ceiling };
}
results.archives = [throughput('fixture archive', archiveFile, htmlBytes)];
if (real) results.archives.push(throughput('real archive', realFile, realBytes));
results.throughput = results.archives[0].rows;

// The fixed cost of a post (scripts/bench/perpost.js).
{
  log('fixed cost per post');
  const run = spawnSync(process.execPath, [join(root, 'scripts/bench/perpost.js')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`perpost.js failed: ${run.stderr}`);
  results.perPost = JSON.parse(run.stdout);
}

// The conversion alone, in memory, on one thread and on two: how far the machine lets it scale.
{
  log('scaling of the conversion alone');
  /** @type {Array<{ one: number, two: number }>} */
  const samples = [];
  for (let i = 0; i < REPEATS.throughput; i++) {
    const run = spawnSync(process.execPath, [join(root, 'scripts/bench/scaling.js'), real ? realFile : archiveFile], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`scaling.js failed: ${run.stderr}`);
    const { one, two } = JSON.parse(run.stdout);
    samples.push({ one, two });
  }
  const one = median(samples.map((s) => s.one));
  const two = median(samples.map((s) => s.two));
  results.scaling = { one, two, ratio: one / two };
  log(`  one thread ${fixed(one)} s, two ${fixed(two)} s`);
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
    for (const jobs of ['1', 'default']) {
      rmSync(out, { recursive: true, force: true });
      const started = process.hrtime.bigint();
      const mib = peakRss(process.execPath, [bin, file, '-o', out, '-q', ...(jobs === 'default' ? [] : ['--jobs', jobs])]);
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
  const crawlOnce = (/** @type {string} */ jobs) => {
    rmSync(out, { recursive: true, force: true });
    const seconds = timed(process.execPath, [bin, site, '-o', out, '-q', ...(jobs === '1' ? ['--jobs', '1'] : [])]);
    count = countFiles(out);
    return seconds;
  };
  // One crawl first, not counted: the site's first answers (PHP, the database's caches) are slower.
  crawlOnce('1');
  /** @type {Record<string, number[]>} */
  const samples = { default: [], 1: [] };
  for (let i = 0; i < REPEATS.crawl; i++) for (const jobs of ['default', '1']) samples[jobs]?.push(crawlOnce(jobs));
  for (const jobs of ['default', '1']) {
    const seconds = median(samples[jobs] ?? []);
    results.crawl.push({ jobs, posts: count, seconds, postsPerSecond: count / seconds });
    log(`  jobs ${jobs}: ${count} posts in ${fixed(seconds)} s`);
  }
  results.crawlRatio = pairedRatio(samples[1] ?? [], samples.default ?? []);
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
const startup = results.startup.find((/** @type {any} */ row) => row.what.includes('2 kB'));
const largestMemory = SIZES.memory.at(-1);
const memoryAt = (/** @type {string} */ jobs) => results.memory.filter((/** @type {any} */ row) => row.jobs === jobs);
const defaultMemory = memoryAt('default');
const peakDefault = defaultMemory.at(-1)?.mib ?? null;
const flatness = defaultMemory.length > 1 ? defaultMemory.at(-1).mib / defaultMemory[0].mib : null;
/** @param {boolean} ok */
const mark = (ok) => (ok ? 'met' : '**not met**');
/** @param {any} archive */
const row = (archive, /** @type {number} */ i) => archive.rows[i];
const fixedCost = results.perPost.rows;

const lines = [];
lines.push('# Benchmarks', '');
lines.push(`Sections 1 to 4 written by \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\` (scripts/bench/run.js) on ${new Date().toISOString().slice(0, 10)}; sections 5 and 6 by their own scripts, as each says.`);
lines.push(`Machine: ${cpu}, ${cpus().length} cores, ${fixed(totalmem() / 2 ** 30, 1)} GiB RAM (${fixed(freemem() / 2 ** 30, 1)} GiB free), ${process.platform}, a sandboxed kernel where a file system call costs more than on a laptop.`);
lines.push(`Versions: wp-extract ${pkg.version}, Node.js ${process.version}, turndown ${dep('turndown')}, cheerio ${dep('cheerio')}, ${pandoc ?? 'pandoc not installed'}.`);
lines.push('Figures are medians over repeated runs of the built command (bin/wp-extract.js, a new process each), interleaved so that a noisy moment of the machine hits every command alike (the throughput rounds each start with the next command, after the last run\'s files are removed and written back); runs of the same command here vary by 10 to 20 %. A ratio between two commands is the median of each round\'s own ratio: the commands of a round ran back to back.', '');
lines.push(`Inputs: the **fixture archive**, ${SIZES.archive} posts of 2 kB to 200 kB of HTML made of whole fixture bodies (scripts/bench/inputs.js: ${fixed(htmlBytes / 1e6, 1)} MB of HTML, median post ${Math.round(median(sizes) / 1000)} kB), so Booster blocks, share buttons, tables, galleries and code appear as in the fixtures;`);
lines.push(real ? `and the **real archive**, ${SIZES.archive} posts made by cycling through every post of \`../shared/corpus/real-posts\` and the seed (${real.originals} posts; ids, slugs and links made unique; ${fixed(Buffer.byteLength(real.ndjson) / 1e6, 1)} MB of NDJSON, median post ${fixed(median(realSizes) / 1000, 1)} kB of HTML: many real posts are short).` : 'the real archive needs ../shared/corpus beside the project and was left out.', '');

lines.push('## Targets', '');
lines.push('| target | measured | |');
lines.push('|---|---|---|');
for (const archive of results.archives) {
  const ours = row(archive, 0);
  lines.push(`| default settings at least 1.25× bare turndown's throughput, writing a folder (${archive.label}) | ${fixed(ours.vsTurndown)}× (${fixed(ours.seconds)} s against ${fixed(row(archive, 2).seconds)} s; bare turndown itself with wp-extract's writes and threads reaches ${fixed(archive.ceiling)}×) | ${mark(ours.vsTurndown >= 1.25)} |`);
}
for (const archive of results.archives) {
  lines.push(`| the default \`--jobs\` never slower than \`--jobs 1\` (${archive.label}) | ${fixed(archive.jobs)}× as fast (${fixed(row(archive, 0).seconds)} s against ${fixed(row(archive, 1).seconds)} s) | ${mark(archive.jobs >= 0.95)} (within the machine's noise when ≥ 0.95×) |`);
}
if (results.crawl.length === 2) {
  const [def, one] = results.crawl;
  lines.push(`| the default \`--jobs\` never slower than \`--jobs 1\` (a crawl) | ${fixed(results.crawlRatio)}× as fast (${fixed(def.seconds)} s against ${fixed(one.seconds)} s) | ${mark(results.crawlRatio >= 0.95)} (within the machine's noise when ≥ 0.95×) |`);
}
lines.push(`| a 30-byte post costs at most 1 ms of our own work | ${fixed(fixedCost[0].ownMs, 2)} ms (the whole command: ${fixed(fixedCost[0].wholeMs, 2)} ms a post with its file) | ${mark(fixedCost[0].ownMs <= 1)} |`);
if (peakDefault !== null) lines.push(`| peak RSS of a ${largestMemory}-post run with default settings at most 150 MiB, flat with size | ${fixed(peakDefault, 0)} MiB (${defaultMemory.map((/** @type {any} */ r) => `${r.posts}: ${fixed(r.mib, 0)}`).join(', ')} MiB; ${fixed(flatness ?? 1)}× from the smallest) | ${mark(peakDefault <= 150)} |`);
lines.push(`| start-up within 1.5× \`node -e 0\` | ${fixed(startup.ratio)}× (${fixed(startup.seconds * 1000, 0)} ms against ${fixed(results.startup[0].seconds * 1000, 0)} ms) | ${mark(startup.ratio <= 1.5)} |`);
lines.push('');

lines.push('## 1. Start-up', '');
lines.push(`Wall time of one run, stdout to /dev/null, medians of ${REPEATS.startup} interleaved rounds (the ratio: the median of each round's own ratio to \`node -e 0\`). The difference between two rows is what the second adds: loading the bundle (its code cache, compiled by V8 without parsing; yaml, TOML and the WXR reader's XML parser are separate files loaded only when used), then reading, cleaning and converting the post with code that runs for the first time.`, '');
lines.push('| command | median | against `node -e 0` |');
lines.push('|---|---:|---:|');
for (const r of results.startup) lines.push(`| ${r.what} | ${fixed(r.seconds * 1000, 0)} ms | ${fixed(r.ratio)}× |`);
lines.push('');

lines.push('## 2. Throughput', '');
for (const archive of results.archives) {
  lines.push(`The ${archive.label}, ${SIZES.archive} posts, whole process wall time (start-up, reading and writing every file included). The two ceiling rows are scripts/bench/turndown.js with \`--async\` and \`--threads\`: bare turndown with nothing else to do, writing as wp-extract writes, on one thread and on every core: how much faster than the baseline turndown itself gets on this machine with what wp-extract does to go faster (its own parse of the HTML aside).`, '');
  lines.push('| converter | median | posts/s | MB/s of HTML | against bare turndown |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const r of archive.rows) lines.push(`| ${r.what} | ${fixed(r.seconds)} s | ${fixed(r.postsPerSecond, 0)} | ${fixed(r.mbPerSecond)} | ${fixed(r.vsTurndown)}× |`);
  lines.push('');
}
if (results.pandoc) {
  const p = results.pandoc;
  lines.push(`pandoc \`-f html -t gfm\`, one process per post, on the first ${p.posts} posts of the fixture archive: ${fixed(p.seconds)} s, ${fixed(p.postsPerSecond, 1)} posts/s.`, '');
}
lines.push(`The conversion alone (scripts/bench/scaling.js: clean and convert in memory, no reading, writing or messages) on the ${real ? 'real' : 'fixture'} archive: one thread ${fixed(results.scaling.one)} s, split between two threads ${fixed(results.scaling.two)} s, ${fixed(results.scaling.ratio)}×: two threads of this machine convert at most that much faster than one, before any message between them. By default, worker threads start only by measurement, window by window of 250 ms of conversion on the main thread: after two windows that warm the code up, once two windows in a row took 3 ms or more a post (src/run/threads.ts, WORKERS_PAY_PER_POST_MS, which the measurements here chose; one slow window is as often a busy moment of the machine): on the real archive's short posts and the memory archives' posts of 2 to 20 kB they never start.`, '');
lines.push(`Fixed cost per post (scripts/bench/perpost.js, ${results.perPost.posts} posts of each size; our own work is parse → prepare → clean → convert → render in process after a warm-up pass; the whole command is \`-o DIR --jobs 1\` less its start-up of ${fixed(results.perPost.startupMs, 0)} ms, with reading, names, the folder's state and one new file per post):`, '');
lines.push('| post | our own work | the whole command, per post |');
lines.push('|---|---:|---:|');
for (const r of fixedCost) lines.push(`| ${r.size <= 30 ? `${r.bytes} bytes` : `${fixed(r.bytes / 1000, 1)} kB`} | ${fixed(r.ownMs, 2)} ms | ${fixed(r.wholeMs, 2)} ms |`);
lines.push('');

if (results.memory.length) {
  lines.push('## 3. Memory', '');
  lines.push('Peak resident set size (GNU time `%M`, the whole process with its worker threads) converting NDJSON archives of posts of 2 kB to 20 kB to a folder. Once a run passes 200 posts, bin/wp-extract.js lets V8 grow its heaps by a third at most after a full collection (`--heap-growing-percent=35`; V8 grows them by up to 4× by default, so that the heap of a long run kept growing though what it keeps alive does not: 10,000 posts took 196 MiB on one thread before).', '');
  lines.push('| posts | MB of HTML | threads | peak RSS | time |');
  lines.push('|---:|---:|---:|---:|---:|');
  for (const r of results.memory) lines.push(`| ${r.posts} | ${fixed(r.mb, 0)} | ${r.jobs} | ${fixed(r.mib, 0)} MiB | ${fixed(r.seconds, 1)} s |`);
  lines.push('');
}

lines.push('## 4. Crawl', '');
if (results.crawl.length) {
  lines.push(`The local WordPress of scripts/wordpress/setup.sh (Debian's WordPress on \`php -S\` with 8 PHP workers and MariaDB, on this machine), \`wp-extract ${site} -o DIR\` with default settings (4 requests at once, at most 10 a second) and with \`--jobs 1\`: every post listed and converted, pages of 100 with \`_embed\`.`, '');
  lines.push('| threads | posts | median | posts/s |');
  lines.push('|---|---:|---:|---:|');
  for (const r of results.crawl) lines.push(`| ${r.jobs} | ${r.posts} | ${fixed(r.seconds)} s | ${fixed(r.postsPerSecond, 0)} |`);
} else {
  lines.push('Not measured in this run (`--no-crawl`, or WordPress could not be started: it needs root to install).');
}
lines.push('');

// Sections 5 and after are written by their own scripts: kept as they are.
const file = join(root, 'BENCHMARKS.md');
const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
const rest = before.indexOf('\n## 5.');
writeFileSync(file, `${lines.join('\n')}${rest === -1 ? '' : before.slice(rest)}`);
process.stdout.write(`${lines.join('\n')}\n`);
