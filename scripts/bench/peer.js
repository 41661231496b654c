// @ts-check
// wordpress-export-to-markdown, the peer the export benchmarks run beside wp-extract: installed
// into .bench/peer on first use (not a dependency of the project), and how its output is read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const PEER = 'wordpress-export-to-markdown@2.2.2';
const peerDir = join(root, '.bench', 'peer');
export const peerBin = join(peerDir, 'node_modules', 'wordpress-export-to-markdown', 'index.js');
const log = (/** @type {string} */ line) => process.stderr.write(`bench: ${line}\n`);

/** Installs the peer into .bench/peer unless it is there. */
export function installPeer() {
  if (existsSync(peerBin)) return;
  log(`installing ${PEER} into .bench/peer`);
  mkdirSync(peerDir, { recursive: true });
  writeFileSync(join(peerDir, 'package.json'), '{ "private": true }\n');
  const installed = spawnSync('npm', ['install', '--no-audit', '--no-fund', PEER], { cwd: peerDir, stdio: 'inherit' });
  if (installed.status !== 0) throw new Error(`npm install ${PEER} failed`);
}

/** The peer's command line for an export, images off. @param {string} file @param {string} out */
export const peerCommand = (file, out) => [process.execPath, peerBin, '--wizard=false', `--input=${file}`, `--output=${out}`, '--save-attached-images=false', '--save-scraped-images=false'];

/** Every Markdown file below a folder, by post slug (the file's folder for the peer's post folders). @param {string} dir */
export function markdownBySlug(dir) {
  /** @type {Map<string, string>} */
  const out = new Map();
  const walk = (/** @type {string} */ folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) {
        const slug = name === 'index.md' ? (folder.split('/').pop() ?? '') : name.replace(/\.md$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
        out.set(slug, readFileSync(path, 'utf8').replace(/^---\n[\s\S]*?\n---\n\n?/, ''));
      }
    }
  };
  walk(dir);
  return out;
}
