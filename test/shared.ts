import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

/**
 * A folder of `../shared` (the corpus beside the project), and whether tests that read it can
 * run. A clone without it reports those tests as skipped, with the reason, instead of running
 * fewer tests silently; CI (`CI=true`) has it, and a test that would be skipped there fails.
 */
export function sharedFolder(path: string, what: string): { path: string; present: boolean } {
  const absolute = fileURLToPath(new URL(`../../shared/${path}`, import.meta.url));
  const present = existsSync(absolute);
  if (!present && process.env.CI === 'true') {
    it(`${what}: ../shared/${path} must be there in CI`, () => {
      throw new Error(`../shared/${path} is missing: CI runs every test that reads the corpus`);
    });
  } else if (!present) {
    it.skip(`${what}: skipped, ../shared/${path} is absent (a clone without the corpus beside it)`, () => undefined);
  }
  return { path: absolute, present };
}
