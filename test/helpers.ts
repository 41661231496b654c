import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli.js';
import type { ExtractedPost } from '../src/post.js';

/** The command users run: the built bin, which loads the bundle (`npm test` builds it first). */
export const BIN = fileURLToPath(new URL('../bin/wp-extract.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output; stdin is the given text, or a terminal. */
export async function runCli(argv: string[], stdin?: string | Buffer, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const input = Object.assign(Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]), {
    isTTY: stdin === undefined,
  });
  const code = await main(argv, {
    stdout: { write: (chunk: string) => void (stdout += chunk) },
    stderr: { write: (chunk: string) => void (stderr += chunk) },
    stdin: input,
    env,
  });
  return { code, stdout, stderr };
}

/**
 * Runs the built command as a child process, as users do: argv, stdin (closed when not given),
 * the exit status and both streams as UTF-8 text.
 */
export function runBin(argv: string[], stdin?: string | Buffer, options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined); // a command that exits before reading all of stdin
    child.stdin.end(stdin);
  });
}

/** A post object with the usual fields, for tests that need one. */
export function samplePost(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1,
    date: '2024-01-15T10:30:00',
    date_gmt: '2024-01-15T09:30:00',
    modified: '2024-01-15T10:30:00',
    modified_gmt: '2024-01-15T09:30:00',
    slug: 'hello',
    status: 'publish',
    type: 'post',
    link: 'https://example.com/hello/',
    title: { rendered: 'Hello' },
    content: { rendered: '<p>Hello, world.</p>\n', protected: false },
    excerpt: { rendered: '<p>Hello.</p>\n', protected: false },
    author: 1,
    featured_media: 0,
    sticky: false,
    format: 'standard',
    categories: [1],
    tags: [],
    ...overrides,
  };
}

/** A typed post (what parsing gives, with the fields conversion adds), empty but for the overrides. */
export function typedPost(overrides: Partial<ExtractedPost> = {}): ExtractedPost {
  return {
    id: 1, type: 'post', slug: 'post', link: null, status: 'publish', title: 'Post', date: null, modified: null, author: null,
    categories: [], tags: [], featuredImage: null, format: null, sticky: false, parent: null, menuOrder: null, passwordProtected: false,
    contentHtml: '', contentFormat: 'rendered', excerptHtml: '', excerpt: '', html: '', markdown: '',
    ...overrides,
  };
}

/** Every file below a folder, relative to it, sorted; the folder's state file (`_wp-extract.json`) only when asked for. */
export function filesBelow(dir: string, { state = false } = {}): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (state || entry.name !== '_wp-extract.json') out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}
