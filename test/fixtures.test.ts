import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin, runCli } from './helpers.js';

/**
 * One folder per case under fixtures/: `input.json` (or `input.xml`, an export), the expected Markdown (`expected.md`),
 * JSON (`expected.json`) and stderr (`expected.stderr`, when anything is printed there), and
 * an optional `case.json` with extra CLI `args` and the expected `exit` status.
 * Each case runs through the built command (bin/wp-extract.js and its bundle, as a child
 * process), which is what users run, and through the library's main() in process, which must
 * print the same. `UPDATE_FIXTURES=1 npm run test:update` rewrites the expected files from
 * the command's output.
 */
const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const update = process.env.UPDATE_FIXTURES === '1';

interface Case {
  args?: string[];
  exit?: number;
}

/** Compares output with an expected file; a missing file means no output. */
function check(file: string, actual: string): void {
  if (update) {
    if (actual !== '') writeFileSync(file, actual);
    else rmSync(file, { force: true });
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, 'utf8') : '';
  expect(actual).toBe(expected);
}

describe.concurrent('fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    // A REST response (input.json) or a WordPress export (input.xml).
    const file = ['input.json', 'input.xml'].find((name) => existsSync(join(dir, name))) ?? 'input.json';
    const input = relative(process.cwd(), join(dir, file));
    const config: Case = existsSync(join(dir, 'case.json'))
      ? (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case)
      : {};
    const args = config.args ?? [];

    it(`${name}: Markdown`, async () => {
      const result = await runBin([...args, input]);
      expect(result.code).toBe(config.exit ?? 0);
      check(join(dir, 'expected.md'), result.stdout);
      check(join(dir, 'expected.stderr'), result.stderr);
      if (!update) expect(await runCli([...args, input])).toEqual(result);
    });

    it(`${name}: JSON`, async () => {
      const result = await runBin(['-f', 'json', ...args, input]);
      expect(result.code).toBe(config.exit ?? 0);
      check(join(dir, 'expected.json'), result.stdout);
      // Both formats report the same errors.
      check(join(dir, 'expected.stderr'), result.stderr);
      if (!update) expect(await runCli(['-f', 'json', ...args, input])).toEqual(result);
    });
  }
});
