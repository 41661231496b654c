import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesBelow, samplePost } from './helpers.js';

/**
 * --jobs: worker threads convert posts, and the folder they write is the same, byte for byte,
 * as one thread writes, messages included: same names for colliding slugs, same warnings and
 * errors in the same order, same summary counts and exit status.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/wp-extract.js');
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-jobs-'));

const lines: string[] = [];
for (let i = 1; i <= 300; i++) {
  // Every tenth post shares its slug with the one before; some carry widgets and shortcodes.
  const slug = `post-${i % 10 === 0 ? i - 1 : i}`;
  const body = i % 7 === 0 ? '<p>[gallery ids="1,2"] text</p><div class="booster-block booster-read-block">2 min</div>' : `<p>Post ${i} ${'words '.repeat(i % 50)}</p>`;
  lines.push(JSON.stringify(samplePost({ id: i, slug, content: { rendered: body } })));
  if (i === 100) lines.push('{"id": tru}');
  if (i === 200) lines.push('{"name": "a user, not a post", "id": 3}');
}
const archive = join(tmp, 'archive.ndjson');
writeFileSync(archive, `${lines.join('\n')}\n`);

function convert(jobs: string): { dir: string; status: number | null; stderr: string } {
  const dir = join(tmp, `out-${jobs}`);
  const run = spawnSync(process.execPath, [bin, archive, '-o', dir, '--jobs', jobs], { encoding: 'utf8' });
  // The summary's duration may differ; everything before it must not.
  return { dir, status: run.status, stderr: run.stderr.replace(/ in \d+s \(.*\)$/m, ' in Ns (DIR)') };
}

// Posts whose cleaning depends on non-ASCII patterns (heading anchors ¶ § 🔗, excerpts ending
// in […], "read more" in several languages, Windows device names with superscript digits),
// 24 copies each, so that every thread converts some of them.
const patterns = JSON.parse(readFileSync(join(root, 'fixtures/non-ascii-patterns/input.json'), 'utf8')) as Array<Record<string, unknown>>;
const nonAscii = join(tmp, 'non-ascii.ndjson');
const copies: string[] = [];
for (let i = 0; i < 24; i++) {
  for (const [n, post] of patterns.entries()) copies.push(JSON.stringify({ ...post, id: i * 10 + n, slug: i % 6 === 0 ? `com${'¹²³'[n % 3]}` : `${String(post.slug)}-${i}` }));
}
writeFileSync(nonAscii, `${copies.join('\n')}\n`);

describe('--jobs', () => {
  it('converts non-ASCII patterns the same on every thread', () => {
    const runs = ['1', '3'].map((jobs) => {
      const dir = join(tmp, `non-ascii-${jobs}`);
      const run = spawnSync(process.execPath, [bin, nonAscii, '-o', dir, '--path', '{type}/{slug}.md', '--jobs', jobs, '--verbose'], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      return { dir, stderr: run.stderr };
    });
    expect(runs[1]?.stderr).toContain('converting on 3 threads');
    const [one, three] = runs.map(({ dir }) => filesBelow(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
    expect(one).toHaveLength(96);
    expect(three).toEqual(one);
    const text = (one ?? []).map(([, content]) => content).join('\n');
    for (const leftover of ['[¶]', '[§]', '[🔗]', '[…]', 'Leer más', '続きを読む', '더 보기']) expect(text).not.toContain(leftover);
    expect((one ?? []).map(([file]) => file)).toContain('post/_com¹.md');
  });

  it('loads the yaml library and smol-toml (files of their own in the bundle) on every thread', () => {
    // Titles that the fast YAML path leaves to the library: quotes, a colon and space, a hash.
    const hostile = join(tmp, 'hostile.ndjson');
    const titles = ['"quoted" start', 'key: value', 'a # not a comment', "it's: 'both'", 'yes'];
    writeFileSync(hostile, `${Array.from({ length: 60 }, (_, i) => JSON.stringify(samplePost({ id: i + 1, slug: `h-${i}`, title: { rendered: titles[i % titles.length] } }))).join('\n')}\n`);
    for (const style of ['yaml', 'toml']) {
      const runs = ['1', '3'].map((jobs) => {
        const dir = join(tmp, `hostile-${style}-${jobs}`);
        const run = spawnSync(process.execPath, [bin, hostile, '-o', dir, '--front-matter', style, '--jobs', jobs, '--verbose'], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        if (jobs === '3') expect(run.stderr).toContain('converting on 3 threads');
        expect(run.stderr).not.toContain('on the main thread from here');
        return filesBelow(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]);
      });
      expect(runs[0]).toHaveLength(60);
      expect(runs[1]).toEqual(runs[0]);
      const first = runs[0]?.[0]?.[1] ?? '';
      expect(first).toContain(style === 'yaml' ? 'title: \'"quoted" start\'' : 'title = "\\"quoted\\" start"');
    }
  });

  it('writes the same files and says the same things on one thread and on three', () => {
    const one = convert('1');
    const three = convert('3');
    expect(one.status).toBe(1); // the malformed line and the user
    expect(three.status).toBe(one.status);
    expect(three.stderr).toBe(one.stderr);
    expect(one.stderr).toContain('archive.ndjson[100]: malformed JSON');
    expect(one.stderr).toContain('wp-extract: 300 written, 0 skipped, 2 failed');
    const files = filesBelow(one.dir);
    expect(files).toHaveLength(300);
    expect(files).toContain('post/2024-01-15-post-9-10.md');
    expect(filesBelow(three.dir)).toEqual(files);
    for (const file of files) expect(readFileSync(join(three.dir, file), 'utf8')).toBe(readFileSync(join(one.dir, file), 'utf8'));
  });

  it('reports a post given twice as a duplicate, the same way on one thread and on three', () => {
    const twice = join(tmp, 'twice.ndjson');
    const post = JSON.stringify(samplePost({ id: 5, slug: 'five' }));
    writeFileSync(twice, [post, JSON.stringify(samplePost({ id: 6, slug: 'six' })), post].join('\n'));
    for (const jobs of ['1', '3', '3', '1']) {
      const dir = join(tmp, `twice-${jobs}-${Math.random()}`);
      const run = spawnSync(process.execPath, [bin, twice, '-o', dir, '--jobs', jobs], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stderr.replace(/ in \d+s \(.*\)$/m, '')).toBe(
        `wp-extract: ${twice}[2]: duplicate of post 5, already in post/2024-01-15-five.md: not written again\nwp-extract: 2 written, 0 skipped, 1 duplicate, 0 failed\n`,
      );
      expect(filesBelow(dir)).toEqual(['post/2024-01-15-five.md', 'post/2024-01-15-six.md']);
    }
  });

  it('starts no worker thread by default for a run too small to gain from one', () => {
    const small = join(tmp, 'small.ndjson');
    writeFileSync(small, `${Array.from({ length: 60 }, (_, i) => JSON.stringify(samplePost({ id: i + 1, slug: `s-${i}` }))).join('\n')}\n`);
    const defaults = spawnSync(process.execPath, [bin, small, '-o', join(tmp, 'small-default'), '--verbose'], { encoding: 'utf8' });
    expect(defaults.status).toBe(0);
    expect(defaults.stderr).not.toContain('converting on');
    const asked = spawnSync(process.execPath, [bin, small, '-o', join(tmp, 'small-asked'), '--verbose', '--jobs', '2'], { encoding: 'utf8' });
    expect(asked.stderr).toContain('converting on 2 threads');
  });

  it('refuses a --jobs that is not a whole number of at least 1', () => {
    const run = spawnSync(process.execPath, [bin, archive, '-o', join(tmp, 'x'), '--jobs', '0'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('wp-extract: --jobs: expected a whole number of at least 1, got "0"\n');
  });
});
