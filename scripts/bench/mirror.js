// Section 6 of BENCHMARKS.md: keeping a mirror current. On the end-to-end WordPress
// (scripts/wordpress/setup.sh) filled to 1,000 published posts, through the built command with
// default settings (polite: at most 10 requests a second, 4 at once): a full crawl into a
// folder, then `--update` with nothing changed, then `--update` after two posts were edited;
// requests (the command's own count, in its summary) and wall time, one run each. The posts
// added are deleted at the end.
//
//   npm run build && bash scripts/wordpress/setup.sh && node scripts/bench/mirror.js
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './section.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/wp-extract.js');
const state = process.env.WP_E2E_STATE ?? '/tmp/wp-extract-e2e';
const site = /WP_E2E_URL=(.*)/.exec(readFileSync(join(state, 'env'), 'utf8'))?.[1]?.trim();
if (!site) throw new Error(`no WP_E2E_URL in ${state}/env: run scripts/wordpress/setup.sh first`);
const POSTS = Number(process.env.MIRROR_POSTS ?? 1000);

/** @param {string[]} args */
function wordpress(...args) {
  const result = spawnSync('php', [join(root, 'scripts/wordpress/mirror.php'), ...args], { encoding: 'utf8', env: { ...process.env, HTTP_HOST: '127.0.0.1' } });
  if (result.status !== 0) throw new Error(`mirror.php ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** @param {string[]} args */
function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = result.stderr.trim().split('\n').pop() ?? '';
  if (result.status !== 0) throw new Error(`wp-extract ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  return { seconds, summary, requests: Number(/, (\d+) requests? \(/.exec(summary)?.[1] ?? NaN) };
}

const dir = mkdtempSync(join(tmpdir(), 'wp-extract-mirror-bench-'));
const published = Number(wordpress('fill', String(POSTS)));
console.error(`mirror bench: ${published} published posts at ${site}`);
/** @type {Array<{ what: string, r: ReturnType<typeof run> }>} */
let rows = [];
try {
  const full = run(['-o', dir, '-q', site]);
  const fullSummary = run(['-o', join(dir, 'again'), site]);
  const idle = run(['-o', dir, '--update', site]);
  wordpress('edit', 'fill-0500', 'fill-0501');
  const two = run(['-o', dir, '--update', site]);
  wordpress('trash', 'fill-0502');
  const trashed = run(['-o', dir, '--update', site]);
  rows = [
    { what: 'full crawl into an empty folder', r: fullSummary },
    { what: '`--update`, nothing changed', r: idle },
    { what: '`--update`, two posts edited', r: two },
    { what: '`--update`, one post trashed', r: trashed },
  ];
  console.error(`full (quiet): ${full.seconds.toFixed(2)} s; ${rows.map(({ what, r }) => `${what}: ${r.seconds.toFixed(2)} s, ${r.requests} requests`).join('; ')}`);
} finally {
  wordpress('unfill');
  rmSync(dir, { recursive: true, force: true });
}

const [full, idle] = [rows[0]?.r, rows[1]?.r];
if (!full || !idle) throw new Error("no measurement");
writeSection(join(root, 'BENCHMARKS.md'), '## 6. Keeping a mirror current', [
  '## 6. Keeping a mirror current',
  '',
  `Written by \`node scripts/bench/mirror.js\` on ${new Date().toISOString().slice(0, 10)}, one run each: the end-to-end WordPress of scripts/wordpress/setup.sh (Debian's WordPress on \`php -S\`, MariaDB, this machine) filled to ${published} published posts, the built command with default settings (at most 10 requests a second, 4 at once). Requests are the command's own count (its summary line); time is the whole process.`,
  '',
  '| run | requests | wall time | summary |',
  '|---|---:|---:|---|',
  ...rows.map(({ what, r }) => `| ${what} | ${r.requests} | ${r.seconds.toFixed(2)} s | \`${r.summary.replace(/^wp-extract: /, '').replace(/ \(\/.*\)$/, '')}\` |`),
  '',
  `An update with nothing changed costs ${idle.requests} requests against ${full.requests} (${(full.seconds / idle.seconds).toFixed(1)}× faster): the API root, the posts modified since the newest the folder holds (\`modified_after\`), and the collection's count (\`X-WP-Total\`), which says that nothing is gone; edited posts come with the second request. When the count falls short (a post trashed), the ids and modification times of every post are listed too (\`_fields\`, 100 a page) to tell which one is gone.`,
]);
console.error('wrote section 6 of BENCHMARKS.md');
