import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLEANERS } from '../src/clean/index.js';
import { VERSION } from '../src/cli.js';
import { runBin, runCli, samplePost } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = join(root, 'fixtures/seed-sotnews-104444/input.json');
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-test-'));
mkdirSync(join(tmp, 'empty-folder'));
const write = (name: string, value: unknown): string => {
  const path = join(tmp, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('command line (the built command, as a child process)', () => {
  it('prints help with examples and exit codes', async () => {
    const result = await runBin(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: wp-extract [options] [input...]');
    expect(result.stdout).toContain('--front-matter <style>');
    expect(result.stdout).toContain('Exit codes: 0 success');
    expect(result.stderr).toBe('');
  });

  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await runBin(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(VERSION).toBe(pkg.version);
  });

  it('lists the cleaners in order', async () => {
    const result = await runBin(['--list-cleaners']);
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.split(/\s+/)[0])).toEqual(CLEANERS.map((c) => c.name));
  });

  it.each([
    [['--nope', seed], "wp-extract: unknown option '--nope' (Did you mean --type?) (see wp-extract --help)\n"],
    [['-f', 'xml', seed], 'wp-extract: option \'-f, --format <format>\' argument \'xml\' is invalid. Allowed choices are md, mdx, json, ndjson, text. (see wp-extract --help)\n'],
    [['--skip-cleaner', 'nope', seed], `wp-extract: unknown cleaner "nope" (known: ${CLEANERS.map((c) => c.name).join(', ')})\n`],
    [['--remove', 'p[[', seed], 'wp-extract: --remove: invalid CSS selector "p[["\n'],
    [['--timeout', 'soon', seed], 'wp-extract: --timeout: expected a positive number, got "soon"\n'],
    [['--status', 'publsh', seed], 'wp-extract: --status: expected publish, future, draft, pending, private, all (comma-separated), got "publsh"\n'],
    [['--fromat', 'json', seed], "wp-extract: unknown option '--fromat' (Did you mean --format?) (see wp-extract --help)\n"],
    [['-o', 'out', '--path', '../x/{slug}.md', seed], 'wp-extract: --path: the template must stay inside the output folder (no "." or ".." folders), got "../x/{slug}.md"\n'],
    [['-o', 'out', '-f', 'json', seed], 'wp-extract: --output writes Markdown (or MDX) files; -f json prints to stdout, without --output\n'],
    [['-', '-'], 'wp-extract: stdin (-) can be read only once\n'],
    [['ftp://example.com/post.json'], 'wp-extract: ftp://example.com/post.json: unsupported scheme (only http and https)\n'],
  ])('%j is a usage error (exit 2)', async (argv, stderr) => {
    expect(await runBin(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('asks for an input when none is given and stdin is a terminal (in process: a child has no terminal)', async () => {
    expect(await runCli([])).toEqual({ code: 2, stdout: '', stderr: 'wp-extract: no input: give a post JSON file, a URL, or - to read stdin (see --help)\n' });
  });

  it('reads stdin when no input is given and stdin is not a terminal, and for -', async () => {
    const text = JSON.stringify(samplePost({ title: { rendered: 'From stdin' } }));
    for (const argv of [['-f', 'json'], ['-f', 'json', '-']]) {
      const result = await runBin(argv, text);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { title: string }).title).toBe('From stdin');
    }
  });

  it('reads UTF-16 with a byte-order mark (PowerShell redirection)', async () => {
    const text = JSON.stringify(samplePost({ title: { rendered: 'Wide “text”' } }));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await runBin(['-f', 'json', '-'], bytes);
    expect((JSON.parse(result.stdout) as { title: string }).title).toBe('Wide “text”');
  });

  it.each([
    [join(tmp, 'missing.json'), 'no such file'],
    [join(tmp, 'empty-folder'), 'folder holds no .xml, .json, .ndjson or .jsonl files'],
  ])('an unreadable input %s is one line, exit 1', async (path, reason) => {
    expect(await runBin([path])).toEqual({ code: 1, stdout: '', stderr: `wp-extract: ${path}: ${reason}\n` });
  });

  it.each([
    ['a post with one corrupt byte', JSON.stringify(samplePost({ content: { rendered: '<p>one, two, three four five six seven</p>' } }), null, 2).replace('"slug": "hello"', '"slug": "hello" x'), /^wp-extract: stdin: malformed JSON at line \d+, column \d+: unexpected "x"\n$/],
    ['an HTML page', `<!doctype html>\n<html><body>${'<p>word word word</p>\n'.repeat(400)}</body></html>`, /^wp-extract: stdin: not JSON: this is an HTML page; .*\n$/],
    ['two words', 'hello world', /^wp-extract: stdin: malformed JSON at line 1, column 1: unexpected "h"\n$/],
  ])('%s is one error line, exit 1', async (_, text, line) => {
    const result = await runBin(['-'], text);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(line);
  });

  it('converts every good NDJSON line when some lines are broken', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify(samplePost({ id: i + 1 })));
    lines[2] = lines[2]!.slice(0, -1); // an object that never closes
    lines[5] = lines[5]!.replace('"slug"', '"slug" 1');
    lines[8] = '{"id": 9, "title": {"rendered": "x"';
    const result = await runBin(['-f', 'ndjson', '-'], lines.join('\n'));
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([1, 2, 4, 5, 7, 8, 10]);
    expect(result.stderr.trim().split('\n').map((line) => line.replace(/: malformed JSON.*/, ''))).toEqual(['wp-extract: stdin[2]', 'wp-extract: stdin[5]', 'wp-extract: stdin[8]']);
  });

  it.each(['1', '3'])('reads a large NDJSON file whole, a bad line indented across the 64 KiB read boundary included (--jobs %s)', async (jobs) => {
    // Lines of about 1 kB; the bad line's indent ends the first 64 KiB read exactly.
    const line = (id: number, pad = 0): string => JSON.stringify(samplePost({ id, slug: `p${id}`, content: { rendered: `<p>${'x'.repeat(900 + pad)}</p>` } }));
    const lines: string[] = [];
    let bytes = 0;
    for (let id = 1; bytes + Buffer.byteLength(line(id)) + 1 < 64 * 1024 - 1100; id++) {
      lines.push(line(id));
      bytes += Buffer.byteLength(line(id)) + 1;
    }
    const last = lines.length + 1;
    lines.push(line(last, 64 * 1024 - 2 - bytes - Buffer.byteLength(line(last)) - 1));
    lines.push('  "id": 7', '', line(last + 1), '{"id": tru}', line(last + 2), JSON.stringify(samplePost({ id: 5000, slug: 'pretty' }), null, 2));
    // More than 1 MiB in all, so that the file is read in chunks (a smaller one is read at once).
    const after = Array.from({ length: 1100 }, (_, i) => last + 3 + i);
    lines.push(...after.map((id) => line(id)));
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.from(text).subarray(64 * 1024 - 2, 64 * 1024 + 1).toString()).toBe('  "');
    const file = write(`big-${jobs}.ndjson`, '');
    writeFileSync(file, text);
    const result = await runBin(['-f', 'ndjson', '--jobs', jobs, file]);
    expect(result.code).toBe(1);
    const ids = result.stdout.trim().split('\n').map((out) => (JSON.parse(out) as { id: number }).id);
    expect(ids).toEqual([...Array.from({ length: last }, (_, i) => i + 1), last + 1, last + 2, 5000, ...after]);
    expect(result.stderr.trim().split('\n').map((out) => out.replace(/: malformed JSON.*/, ''))).toEqual([`wp-extract: ${file}[${last}]`, `wp-extract: ${file}[${last + 2}]`]);
  });

  it('shows a stack trace only with --verbose', async () => {
    const bad = write('bad.json', '{"id": ');
    const quiet = await runBin([bad]);
    expect(quiet.stderr.split('\n')).toHaveLength(2);
    const verbose = await runBin(['--verbose', bad]);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^wp-extract: .*bad\.json: malformed JSON at line 1, column 8: unexpected end of input/);
    expect(verbose.stderr).toContain('    at ');
  });

  it('reports what each cleaner removed with --verbose, on stderr only', async () => {
    const quiet = await runBin([seed]);
    const verbose = await runBin(['--verbose', seed]);
    expect(verbose.stdout).toBe(quiet.stdout);
    expect(verbose.stderr).toContain('booster: .booster-read-block ×1, .booster-reactions-block ×1\n');
    expect(verbose.stderr).toContain('nbsp: nbsp ×9\n');
  });

  it('prints every post of several inputs, reports the failures and exits 1', async () => {
    const a = write('a.json', samplePost({ id: 1, title: { rendered: 'A' } }));
    const b = write('b.json', [samplePost({ id: 2, title: { rendered: 'B' } }), samplePost({ id: 3, title: { rendered: 'C' } })]);
    const result = await runBin(['-f', 'json', a, join(tmp, 'nope.json'), b]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Array<{ title: string }>).map((p) => p.title)).toEqual(['A', 'B', 'C']);
    expect(result.stderr).toBe(`wp-extract: ${join(tmp, 'nope.json')}: no such file\n`);
  });

  it('prints an empty list as [] in JSON and as nothing in Markdown', async () => {
    const empty = write('empty.json', []);
    expect(await runBin(['-f', 'json', empty])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(await runBin([empty])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints NDJSON and plain text', async () => {
    const list = write('list.json', [samplePost({ id: 1 }), samplePost({ id: 2, content: { rendered: '<p>Two<br>lines</p>' } })]);
    const ndjson = await runBin(['-f', 'ndjson', list]);
    expect(ndjson.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([1, 2]);
    expect((await runBin(['-f', 'text', list])).stdout).toBe('Hello, world.\n\f\nTwo\nlines\n');
  });

  it('gives byte-identical output for the same input', async () => {
    const first = await runBin(['-f', 'json', seed]);
    const second = await runBin(['-f', 'json', seed]);
    expect(second.stdout).toBe(first.stdout);
  });
});

const bin = join(root, 'bin/wp-extract.js');
const run = promisify(execFile);

describe('the built binary', () => {
  it('prints the seed as Markdown', async () => {
    const { stdout, stderr } = await run(process.execPath, [bin, seed]);
    expect(stderr).toBe('');
    expect(stdout).toBe(readFileSync(join(root, 'fixtures/seed-sotnews-104444/expected.md'), 'utf8'));
  });

  it('reads a pipe and fails with one line and exit 1 on bad input', () => {
    const ok = spawnSync(process.execPath, [bin, '-f', 'json'], { input: readFileSync(seed) });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout.toString()) as { id: number }).id).toBe(104444);
    const bad = spawnSync(process.execPath, [bin, '-'], { input: '{"code":"rest_no_route","message":"No route.","data":{"status":404}}' });
    expect(bad.status).toBe(1);
    expect(bad.stdout.toString()).toBe('');
    expect(bad.stderr.toString()).toBe('wp-extract: stdin: WordPress error rest_no_route (HTTP 404): No route.\n');
  });

  it('ends quietly when the reader goes away (| head -1)', () => {
    const many = write(
      'many.json',
      Array.from({ length: 3000 }, (_, i) => samplePost({ id: i + 1, content: { rendered: `<p>${'word '.repeat(200)}</p>` } })),
    );
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" "${many}" | head -1; echo "status=\${PIPESTATUS[0]}" >&2`]);
    expect(result.stdout.toString()).toBe('---\n');
    expect(result.stderr.toString()).toBe('status=0\n');
  });
});
