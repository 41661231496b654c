import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup: the tests run the built command (bin/wp-extract.js and its bundle),
 * so refuse to run against a bundle older than the sources. `npm test` builds first.
 */
export default function checkBuilt(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bundle = join(root, 'dist/bundle/cli.js');
  let built: number;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    throw new Error('dist/bundle/cli.js is missing: run `npm run build` (npm test does it first)');
  }
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (newest(join(root, 'src')) > built) {
    throw new Error('dist/bundle/cli.js is older than src/: run `npm run build` (npm test does it first)');
  }
}
