import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesBelow, samplePost } from './helpers.js';

/**
 * Safe writes: an archive run interrupted at a random moment leaves no partial or temporary
 * file and a rerun completes it; a full disk and a read-only folder are clear errors.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/wp-extract.js');
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-safety-'));
const POSTS = 1500;
const archive = join(tmp, 'archive.ndjson');
writeFileSync(
  archive,
  Array.from({ length: POSTS }, (_, i) =>
    JSON.stringify(samplePost({ id: i + 1, slug: `post-${i + 1}`, content: { rendered: `<p>${'Words of the archive. '.repeat(60)}</p>` } })),
  ).join('\n'),
);

const small = join(tmp, 'small.ndjson');
writeFileSync(small, readFileSync(archive, 'utf8').split('\n').slice(0, 200).join('\n'));


/** Every file is a whole post: front matter, body, final newline. */
function expectWhole(dir: string): number {
  const all = filesBelow(dir);
  expect(all.filter((f) => !f.endsWith('.md'))).toEqual([]);
  for (const file of all) {
    expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^---\ntitle: Hello\n[\s\S]*\n---\n\n(Words of the archive\. )+Words of the archive\.\n$/);
  }
  return all.length;
}

function runUntilKilled(dir: string, signal: NodeJS.Signals, afterMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, '-q', '-o', dir, archive], { stdio: 'ignore' });
    setTimeout(() => child.kill(signal), afterMs);
    child.on('exit', (code) => resolve(code));
  });
}

describe('interrupted archive runs', () => {
  const cases: Array<[NodeJS.Signals, number]> = [
    ['SIGINT', 400 + Math.floor(Math.random() * 800)],
    ['SIGTERM', 1200 + Math.floor(Math.random() * 1200)],
    ['SIGINT', 2400 + Math.floor(Math.random() * 1600)],
  ];
  it.each(cases)('%s after %i ms leaves only whole files, and a rerun completes', async (signal, afterMs) => {
    const dir = join(tmp, `run-${signal}-${afterMs}`);
    const code = await runUntilKilled(dir, signal, afterMs);
    const partial = expectWhole(dir);
    console.log(`${signal} after ${afterMs} ms: exit ${String(code)}, ${partial} of ${POSTS} files written, none partial`);
    // null: killed before its handlers were in place, while still loading (nothing written yet).
    expect([null, 0, signal === 'SIGINT' ? 130 : 143]).toContain(code);
    const rerun = spawnSync(process.execPath, [bin, '-o', dir, archive], { encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toContain(`${POSTS - partial} written, ${partial} skipped, 0 failed`);
    expect(expectWhole(dir)).toBe(POSTS);
  });
});

/** A small file system of our own, when this runs as root; the test says so when it cannot. */
function tmpfs(options: string): string | null {
  const dir = join(tmp, `fs-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return mounted.status === 0 ? dir : null;
}
const unmount = (dir: string): void => void spawnSync('umount', [dir]);
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

describe.runIf(canMount)('file system faults', () => {
  it('a full disk is one clear error per post that did not fit, and leaves no partial file', () => {
    const dir = tmpfs('size=128k');
    expect(dir).not.toBeNull();
    try {
      const result = spawnSync(process.execPath, [bin, '-o', dir as string, small], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^wp-extract: .*\.md: cannot write: no space left on the device$/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expectWhole(dir as string);
    } finally {
      unmount(dir as string);
    }
  });

  it('a read-only folder is a clear error', () => {
    const dir = tmpfs('size=128k,ro');
    expect(dir).not.toBeNull();
    try {
      const result = spawnSync(process.execPath, [bin, '-o', join(dir as string, 'out'), small], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr.split('\n')[0]).toMatch(/cannot write: read-only file system$/);
    } finally {
      unmount(dir as string);
    }
  });
});
