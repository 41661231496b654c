import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape of src/: the stages (read → parse → prepare → clean → convert → render → write) are
 * handed finished settings and never reach back into what composes them: the plan, the CLI,
 * the run, the mirror. A generator target is data the plan and the run hand on.
 */
const src = fileURLToPath(new URL('../src/', import.meta.url));
const STAGES = ['read', 'parse', 'prepare', 'clean', 'convert', 'render', 'write', 'html', 'targets'];
const COMPOSERS = ['plan.ts', 'cli.ts', 'run/', 'mirror/'];

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The modules a file imports (static and dynamic), relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1] ?? '');
  return specifiers.map((s) => relative(src, join(dirname(file), s)).replace(/\.js$/, '.ts'));
}

describe('the import graph', () => {
  for (const stage of STAGES) {
    it(`${stage}/ imports no plan, CLI, run or mirror`, () => {
      const bad = filesBelow(join(src, stage)).flatMap((file) =>
        importsOf(file)
          .filter((target) => COMPOSERS.some((c) => (c.endsWith('/') ? target.startsWith(c) : target === c)))
          .map((target) => `${relative(src, file)} → ${target}`),
      );
      expect(bad).toEqual([]);
    });
  }

  it('no function is longer than 60 lines and no class longer than 200', () => {
    const long: string[] = [];
    for (const file of filesBelow(src)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const fn = /^(\s*)(?:export\s+)?(?:async\s+)?function\*?\s+(\w+)|^(\s*)(?:export\s+)?(?:abstract\s+)?class\s+(\w+)|^(\s+)(?:(?:private|public|protected|static|async|readonly|get|set)\s+)*\*?(\w+)\s*\([^)]*\)[^;=]*\{\s*$/.exec(line);
        if (!fn) return;
        const indent = fn[1] ?? fn[3] ?? fn[5] ?? '';
        const end = lines.findIndex((l, j) => j > i && l.startsWith(`${indent}}`));
        const length = end - i + 1;
        const isClass = fn[4] !== undefined;
        if (end > i && length > (isClass ? 200 : 60)) long.push(`${relative(src, file)}:${i + 1} ${fn[2] ?? fn[4] ?? fn[6]} (${length} lines)`);
      });
    }
    expect(long).toEqual([]);
  });
});
