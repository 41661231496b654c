// @ts-check
/**
 * Corpus check: converts every post under a folder and reports what a reader would notice.
 *
 *   npm run corpus -- DIR [--json]
 *
 * `*.json` files are REST responses (a post, a list, or anything else: JSON that holds no post,
 * such as users or a WordPress error body, is counted as skipped, not failed); `*.html` files
 * are `content.rendered` fragments (Booster output, Gutenberg block fixtures) and are wrapped
 * in a post. For each post it checks: conversion failures, widget text leaking into the
 * Markdown, raw HTML left in the Markdown (by tag name; a few tags are allowed), and text
 * recall: the share of the cleaned HTML's visible words that the Markdown, rendered back by
 * markdown-it, still shows. Exit 1 on any failure, leak or disallowed raw HTML.
 *
 * Every file goes through the built command (bin/wp-extract.js, `-f ndjson`) as a child
 * process, as users run it: the check sees what they get.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED_HTML, leakIn, mismatches, needlessEscapes, rawTags, recall, trailingSpaceLines } from './fidelity.js';

const BIN = fileURLToPath(new URL('../bin/wp-extract.js', import.meta.url));

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  process.stderr.write('usage: npm run corpus -- DIR [--json]\n');
  process.exit(2);
}

/** @param {string} path @returns {string[]} */
function walk(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => walk(join(path, name)));
}

const files = walk(dir).filter((f) => f.endsWith('.json') || f.endsWith('.html'));
/** @type {{ input: string, error: string }[]} */
const failures = [];
/** @type {{ input: string, leak: string }[]} */
const leaks = [];
/** @type {Map<string, string[]>} */
const rawHtml = new Map();
/** @type {{ input: string, recall: number }[]} */
const recalls = [];
/** @type {Map<string, string[]>} */
const differences = new Map();
let escapes = 0;
let trailing = 0;
let posts = 0;
let skipped = 0;

/** Messages that say an input holds no post: counted as skipped, not failed. */
const NOT_A_POST = /: (expected a WordPress post|WordPress error )/;

/**
 * The posts of one file through the built command, and what it said on stderr. An `.html`
 * fragment is given on stdin, wrapped in a post.
 * @param {string} file @returns {Promise<{ name: string, records: any[], stderr: string }>}
 */
function convert(file) {
  const name = relative(process.cwd(), file);
  const html = file.endsWith('.html');
  const args = [BIN, '-f', 'ndjson', html ? '-' : file];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, args, { maxBuffer: 1 << 30 }, (_error, stdout, stderr) => {
      resolve({ name, records: stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)), stderr });
    });
    if (html) {
      child.stdin?.end(JSON.stringify({ id: 0, link: 'https://example.com/corpus/', title: { rendered: name }, content: { rendered: readFileSync(file, 'utf8') } }));
    } else child.stdin?.end();
  });
}

/** Checks one converted post. @param {string} input @param {{ markdown: string, excerpt: string, html: string }} result */
function check(input, result) {
  posts++;
  const leak = leakIn(result.markdown) ?? leakIn(result.excerpt);
  if (leak) leaks.push({ input, leak });
  // A table that stays HTML is allowed whole, its cells' markup included; autolinks are not tags.
  for (const tag of rawTags(result.markdown)) {
    const list = rawHtml.get(tag) ?? [];
    if (!list.includes(input)) list.push(input);
    rawHtml.set(tag, list);
  }
  recalls.push({ input, recall: recall(result.html, result.markdown) });
  for (const fact of mismatches(result.html, result.markdown)) differences.set(fact, [...(differences.get(fact) ?? []), input]);
  escapes += needlessEscapes(result.markdown);
  trailing += trailingSpaceLines(result.markdown);
}

// Four files at a time, reported in file order.
const results = [];
for (let i = 0; i < files.length; i += 4) results.push(...(await Promise.all(files.slice(i, i + 4).map(convert))));
for (const { name, records, stderr } of results) {
  for (const line of stderr.split('\n').filter(Boolean)) {
    if (NOT_A_POST.test(line)) skipped++;
    else if (!/: warning: |: the first \d+ items are not posts/.test(line)) failures.push({ input: name, error: line.replace(/^wp-extract: /, '') });
  }
  records.forEach((record, i) => check(records.length > 1 ? `${name}[${i}] (id ${record.id})` : name, record));
}

recalls.sort((a, b) => a.recall - b.recall);
const disallowed = [...rawHtml.keys()].filter((tag) => !ALLOWED_HTML.has(tag));
const mean = recalls.reduce((sum, r) => sum + r.recall, 0) / Math.max(1, recalls.length);
const report = {
  files: files.length,
  posts,
  skipped,
  failures,
  leaks,
  disallowedHtml: disallowed,
  rawHtml: Object.fromEntries([...rawHtml].sort(([a], [b]) => a.localeCompare(b))),
  recall: { min: recalls[0]?.recall ?? 1, mean, lowest: recalls.slice(0, 5) },
  differences: Object.fromEntries(differences),
  needlessEscapes: escapes,
  trailingSpaceLines: trailing,
};

if (asJson) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const out = [
    `corpus: ${dir}`,
    `files: ${report.files}, posts converted: ${posts}, skipped (not posts): ${skipped}`,
    `failures: ${failures.length}`,
    ...failures.map((f) => `  ${f.input}: ${f.error}`),
    `leaks: ${leaks.length}`,
    ...leaks.map((l) => `  ${l.input}: ${JSON.stringify(l.leak)}`),
    `raw HTML in Markdown: ${disallowed.length} disallowed tag(s)${rawHtml.size === 0 ? ', none at all' : ''}`,
    ...[...rawHtml]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tag, inputs]) => `  <${tag}> ${ALLOWED_HTML.has(tag) ? '(allowed)' : '(NOT ALLOWED)'} in ${inputs.length} post(s), e.g. ${inputs[0]}`),
    `text recall: min ${report.recall.min.toFixed(4)}, mean ${mean.toFixed(4)}`,
    `rendered back, what differs from the HTML: ${differences.size === 0 ? 'nothing' : [...differences].map(([fact, inputs]) => `${fact} in ${inputs.length} post(s)`).join(', ')}`,
    ...[...differences].map(([fact, inputs]) => `  ${fact}: ${inputs.slice(0, 3).join(', ')}`),
    `needless escapes: ${escapes}`,
    `lines ending in white space: ${trailing}`,
    ...report.recall.lowest.filter((r) => r.recall < 1).map((r) => `  ${r.recall.toFixed(4)} ${r.input}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
process.exitCode = failures.length > 0 || leaks.length > 0 || disallowed.length > 0 ? 1 : 0;
