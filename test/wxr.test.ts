import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sharedFolder } from './shared.js';
import { describe, expect, it } from 'vitest';
import { BIN, filesBelow, runBin, samplePost } from './helpers.js';

/** WordPress exports (WXR) through the built command. */
const root = fileURLToPath(new URL('..', import.meta.url));
const exportFile = join(root, 'fixtures/wxr-export/input.xml');
const exportText = readFileSync(exportFile, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-wxr-'));

/** An export of `count` posts made from the fixture's first post, with its attachments. */
function bigExport(count: number): string {
  const head = exportText.slice(0, exportText.indexOf('\t<item>'));
  const items = exportText.match(/\t<item>[\s\S]*?<\/item>\n/g) ?? [];
  const post = items[0] ?? '';
  const attachments = items.filter((item) => item.includes('<wp:post_type><![CDATA[attachment]]>'));
  const posts = Array.from({ length: count }, (_, i) =>
    post.replace('<wp:post_id>12</wp:post_id>', `<wp:post_id>${1000 + i}</wp:post_id>`).replace('<![CDATA[canal-walk]]>', `<![CDATA[canal-walk-${i}]]>`).replace('canal-walk/</link>', `canal-walk-${i}/</link>`),
  );
  return `${head}${posts.join('')}${attachments.join('')}</channel>\n</rss>\n`;
}

describe('WordPress exports', () => {
  it('reads an export the same from a file, gzip-compressed, stdin, and a folder', async () => {
    const plain = await runBin([exportFile, '-f', 'json']);
    expect(plain.code).toBe(0);
    const gz = join(tmp, 'export.xml.gz');
    writeFileSync(gz, gzipSync(exportText));
    const fromGz = await runBin([gz, '-f', 'json']);
    expect(fromGz.stdout).toBe(plain.stdout);
    const fromStdin = await runBin(['-', '-f', 'json'], exportText);
    expect(fromStdin.stdout).toBe(plain.stdout);
    const folder = join(tmp, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'export.xml'), exportText);
    writeFileSync(join(folder, 'post.json'), JSON.stringify(samplePost({ id: 99 })));
    const both = await runBin([folder, '-f', 'ndjson']);
    expect(both.code).toBe(0);
    expect(both.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([12, 14, 99]);
  });

  it('writes the same folder on one thread and on three, with attachments after the posts', () => {
    const file = join(tmp, 'big.xml');
    writeFileSync(file, bigExport(120));
    const dirs = ['1', '3'].map((jobs) => {
      const dir = join(tmp, `big-${jobs}`);
      const run = spawnSync(process.execPath, [BIN, file, '-o', dir, '--jobs', jobs, '--verbose'], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      if (jobs === '3') expect(run.stderr).toContain('converting on 3 threads');
      return dir;
    });
    const files = filesBelow(dirs[0] ?? '');
    expect(files).toHaveLength(120);
    expect(filesBelow(dirs[1] ?? '')).toEqual(files);
    for (const f of files) expect(readFileSync(join(dirs[1] ?? '', f), 'utf8')).toBe(readFileSync(join(dirs[0] ?? '', f), 'utf8'));
    const first = readFileSync(join(dirs[0] ?? '', files[0] ?? ''), 'utf8');
    expect(first).toContain('featured_image: https://notes.example.org/wp-content/uploads/2024/03/towpath.jpg');
    expect(first).toContain('[![An empty towpath](https://notes.example.org/wp-content/uploads/2024/03/towpath.jpg)]');
  });

  it('leaves drafts and password-protected content out unless asked for', async () => {
    const json = async (...args: string[]): Promise<Array<{ id: number; markdown: string; password_protected: boolean }>> =>
      JSON.parse((await runBin([exportFile, '-f', 'json', ...args])).stdout) as Array<{ id: number; markdown: string; password_protected: boolean }>;
    const published = await json();
    expect(published.map((p) => p.id)).toEqual([12, 14]);
    expect(published[1]).toMatchObject({ password_protected: true, markdown: '' });
    const all = await json('--status', 'all', '--protected', '--type', 'all');
    expect(all.map((p) => p.id)).toEqual([12, 14, 15, 2]);
    expect(all[1]?.markdown).toBe('The secret route is behind the mill.\n');
  });
});

/** WordPress's importer test files, broken ones included: output or one line per fault, never a trace. */
const { path: importer, present: haveImporter } = sharedFolder('corpus/wxr/', "WordPress importer's test exports");

describe.runIf(haveImporter)("WordPress importer's test exports (../shared/corpus/wxr)", () => {
  const files = haveImporter ? readdirSync(importer).filter((f) => f.endsWith('.xml')) : [];
  it.each(files)('%s', async (file) => {
    const run = await runBin([join(importer, file), '--type', 'all', '--status', 'all', '-f', 'ndjson']);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^wp-extract: /);
    if (/^malformed/.test(file)) expect(run.stderr).toMatch(/malformed XML at line \d+, column \d+/);
  });

  it('reads elements by namespace, not by prefix', async () => {
    const run = await runBin([join(importer, 'namespace-edge-cases.xml'), '-f', 'ndjson']);
    const posts = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; title: string });
    // The first wp:post_id counts (a second one under another prefix bound to the same
    // namespace does not); an item whose wp: prefix is bound to a foreign namespace has no id.
    expect(posts.map((p) => [p.id, p.title])).toEqual([
      [1, 'Mixed Namespaces'],
      [2, 'No Prefix'],
      [3, 'Empty Namespace'],
      [4, 'Unicode Namespace'],
      [6, 'Namespace Bomb'],
    ]);
    expect(run.stderr).toBe(`wp-extract: ${join(importer, 'namespace-edge-cases.xml')}[4]: field "wp:post_id": expected an integer, got ""\n`);
  });

  it('keeps CDATA that ends in ]] > exact', async () => {
    const run = await runBin([join(importer, 'cdata-edge.xml'), '-f', 'json']);
    expect((JSON.parse(run.stdout) as Array<{ markdown: string }>)[0]?.markdown).toBe('ends with sequence ]] >\n');
  });
});
