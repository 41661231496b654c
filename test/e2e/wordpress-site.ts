import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The end-to-end WordPress of scripts/wordpress/setup.sh, as every end-to-end test reaches it:
 * its state folder, its address and an application password (the `env` file seed.php writes),
 * and the PHP scripts that change it, export it or list its addresses.
 */
export const state = process.env.WP_E2E_STATE ?? '/tmp/wp-extract-e2e';

const env = Object.fromEntries(
  readFileSync(join(state, 'env'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
) as { WP_E2E_URL: string; WP_E2E_AUTH: string };

/** The site's address. */
export const site = env.WP_E2E_URL;
/** `user:application password` of its administrator. */
export const auth = env.WP_E2E_AUTH;

/** Runs one of scripts/wordpress/*.php against the site; its output, trimmed. A failure throws with what it printed. */
export function php(script: string, ...args: string[]): string {
  const path = fileURLToPath(new URL(`../../scripts/wordpress/${script}`, import.meta.url));
  const result = spawnSync('php', [path, ...args], { env: { ...process.env, HTTP_HOST: '127.0.0.1', WP_E2E_STATE: state }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Writes the site's export (WordPress's own exporter) to a file. */
export const exportSite = (file: string): void => void php('export.php', file);
