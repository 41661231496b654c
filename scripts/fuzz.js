// @ts-check
/**
 * The hostile-input properties of test/fuzz.test.ts, run longer, with the heavy cases (a 50 MB
 * post, 50,000 paragraphs for linearity):
 *
 *   npm run fuzz -- --runs 2000
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const runs = at === -1 ? '1000' : args[at + 1];
if (!runs || !/^\d+$/.test(runs)) {
  process.stderr.write('usage: npm run fuzz -- --runs N\n');
  process.exit(2);
}
const result = spawnSync('npx', ['vitest', 'run', 'test/fuzz.test.ts', '--testTimeout', '600000'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
