import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planRun, runPipeline, TARGET_NAMES } from '../src/index.js';
import { filesBelow, runBin, samplePost } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-plan-'));
let folders = 0;
const freshDir = (): string => join(tmp, `out-${++folders}`);
const EXPORT = fileURLToPath(new URL('../fixtures/wxr-export/input.xml', import.meta.url));
const SITE = 'https://example.org';

const post = (id: number, slug: string, date: string, terms: Array<[string, string]>, content: string): Record<string, unknown> =>
  samplePost({
    id,
    slug,
    link: `${SITE}/${date.slice(0, 10).replace(/-/g, '/')}/${slug}/`,
    title: { rendered: slug },
    date_gmt: date,
    content: { rendered: content },
    _embedded: { 'wp:term': [terms.map(([taxonomy, term]) => ({ taxonomy, slug: term, name: term.toUpperCase() }))] },
  });

const archive = [
  post(1, 'alpha', '2024-01-02T10:00:00', [['category', 'news']], `<p>See <a href="${SITE}/2024/01/03/beta/">beta</a>.</p>`),
  post(2, 'beta', '2024-01-03T10:00:00', [['category', 'notes'], ['post_tag', 'canal']], '<p>Walking by the canal.</p>'),
  post(3, 'gamma', '2024-02-01T10:00:00', [['category', 'news'], ['post_tag', 'canal']], '<p>Gamma.</p>'),
];
const file = join(tmp, 'archive.ndjson');
writeFileSync(file, archive.map((p) => JSON.stringify(p)).join('\n'));

const quietIO = () => {
  let stderr = '';
  return { io: { stdout: { write: () => true }, stderr: { write: (s: string) => void (stderr += s) }, stdin: (async function* () {})() }, stderr: () => stderr };
};

describe('one plan for the CLI and the library', () => {
  it.each(TARGET_NAMES)('writes the same folder for --preset %s from the command and from runPipeline', async (preset) => {
    const cli = freshDir();
    const lib = freshDir();
    const ran = await runBin(['-o', cli, '--preset', preset, '-q', '--jobs', '1', file]);
    expect(ran.code, ran.stderr).toBe(0);
    const { io, stderr } = quietIO();
    expect(await runPipeline({ sources: [{ kind: 'file', name: file }], output: { dir: lib, preset }, quiet: true, jobs: 1 }, io)).toBe(0);
    expect(stderr()).toBe('');
    const files = filesBelow(cli, { state: true });
    expect(filesBelow(lib, { state: true })).toEqual(files);
    for (const name of files) expect(readFileSync(join(lib, name), 'utf8'), name).toBe(readFileSync(join(cli, name), 'utf8'));
  });

  it("gives the library a preset's path, keys and links (the Hugo address is where Hugo serves the post)", async () => {
    const dir = freshDir();
    const { io } = quietIO();
    await runPipeline({ sources: [{ kind: 'file', name: file }], output: { dir, preset: 'hugo' }, quiet: true, jobs: 1 }, io);
    const alpha = readFileSync(join(dir, 'content/posts/alpha/index.md'), 'utf8');
    expect(alpha).toContain('url: /2024/01/02/alpha/\n');
    expect(alpha).toContain('See [beta](/2024/01/03/beta/).');
  });

  it.each([
    [{ format: 'json' as const, output: { dir: 'x' } }, '--output writes Markdown (or MDX) files; -f json prints to stdout, without --output'],
    [{ output: { dir: 'x', preset: 'gatsby' as never } }, '--preset: unknown generator "gatsby" (known: default, jekyll, hugo, astro, eleventy)'],
    [{ filters: { after: 'garbage' } }, '--after: expected a date such as 2024-01-31, got "garbage"'],
    [{ filters: { limit: 0 } }, '--limit: expected a whole number of at least 1, got "0"'],
    [{ output: { dir: 'x', prune: true } }, '--prune goes with --update (which tells what is gone)'],
    [{ output: { dir: 'x', update: true }, filters: { limit: 2 } }, '--update keeps a whole mirror, and --limit reads part of it: leave --limit out'],
  ])('refuses %j before reading anything', (options, message) => {
    expect(() => planRun({ sources: [], ...options })).toThrow(message);
  });
});

describe('filters on every source', () => {
  const ids = (stdout: string): number[] => stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: number }).id);
  const cases: Array<[string, string[], number[]]> = [
    ['--limit', ['--limit', '1'], [1]],
    ['--after', ['--after', '2024-01-02T12:00:00Z'], [2, 3]],
    ['--before', ['--before', '2024-01-31'], [1, 2]],
    ['--category', ['--category', 'news'], [1, 3]],
    ['--tag', ['--tag', 'canal', '--category', 'notes'], [2]],
    ['--search', ['--search', 'CANAL walking'], [2]],
    ['--type', ['--type', 'pages'], []],
  ];
  for (const jobs of ['1', '3']) {
    it.each(cases)(`honours %s on a JSON file (--jobs ${jobs})`, async (_name, args, expected) => {
      const result = await runBin(['-f', 'ndjson', '--jobs', jobs, ...args, file]);
      expect(result.code, result.stderr).toBe(0);
      expect(ids(result.stdout)).toEqual(expected);
    });
  }

  it.each([
    [['--limit', '1'], [12]],
    [['--after', '2024-03-05'], [14]],
    [['--before', '2024-03-05'], [12]],
    [['--category', 'arts-letters'], [12]],
    [['--tag', 'field-trip'], [12]],
    [['--tag', 'nope'], []],
    [['--search', 'canal'], [12]],
  ])('honours %j on an export', async (args, expected) => {
    const result = await runBin(['-f', 'ndjson', ...args, EXPORT]);
    expect(result.code, result.stderr).toBe(0);
    expect(ids(result.stdout)).toEqual(expected);
  });

  it.each([
    [['--after', 'garbage'], 'wp-extract: --after: expected a date such as 2024-01-31, got "garbage"\n'],
    [['--limit', '0'], 'wp-extract: --limit: expected a whole number of at least 1, got "0"\n'],
  ])('refuses %j with exit 2 and one line, reading nothing', async (args, line) => {
    const result = await runBin([...args, EXPORT]);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: line });
  });

  it('says so when posts name their terms by id only, instead of matching nothing', async () => {
    const bare = join(tmp, 'bare.json');
    writeFileSync(bare, JSON.stringify([samplePost({ id: 7, categories: [3] })]));
    const result = await runBin(['--category', 'news', bare]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^wp-extract: .*bare\.json: --category: the posts name their terms by id only .*\n$/);
  });
});

describe('the command line as a table', () => {
  it("names each option as commander does, so the parsed options' type is the table's", async () => {
    const { Option } = await import('commander');
    const { optionTable } = await import('../src/cli-options.js');
    for (const [key, spec] of Object.entries(optionTable())) expect(new Option(spec.flags).attributeName(), spec.flags).toBe(key);
  });

  it('produces exactly what a library caller passes', async () => {
    const { parseCommandLine } = await import('../src/cli.js');
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: Object.assign((async function* () {})(), { isTTY: true }), env: {} };
    const parsed = parseCommandLine(['-o', 'site', '--preset', 'hugo', '--images', '--category', 'news', '--after', '2024-01-01', '--jobs', '2', 'export.xml'], io);
    expect(parsed.kind).toBe('run');
    const options = parsed.kind === 'run' ? parsed.options : null;
    expect(options).toMatchObject({
      sources: [{ kind: 'file', name: 'export.xml' }],
      format: 'md',
      frontMatter: 'yaml',
      filters: { categories: ['news'], tags: [], after: '2024-01-01', protectedContent: false },
      output: { dir: 'site', preset: 'hugo', images: true, force: false, update: false, prune: false },
      jobs: 2,
    });
    expect(options && planRun(options).folder).toMatchObject({ template: 'content/{section}/{slug}/index.md', images: 'site', staticDir: 'static', links: 'rewrite' });
  });
});
