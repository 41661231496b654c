import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../src/cli.js';

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

/** Every file below a folder, relative to it, sorted. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}
