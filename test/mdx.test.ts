import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@mdx-js/mdx';
import { sharedFolder } from './shared.js';
import { describe, expect, it } from 'vitest';
import { runBin } from './helpers.js';

/**
 * Every post of the fixtures and of the shared corpus, written as MDX files by the built
 * command (`-o DIR -f mdx`), compiles with @mdx-js/mdx: no text read as JSX or an expression,
 * no HTML comment, kept HTML valid JSX. The front matter is YAML, which MDX hosts (Astro's
 * integration, remark-frontmatter) take off before compiling, as this test does.
 */
const root = fileURLToPath(new URL('../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'wp-extract-mdx-'));
const { path: corpus, present: haveCorpus } = sharedFolder('corpus', 'MDX of the corpus');

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx')).map((f) => join(dir, f));
}

async function compileAll(dir: string): Promise<{ files: number; failures: string[] }> {
  const failures: string[] = [];
  const files = mdxFiles(dir);
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    try {
      await compile(text);
    } catch (error) {
      failures.push(`${file}: ${(error as Error).message}`);
    }
  }
  return { files: files.length, failures };
}

/** Each fixture's input, with the arguments its case gives. */
function fixtureCases(): Array<{ name: string; input: string; args: string[] }> {
  return readdirSync(join(root, 'fixtures'))
    .sort()
    .flatMap((name) => {
      const dir = join(root, 'fixtures', name);
      const input = ['input.json', 'input.xml'].map((f) => join(dir, f)).find(existsSync);
      const args = existsSync(join(dir, 'case.json')) ? ((JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { args?: string[] }).args ?? []) : [];
      return input ? [{ name, input, args }] : [];
    });
}

/** Runs a few at a time. */
async function inBatches<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < items.length; at += 4) await Promise.all(items.slice(at, at + 4).map(run));
}

describe('MDX', () => {
  it('compiles every fixture post written as MDX', async () => {
    // One run per fixture: fixtures reuse ids, and a folder holds one post of an id.
    await inBatches(fixtureCases(), async ({ name, input, args }) => {
      const result = await runBin(['-o', join(tmp, 'fixtures', name), '-f', 'mdx', '-q', ...args, input]);
      expect(result.stderr).not.toMatch(/internal|TypeError/);
    });
    const { files, failures } = await compileAll(join(tmp, 'fixtures'));
    console.log(`MDX: ${files} fixture posts compiled, ${failures.length} failed`);
    expect(failures).toEqual([]);
    // As many as the fixtures print as JSON (less the posts a fixture repeats).
    const printed = fixtureCases().reduce((n, { input }) => {
      const file = join(input, '../expected.json');
      const value = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : [];
      const posts = (Array.isArray(value) ? value : [value]) as Array<{ id: number; type: string; link: string }>;
      return n + new Set(posts.map((p) => `${p.link}|${p.type}|${p.id}`)).size;
    }, 0);
    expect(files).toBe(printed);
  }, 120_000);

  it.runIf(haveCorpus)('compiles every corpus post written as MDX', async () => {
    const dir = join(tmp, 'corpus');
    const mdx = (out: string, inputs: string[], stdin?: string) => runBin(['-o', join(dir, out), '-f', 'mdx', '-q', '--path', '{type}/{id}-{slug}.md', ...inputs], stdin);
    // Sites' posts at once; the test files of the REST API and the importer one by one (they
    // reuse ids, and a folder writes one post of an id); block fixtures wrapped in posts.
    await mdx('sites', [join(corpus, 'real-posts')]);
    const single = ['wp-api', 'wxr'].flatMap((folder) => readdirSync(join(corpus, folder)).map((f) => join(corpus, folder, f)));
    await inBatches(single, (file) => mdx(`single-${single.indexOf(file)}`, [file]));
    const fragments = ['gutenberg-blocks', 'booster'].flatMap((folder) => readdirSync(join(corpus, folder)).filter((f) => f.endsWith('.html')).map((f) => join(corpus, folder, f)));
    const wrapped = fragments.map((f, i) => JSON.stringify({ id: i + 1, slug: `fragment-${i + 1}`, link: 'https://example.com/corpus/', title: { rendered: f }, content: { rendered: readFileSync(f, 'utf8') } }));
    await mdx('fragments', ['-'], wrapped.join('\n'));
    const { files, failures } = await compileAll(dir);
    console.log(`MDX: ${files} corpus posts compiled, ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(files).toBeGreaterThan(250);
  }, 300_000);

  it('writes .mdx files, and prints MDX', async () => {
    const dir = join(tmp, 'astro');
    const input = join(root, 'fixtures/md-tables/input.json');
    await runBin(['-o', dir, '--preset', 'astro', '-f', 'mdx', input]);
    expect(readdirSync(join(dir, 'src/content/blog'))).toEqual(['md-tables.mdx']);
    const printed = await runBin(['-f', 'mdx', input]);
    expect(printed.stdout).toContain('<table><tr><td>Outer<table><tr><td>nested</td></tr></table></td></tr></table>');
    expect(printed.stdout).toContain('January 3,<br />2004');
    expect(printed.stdout).not.toContain('<!--');
  });
});

describe('HTML as JSX', () => {
  it('closes every element, renames attributes, writes style as an object and text that JSX would read as code as expressions', async () => {
    const { htmlToJsx } = await import('../src/convert/jsx.js');
    expect(htmlToJsx('<ol reversed><li class="a" style="text-align: center; --x: 1">a {b} &lt;c&gt;</li></ol><br><td colspan="2" title="say &quot;hi&quot;">x</td>')).toBe(
      '<ol reversed><li className="a" style={{ textAlign: "center", "--x": "1" }}>a {"{"}b{"}"} {"<"}c{">"}</li></ol><br /><td colSpan="2" title={"say \\"hi\\""}>x</td>',
    );
  });
});
