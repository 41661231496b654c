import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, filesBelow, runBin } from '../helpers.js';
import { exportSite } from './wordpress-site.js';

/**
 * Many exports at once with GNU parallel (Debian's package, installed by setup.sh), as
 * docs/static-sites.md shows it: one folder per export, a job log, and a rerun that resumes: the
 * exports that were converted are not run again, the one that failed is, once it is fixed.
 */
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-parallel-'));

/** The command of the docs, with the built bin. */
function parallel(log: string, out: string, exports: string[]): { status: number | null; stdout: string; stderr: string } {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} {} -o ${JSON.stringify(out)}/{/.} --preset hugo -q --jobs 1`;
  return spawnSync('parallel', ['--jobs', '2', '--joblog', log, '--resume-failed', command, ':::', ...exports], { encoding: 'utf8' });
}

/** The job log's rows, in the order they ended: each export's name with its exit value (`site=0`). */
function jobs(log: string): string[] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((cells) => `${/(\w+)\.xml /.exec(cells.at(-1) ?? '')?.[1] ?? '?'}=${cells[6] ?? '?'}`);
}

describe('many exports at once with GNU parallel', () => {
  it('converts each export to its own folder, logs each job, and a rerun resumes with only the failed one', async () => {
    const site = join(tmp, 'site.xml');
    exportSite(site);
    const shop = join(tmp, 'shop.xml');
    copyFileSync(fileURLToPath(new URL('../../fixtures/wxr-moving/input.xml', import.meta.url)), shop);
    const broken = join(tmp, 'broken.xml');
    writeFileSync(broken, '<?xml version="1.0"?><rss><channel><item><title>cut');
    const out = join(tmp, 'sites');
    const log = join(tmp, 'jobs.log');

    const first = parallel(log, out, [site, shop, broken]);
    expect(first.status, first.stderr).toBe(1); // GNU parallel exits with the number of failed jobs
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`wp-extract: ${broken}:`);
    expect(jobs(log).sort()).toEqual(['broken=1', 'shop=0', 'site=0']);

    // Each folder is what one run over its export writes.
    const alone = join(tmp, 'alone');
    expect((await runBin([site, '-o', alone, '--preset', 'hugo', '-q'])).code).toBe(0);
    const files = filesBelow(alone);
    expect(files.length).toBeGreaterThan(130);
    expect(filesBelow(join(out, 'site'))).toEqual(files);
    for (const file of files) expect(readFileSync(join(out, 'site', file), 'utf8'), file).toBe(readFileSync(join(alone, file), 'utf8'));
    expect(filesBelow(join(out, 'shop'))).toContain('content/posts/kind-of-blue/index.md');

    // Fixed, the rerun runs the failed export only.
    copyFileSync(shop, broken);
    const second = parallel(log, out, [site, shop, broken]);
    expect(second.status, second.stderr).toBe(0);
    const rows = jobs(log);
    expect(rows).toHaveLength(4);
    expect(rows.at(-1)).toBe('broken=0');
    expect(filesBelow(join(out, 'broken'))).toContain('content/posts/kind-of-blue/index.md');
  });
});
