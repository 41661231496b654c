// @ts-check
/**
 * WordPress exports (WXR): wp-extract against wordpress-export-to-markdown 2.2.2 (the most used
 * converter of exports, installed into .bench/peer on first use) on the same exports of 60, 600
 * and 10,000 posts, images off for both: wall time, peak RSS, and what a reader would notice
 * in the Markdown (scripts/fidelity.js). Writes section 5 of BENCHMARKS.md.
 *
 *   node scripts/bench/wxr.js [--quick]       (npm run bench runs it after scripts/bench/run.js)
 *
 * The exports are built from the project's fixtures: each post's content is a whole fixture
 * body (Booster blocks, share buttons, tables, galleries, code, embeds as the fixtures have
 * them), every fifth one the classic post of fixtures/wxr-export (wpautop paragraphs, [caption],
 * [gallery], an embed on its own line, <!--more-->); authors, categories, tags and two
 * attachments (a featured image and a gallery) as WordPress writes them.
 */
import { spawnSync } from 'node:child_process';
import { writeSection } from './section.js';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leakIn, rawTags, recall, ALLOWED_HTML } from '../fidelity.js';
import { fixtureBodies, random } from './inputs.js';
import { installPeer, markdownBySlug, PEER, peerCommand } from './peer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, '.bench', 'wxr');
const bin = join(root, 'bin', 'wp-extract.js');
const quick = process.argv.includes('--quick');
const SIZES = quick ? [60, 600] : [60, 600, 10_000];
const log = (/** @type {string} */ line) => process.stderr.write(`bench wxr: ${line}\n`);
mkdirSync(work, { recursive: true });

installPeer();

// ---------------------------------------------------------------- the exports

const exportText = readFileSync(join(root, 'fixtures/wxr-export/input.xml'), 'utf8');
const items = exportText.match(/\t<item>[\s\S]*?<\/item>\n/g) ?? [];
const head = exportText.slice(0, exportText.indexOf('\t<item>'));
const classic = items[0] ?? '';
const attachments = items.filter((item) => item.includes('<![CDATA[attachment]]>')).join('');
const cdata = (/** @type {string} */ text) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** Whether the peer converts an export of one post with this body (it halts on some tables). @param {string} body @param {number} n */
function peerConverts(body, n) {
  const file = join(work, `probe-${n}.xml`);
  const item = classic.replace(/<content:encoded>[\s\S]*?<\/content:encoded>/, `<content:encoded>${cdata(body)}</content:encoded>`);
  writeFileSync(file, `${head}${item}</channel>\n</rss>\n`);
  const out = join(work, `probe-${n}`);
  const [node, ...args] = peerCommand(file, out);
  const run = spawnSync(node ?? process.execPath, args, { encoding: 'utf8' });
  rmSync(out, { recursive: true, force: true });
  rmSync(file, { force: true });
  return run.status === 0 && !/went wrong/i.test(run.stdout + run.stderr);
}

// The peer halts the whole run on some real markup: the exports use the bodies it converts.
const allBodies = fixtureBodies(join(root, 'fixtures')).bodies;
const bodies = allBodies.filter((body, n) => peerConverts(body, n));
const halts = allBodies.length - bodies.length;
log(`${halts} of ${allBodies.length} fixture bodies halt ${PEER}; the exports use the other ${bodies.length}`);

/** An export of `count` posts. @param {number} count */
function buildExport(count) {
  const next = random(count);
  const posts = [];
  for (let i = 0; i < count; i++) {
    const id = 1000 + i;
    const slug = `post-${i}`;
    let item = classic.replace('<wp:post_id>12</wp:post_id>', `<wp:post_id>${id}</wp:post_id>`).replaceAll('canal-walk', slug);
    if (i % 5 !== 0) {
      const body = bodies[Math.floor(next() * bodies.length)] ?? '';
      item = item.replace(/<content:encoded>[\s\S]*?<\/content:encoded>/, `<content:encoded>${cdata(body)}</content:encoded>`);
    }
    item = item.replace('<![CDATA[2024-03-04 09:30:00]]>', `<![CDATA[2024-03-${String(1 + (i % 28)).padStart(2, '0')} 09:30:00]]>`);
    posts.push(item);
  }
  return `${head}${posts.join('')}${attachments}</channel>\n</rss>\n`;
}

// ---------------------------------------------------------------- runs

/** Wall time and peak RSS of a command. @param {string[]} command */
function measure(command) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', ...command], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const match = /peak-rss-kb (\d+)/.exec(String(result.stderr));
  if (!match) throw new Error(`${command.join(' ')} failed (${result.status}): ${String(result.stderr).slice(-600)}`);
  return { seconds, mib: Number(match[1]) / 1024, status: result.status };
}

/**
 * What a reader would notice, over every post: text recall against wp-extract's cleaned HTML
 * (the post without its widgets), widget text, raw HTML, code blocks that kept their language,
 * tables and embeds that are still there.
 * @param {Map<string, { html: string }>} reference @param {Map<string, string>} markdown
 */
function fidelity(reference, markdown) {
  let recallSum = 0;
  let recallMin = 1;
  let missing = 0;
  let leaks = 0;
  let rawHtml = 0;
  let codeWithLanguage = 0;
  let codeLanguagesKept = 0;
  let tables = 0;
  let tablesKept = 0;
  let embeds = 0;
  let embedsKept = 0;
  for (const [slug, { html }] of reference) {
    const md = markdown.get(slug);
    if (md === undefined) {
      missing++;
      continue;
    }
    const r = recall(html, md);
    recallSum += r;
    recallMin = Math.min(recallMin, r);
    if (leakIn(md)) leaks++;
    if (rawTags(md).some((tag) => !ALLOWED_HTML.has(tag))) rawHtml++;
    for (const match of html.matchAll(/<code[^>]*class="[^"]*language-([\w+-]+)/g)) {
      codeWithLanguage++;
      if (new RegExp(`^\`{3,}${match[1]}\\b`, 'm').test(md)) codeLanguagesKept++;
    }
    const tableCount = (html.match(/<table\b/g) ?? []).length;
    tables += tableCount;
    tablesKept += Math.min(tableCount, (md.match(/^\|.*\|\n\|[ :|-]+\|$/gm) ?? []).length + (md.match(/^<table>/gm) ?? []).length);
    for (const match of html.matchAll(/<iframe[^>]*src="([^"]+)"|wp-block-embed__wrapper">\s*(https?:\/\/\S+?)\s*</g)) {
      embeds++;
      // A WordPress post embed's iframe (…/embed/#?secret=…) shows the post itself.
      const url = (match[1] ?? match[2] ?? '').replace(/\/embed\/?(#.*)?$/, '/');
      const id = /(?:embed\/|v=|video\/|\.com\/)([\w-]{6,})/.exec(url)?.[1] ?? url;
      if (md.includes(id)) embedsKept++;
    }
  }
  const converted = reference.size - missing;
  return {
    posts: converted,
    missing,
    recallMean: recallSum / Math.max(1, converted),
    recallMin,
    leaks,
    rawHtml,
    code: `${codeLanguagesKept}/${codeWithLanguage}`,
    tables: `${tablesKept}/${tables}`,
    embeds: `${embedsKept}/${embeds}`,
  };
}

/** @type {any[]} */
const rows = [];
/** @type {Record<string, any>} */
let report = {};
for (const size of SIZES) {
  const file = join(work, `export-${size}.xml`);
  writeFileSync(file, buildExport(size));
  const megabytes = statSync(file).size / 1e6;
  const ours = join(work, `ours-${size}`);
  const peer = join(work, `peer-${size}`);
  rmSync(ours, { recursive: true, force: true });
  rmSync(peer, { recursive: true, force: true });
  log(`${size} posts (${megabytes.toFixed(1)} MB): wp-extract`);
  const a = measure([process.execPath, bin, file, '-o', ours, '-q']);
  log(`${size} posts: wordpress-export-to-markdown`);
  const b = measure(peerCommand(file, peer));
  rows.push({ size, megabytes, ours: a, peer: b });
  if (size === 600) {
    const json = spawnSync(process.execPath, [bin, file, '-f', 'ndjson'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    /** @type {Map<string, { html: string }>} */
    const reference = new Map(json.stdout.trim().split('\n').map((line) => JSON.parse(line)).map((p) => [p.slug, { html: p.html }]));
    report = { ours: fidelity(reference, markdownBySlug(ours)), peer: fidelity(reference, markdownBySlug(peer)) };
  }
}

// ---------------------------------------------------------------- the report

const pct = (/** @type {number} */ n) => `${(n * 100).toFixed(2)} %`;
const largest = rows.at(-1);
const flat = rows.length > 1 ? rows.at(-1).ours.mib / rows[0].ours.mib : 1;
const count = (/** @type {string} */ fraction) => Number(fraction.split('/')[0]);
const worse =
  ['recallMean', 'recallMin'].some((k) => report.ours[k] < report.peer[k]) ||
  report.ours.leaks > report.peer.leaks ||
  report.ours.rawHtml > report.peer.rawHtml ||
  ['code', 'tables', 'embeds'].some((k) => count(report.ours[k]) < count(report.peer[k]));
const lines = [
  '## 5. WordPress exports (WXR)',
  '',
  `Written by \`node scripts/bench/wxr.js\` (run by \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: wp-extract against ${PEER}`,
  '(`--wizard=false`, images off), on the same exports, one run each, whole process (start-up included); peak RSS from GNU time.',
  `The exports: posts whose content is a whole fixture body, every fifth the classic post of fixtures/wxr-export, with authors, terms and attachments (scripts/bench/wxr.js). ${halts} of the ${allBodies.length} fixture bodies make wordpress-export-to-markdown halt the whole run (\`TypeError: Cannot read properties of undefined (reading 'parentNode')\` in turndown-plugin-gfm, on tables); wp-extract converts them all, but they are left out of these exports so that both convert every post.`,
  '',
  '| posts | MB | wp-extract | peak RSS | wordpress-export-to-markdown | peak RSS | faster |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.size} | ${r.megabytes.toFixed(1)} | ${r.ours.seconds.toFixed(2)} s | ${r.ours.mib.toFixed(0)} MiB | ${r.peer.seconds.toFixed(2)} s${r.peer.status === 0 ? '' : ` (exit ${r.peer.status})`} | ${r.peer.mib.toFixed(0)} MiB | ${(r.peer.seconds / r.ours.seconds).toFixed(1)}× |`),
  '',
  'What a reader would notice, on the 600-post export (scripts/fidelity.js, as `npm run corpus`): text recall against the post without its widgets, posts showing widget text, posts with raw HTML other than tables, sub/sup and details, code blocks that kept their language, tables and embeds still there.',
  '',
  '| | posts | text recall (mean / min) | widget text | raw HTML | code languages | tables | embeds |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...[['wp-extract', report.ours], ['wordpress-export-to-markdown', report.peer]].map(
    ([name, f]) => `| ${name} | ${f.posts} | ${pct(f.recallMean)} / ${pct(f.recallMin)} | ${f.leaks} | ${f.rawHtml} | ${f.code} | ${f.tables} | ${f.embeds} |`,
  ),
  '',
  '| target | measured | |',
  '|---|---|---|',
  `| faster than the peer on every size | ${rows.map((r) => `${(r.peer.seconds / r.ours.seconds).toFixed(1)}×`).join(', ')} | ${rows.every((r) => r.ours.seconds < r.peer.seconds) ? 'met' : '**not met**'} |`,
  `| peak RSS ≤ 200 MiB at ${largest.size} posts, flat with size | ${largest.ours.mib.toFixed(0)} MiB (${rows.map((r) => r.ours.mib.toFixed(0)).join(' / ')} MiB; ${flat.toFixed(2)}× from the smallest) | ${largest.ours.mib <= 200 ? 'met' : '**not met**'} |`,
  `| no fidelity figure worse than the peer's | see the table | ${worse ? '**not met**' : 'met'} |`,
];
writeSection(join(root, 'BENCHMARKS.md'), '## 5. WordPress exports (WXR)', lines);
log('wrote section 5 of BENCHMARKS.md');
