import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli, samplePost, type CliRun } from './helpers.js';

/**
 * Hostile input: whatever arrives, wp-extract answers with output or one-line errors and a
 * documented exit code, never a stack trace, an internal error or a hang. `npm run fuzz --
 * --runs N` runs the same properties N times each, and the heavy cases (a 50 MB post, and
 * 50,000 paragraphs for linearity).
 */
const runs = Number(process.env.FUZZ_RUNS ?? '60');
const heavy = process.env.FUZZ_RUNS !== undefined;
const settings = { numRuns: runs, endOnFailure: true };

/** What every run must be: a documented exit code, and errors as single `wp-extract:` lines. */
function expectNoCrash(result: CliRun, codes: number[] = [0, 1]): void {
  expect(codes).toContain(result.code);
  for (const line of result.stderr.split('\n').filter(Boolean)) {
    expect(line).toMatch(/^wp-extract: /);
    expect(line).not.toMatch(/internal error|^\s+at /);
  }
}

/** Markdown outside fenced and inline code, where raw HTML would be live. */
const live = (markdown: string): string =>
  markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');

/** HTML assembled from the pieces hostile and broken posts are made of. */
const hostileHtml = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<p>', '</p>', '<div>', '</div>', '<span style="x">', '</span>', '<ul><li>', '</li></ul>', '<table><tr><td>', '</td></tr></table>',
        '<pre><code class="language-js">', '</code></pre>', '<a href="javascript:alert(1)">', '<a href=" jav&#x09;ascript:alert(1)">',
        '<a href="data:text/html,<script>alert(1)</script>">', '</a>', '<img src=x onerror="alert(1)">', '<img src="javascript:alert(1)">',
        '<script>alert(1)</script>', '<style>p{}</style>', '<iframe src="javascript:alert(1)"></iframe>', '<svg onload="alert(1)"><script>1</script></svg>',
        '<!-- comment', '-->', '<![CDATA[x]]>', '<!DOCTYPE html>', '&amp;', '&#0;', '&#xD800;', '&bogus;', '<', '>', '"', "'",
        '<sup data-fn="x" class="fn"><a href="#x">1</a></sup>', '<ol class="wp-block-footnotes"><li id="x">n</li></ol>', '<br>', '<hr>',
        '<details><summary>', '</summary>', '</details>', '<div class="booster-block booster-read-block">', '[gallery ids="1"]', '\u0000', '\u001b', '\u2028',
        '<p onclick="alert(1)">', '<form action="javascript:alert(1)"><input></form>', '<object data="javascript:alert(1)"></object>',
        '<video src="javascript:alert(1)"></video>', '<x-custom a=b>', '</x-custom>',
      ),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('hostile input', () => {
  it('any bytes on stdin', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        expectNoCrash(await runCli(['-'], Buffer.from(bytes)));
      }),
      settings,
    );
  });

  it('truncated and corrupted JSON', async () => {
    const text = JSON.stringify([samplePost({ id: 1 }), samplePost({ id: 2, content: { rendered: '<p>“two”</p>' } })]);
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length), fc.string({ maxLength: 3 }), fc.boolean(), async (at, junk, cut) => {
        const broken = cut ? text.slice(0, at) : text.slice(0, at) + junk + text.slice(at);
        expectNoCrash(await runCli(['-f', 'ndjson', '-'], broken));
      }),
      settings,
    );
  });

  it('every field of the wrong type', async () => {
    const fields = ['id', 'title', 'content', 'excerpt', 'date', 'date_gmt', 'modified_gmt', 'slug', 'link', 'status', 'type', 'author', 'categories', 'tags', 'sticky', 'format', 'class_list', '_embedded', 'yoast_head_json', 'jetpack_featured_media_url'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('md', 'mdx', 'json', 'text'), async (field, value, format) => {
        const post = samplePost({ [field]: value });
        expectNoCrash(await runCli(['-f', format, '-'], JSON.stringify(post)));
      }),
      settings,
    );
  });

  it('rendered HTML that is hostile or broken: output, deterministic, and nothing live', async () => {
    await fc.assert(
      fc.asyncProperty(hostileHtml, fc.boolean(), async (html, noClean) => {
        const input = JSON.stringify(samplePost({ content: { rendered: html }, excerpt: { rendered: html } }));
        const args = ['-f', 'json', ...(noClean ? ['--no-clean'] : []), '-'];
        const first = await runCli(args, input);
        expectNoCrash(first, [0]);
        expect((await runCli(args, input)).stdout).toBe(first.stdout);
        const markdown = live((JSON.parse(first.stdout) as { markdown: string }).markdown);
        expect(markdown).not.toMatch(/<script|<iframe|<object|<svg|<form|<img|\son[a-z]+\s*=/i);
        expect(markdown).not.toMatch(/\]\(\s*<?\s*(javascript|vbscript):/i);
        expect(markdown).not.toMatch(/\]\(\s*<?\s*data:(?!image\/)/i);
        expect(markdown).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
      }),
      settings,
    );
  });

  it('front matter no title or excerpt can break out of', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('---', '--- \nx: y', 'a: b', '!!js/function', '"\'', '+++', 'yes', '1:20', '#x', '- item', '{a}', '[x]')),
        fc.constantFrom('yaml', 'toml'),
        async (text, style) => {
          const post = samplePost({ title: { rendered: text.replace(/[<&]/g, '') }, excerpt: { rendered: text.replace(/[<&]/g, '') } });
          const result = await runCli(['--front-matter', style, '-'], JSON.stringify(post));
          expectNoCrash(result, [0]);
          const fence = style === 'yaml' ? '---' : '\\+\\+\\+';
          const head = new RegExp(`^${fence}\\n([\\s\\S]*?)\\n?${fence}\\n`).exec(result.stdout)?.[1] ?? '';
          const values = (style === 'yaml' ? parseYaml(head) : parseToml(head)) as Record<string, unknown>;
          const expected = text.replace(/[<&]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
          if (expected !== '') expect(values.title).toBe(expected);
          expect(values.id).toBe(1);
          expect(Object.keys(values)[0]).toBe(expected === '' ? 'date' : 'title');
        },
      ),
      settings,
    );
  });
});

describe('hostile sizes', () => {
  const post = (html: string): string => JSON.stringify(samplePost({ content: { rendered: html } }));

  // 100,000 is the figure the hostile-input issue names. Deeper still, time grows faster than
  // the input: htmlparser2 keeps its open-element stack with Array#unshift (200,000 levels
  // take about 30 s), which this project does not patch.
  it('100000 nested elements neither overflow the stack nor take long', async () => {
    const depth = 100_000;
    const started = Date.now();
    const result = await runCli(['-f', 'text', '-'], post(`${'<div><span>'.repeat(depth / 2)}deep${'</span></div>'.repeat(depth / 2)}`));
    expectNoCrash(result, [0]);
    expect(result.stdout).toBe('deep\n');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('unclosed tags, a huge attribute, control characters, invalid UTF-8 and UTF-16', async () => {
    expectNoCrash(await runCli(['-'], post(`${'<p><b><i>'.repeat(5000)}text`)), [0]);
    expectNoCrash(await runCli(['-'], post(`<img alt="${'a'.repeat(5_000_000)}" src="x.png"><p>after</p>`)), [0]);
    expectNoCrash(await runCli(['-'], post('<p>\u0000\u0001\u0007\u001b[31m\u007f</p>')), [0]);
    const invalid = Buffer.concat([Buffer.from('{"id":1,"title":{"rendered":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"},"content":{"rendered":"<p>x</p>"}}')]);
    expectNoCrash(await runCli(['-'], invalid), [0]);
    const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(post('<p>big-endian</p>'), 'utf16le').swap16()]);
    expect((await runCli(['-f', 'text', '-'], utf16)).stdout).toBe('big-endian\n');
  });

  it.runIf(heavy)('a post with 50 MB of content', { timeout: 600_000 }, async () => {
    const paragraph = '<p>Fifty megabytes of <strong>content</strong>, paragraph after paragraph, with “quotes” &amp; entities.</p>\n';
    const html = paragraph.repeat(Math.ceil((50 * 1024 * 1024) / paragraph.length));
    const started = performance.now();
    const result = await runCli(['-f', 'text', '-'], post(html));
    expectNoCrash(result, [0]);
    console.log(`50 MB post: ${(html.length / 1024 / 1024).toFixed(1)} MB of HTML in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(result.stdout.length).toBeGreaterThan(30 * 1024 * 1024);
  });

  it('takes time roughly linear in the size of the content', async () => {
    const paragraph = '<p>Some <a href="/x">linked</a> and <em>emphasised</em> text, with “quotes”.</p>\n';
    const time = async (n: number): Promise<number> => {
      const input = post(paragraph.repeat(n));
      const started = performance.now();
      expectNoCrash(await runCli(['-f', 'md', '-'], input), [0]);
      return performance.now() - started;
    };
    await time(500); // warm up
    const small = await time(2_000);
    const large = await time(heavy ? 50_000 : 10_000);
    const ratio = large / small / ((heavy ? 50_000 : 10_000) / 2_000);
    console.log(`linearity: ${(heavy ? 50_000 : 10_000) / 2_000}× the content took ${(large / small).toFixed(1)}× the time (${small.toFixed(0)} ms, ${large.toFixed(0)} ms)`);
    expect(ratio).toBeLessThan(2.5);
  });
});
