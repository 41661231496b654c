import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createExtractor } from '../src/extract.js';
import type { ExtractedPost, Post } from '../src/post.js';
import { preparePost } from '../src/prepare/index.js';
import { replaceShortcodes } from '../src/prepare/shortcodes/scan.js';
import { runBin, typedPost } from './helpers.js';

const raw = (content: string): Post =>
  typedPost({ id: 7, slug: 's', link: 'https://e.org/s/', title: 't', contentHtml: content, contentFormat: 'raw' } as Partial<ExtractedPost>);
const extractor = createExtractor();
const markdown = (content: string): string => extractor.extract(raw(content)).post.markdown;

/** The body of the one fenced block of a Markdown text, and its info string. */
function fenced(md: string): { info: string; body: string } | null {
  const match = /^(`{3,})(.*)\n([\s\S]*?)\n\1$/m.exec(md);
  return match ? { info: match[2] ?? '', body: match[3] ?? '' } : null;
}

describe('code shortcodes (SyntaxHighlighter, WordPress.com)', () => {
  it.each([
    ['[code lang="php"]<?php echo 1; ?>[/code]', 'php', '<?php echo 1; ?>'],
    ['[sourcecode language="python"]x = "a"[/sourcecode]', 'python', 'x = "a"'],
    ['[source lang="js"]a && b[/source]', 'javascript', 'a && b'],
    ['[php]$a = [1, 2];[/php]', 'php', '$a = [1, 2];'],
    ['[html]<link rel="x">[/html]', 'html', '<link rel="x">'],
    ['[code="ruby"]puts 1[/code]', 'ruby', 'puts 1'],
    ['[code]a &lt; b &amp;&amp; c[/code]', '', 'a < b && c'],
    ['[code lang="bash"]echo "$HOME" \'x\' -- ...[/code]', 'bash', 'echo "$HOME" \'x\' -- ...'],
  ])('%s becomes a fence with its language, the code as shown', (content, language, code) => {
    expect(fenced(markdown(content))).toEqual({ info: language, body: code });
  });

  it('leaves a code shortcode naming a language the plugin lacks as it was written', () => {
    expect(markdown('[code lang="klingon"]x[/code]')).toContain('[code lang="klingon"]x[/code]');
  });

  it("reads SyntaxHighlighter's block with its language, and WP-Syntax's <pre lang> as code", () => {
    const block = '<!-- wp:syntaxhighlighter/code {"language":"php"} -->\n<pre class="wp-block-syntaxhighlighter-code">&lt;?php echo $x; ?&gt;</pre>\n<!-- /wp:syntaxhighlighter/code -->';
    expect(fenced(markdown(block))).toEqual({ info: 'php', body: '<?php echo $x; ?>' });
    expect(fenced(markdown('<pre lang="python" line="1">if a < b:\n    print("x")</pre>'))).toEqual({ info: 'python', body: 'if a < b:\n    print("x")' });
  });

  it('keeps any code inside a code shortcode verbatim in a fence (no curly quotes, paragraphs, HTML or escapes)', () => {
    const char = fc.constantFrom(...'abc xyz\t\n<>&"\'`*_\\[]#-+=$;:/.(){}|!?~0123456789'.split(''));
    const code = fc.array(char, { minLength: 1, maxLength: 80 }).map((chars) => `<${chars.join('')}`);
    fc.assert(
      fc.property(code, (text) => {
        fc.pre(!text.includes('[/code]') && text.trim() !== '<');
        const out = fenced(markdown(`Before.\n\n[code lang="c"]${text}[/code]\n\nAfter.`));
        expect(out).toEqual({ info: 'c', body: text.replace(/^\n/, '').replace(/\s+$/, '') });
      }),
      { numRuns: 300 },
    );
  });
});

describe('the other shortcode families', () => {
  it.each([
    ['$latex \\alpha^2&s=3$ is small', '$\\alpha^2$ is small'],
    ['[latex]x_1[/latex]', '$x_1$'],
    ['[javascript]if (x < 10) {}[/javascript]\n\nThen $latex a^2$ and <code>$latex b$</code>.', '```javascript\nif (x < 10) {}\n```\n\nThen $a^2$ and `$latex b$`.'],
    ['[youtube MENdMl-UAn8]', '<https://www.youtube.com/watch?v=MENdMl-UAn8>'],
    ['[vimeo 123]', '<https://vimeo.com/123>'],
    ['[gist octocat/abc123]', '<https://gist.github.com/octocat/abc123>'],
    ['[su_button url="https://e.org/get"]Get it[/su_button]', '[Get it](https://e.org/get)'],
    ['[vc_row][vc_column][vc_column_text]Inside a builder.[/vc_column_text][/vc_column][/vc_row]', 'Inside a builder.'],
    ['[tabs][tab title="One"]First.[/tab][/tabs]', '**One**\n\nFirst.'],
    ['[su_divider] [et_pb_divider] [mks_icon icon="x"]Text.', 'Text.'],
    ['Write to us. [contact-form-7 id="5"]', 'Write to us.'],
  ])('%s', (content, expected) => {
    expect(markdown(content).trim()).toBe(expected);
  });

  it('counts forms removed, galleries left out and embeds reduced to links', () => {
    const { notes } = preparePost(raw('[wpforms id="1"] [gallery ids="1,2"] [tweet 123456789]'));
    expect([...notes]).toEqual([
      ['form removed: [wpforms]', 1],
      ['gallery left out: its images are not in the export', 1],
      ['embed reduced to a link: [tweet]', 1],
    ]);
  });

  it('stays linear on hostile input: 10 MB of unclosed and deeply nested shortcodes', () => {
    for (const hostile of ['[code lang="php"]x '.repeat(600_000), '[mks_col]'.repeat(1_100_000), '[su_box title="t"]'.repeat(20_000) + 'x' + '[/su_box]'.repeat(20_000), '[code '.repeat(1_700_000)]) {
      const started = performance.now();
      preparePost(raw(hostile));
      expect(performance.now() - started, hostile.slice(0, 20)).toBeLessThan(10_000);
    }
  }, 60_000);

  it('finds tags in one pass, as do_shortcode matches them', () => {
    const seen: string[] = [];
    const out = replaceShortcodes('[a x=1]in[/a] [[a]] [b/] [a]open', () => true, (code) => {
      seen.push(`${code.name}:${code.content ?? '-'}`);
      return `<${code.name}>`;
    });
    expect(out).toBe('<a> [a] <b> <a>open');
    expect(seen).toEqual(['a:in', 'b:-', 'a:-']);
  });
});

describe('exports as WordPress imports them', () => {
  it('reads an export with white space, a comment and a byte-order mark before <?xml and junk after </rss>, on one thread and several', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-extract-junk-'));
    const file = join(dir, 'junk.xml');
    const source = readFileSync(new URL('../fixtures/wxr-plugins/input.xml', import.meta.url), 'utf8');
    writeFileSync(file, `\uFEFF\n\n<!-- printed by a plugin -->\n${source}\n<p>Notice: undefined index</p>\n`);
    for (const jobs of ['1', '3']) {
      const result = await runBin(['-f', 'ndjson', '--jobs', jobs, file]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(4);
    }
  });
});

describe('footnotes of an export', () => {
  it("renders the footnotes block from the post's footnotes meta, as the REST API serves it", async () => {
    const notes = JSON.stringify([
      { content: 'The first note, with <a href="https://make.wordpress.org/core/">a link</a>.', id: '0f1a' },
      { content: 'The <strong>second</strong> note.', id: '9b2c' },
    ]);
    const ref = (id: string, n: number): string => `<sup data-fn="${id}" class="fn"><a href="#${id}" id="${id}-link">${n}</a></sup>`;
    const content = [
      `<!-- wp:paragraph -->\n<p>WordPress 6.3 added footnotes${ref('0f1a', 1)} to the editor, and they can carry <em>formatting</em>${ref('9b2c', 2)}.</p>\n<!-- /wp:paragraph -->`,
      `<!-- wp:paragraph -->\n<p>A reference can be used again${ref('0f1a', 1)}.</p>\n<!-- /wp:paragraph -->`,
      '<!-- wp:footnotes /-->',
      '<!-- wp:paragraph -->\n<p>The paragraph after the notes block.</p>\n<!-- /wp:paragraph -->',
    ].join('\n\n');
    const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Notes</title><link>https://example.com</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Md footnotes</title><link>https://example.com/2024/03/md-footnotes/</link>
<content:encoded><![CDATA[${content}]]></content:encoded>
<wp:post_id>107</wp:post_id><wp:post_name>md-footnotes</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>footnotes</wp:meta_key><wp:meta_value><![CDATA[${notes}]]></wp:meta_value></wp:postmeta>
</item></channel></rss>`;
    const dir = mkdtempSync(join(tmpdir(), 'wp-extract-notes-'));
    const file = join(dir, 'notes.xml');
    writeFileSync(file, xml);
    const fromExport = await runBin(['-f', 'json', file]);
    expect(fromExport.code, fromExport.stderr).toBe(0);
    const rest = JSON.parse(readFileSync(new URL('../fixtures/md-footnotes/expected.json', import.meta.url), 'utf8')) as { markdown: string };
    expect((JSON.parse(fromExport.stdout) as Array<{ markdown: string }>)[0]?.markdown).toBe(rest.markdown);
  });
});

describe('the loss report (--report FILE)', () => {
  it('lists per post what did not come across, the same on one thread and several', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-extract-losses-'));
    const file = join(dir, 'extra.xml');
    const source = readFileSync(new URL('../fixtures/wxr-plugins/input.xml', import.meta.url), 'utf8');
    const item = `<item><title>Built</title><link>https://code.example.org/built/</link>
<content:encoded><![CDATA[<!-- wp:latest-posts /--><!-- wp:paragraph --><p>Fallback <img src="https://cdn.other.example/a.png" alt=""></p><!-- /wp:paragraph -->]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:post_name>built</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
<wp:postmeta><wp:meta_key>_elementor_data</wp:meta_key><wp:meta_value><![CDATA[[{"elType":"section","elements":[{"settings":{"editor":"<p>The real text</p>"}}]}]]]></wp:meta_value></wp:postmeta></item>`;
    writeFileSync(file, source.replace('</channel>', `${item}</channel>`));
    const reports: string[] = [];
    for (const jobs of ['1', '3']) {
      const report = join(dir, `losses-${jobs}.json`);
      const result = await runBin(['--type', 'all', '--jobs', jobs, '--report', report, file]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain("keep their content in a page builder's data (Elementor)");
      reports.push(readFileSync(report, 'utf8'));
    }
    expect(reports[1]).toBe(reports[0]);
    const parsed = JSON.parse(reports[0] ?? '{}') as { posts: Array<{ id: number; losses: Record<string, number> }> };
    expect(parsed.posts.map((p) => p.id)).toEqual([3, 4, 5]);
    expect(parsed.posts[1]?.losses).toEqual({
      'form removed: [contact-form-7]': 1,
      'form removed: [jetpack_subscription_form]': 1,
      'gallery left out: its images are not in the export': 1,
    });
    expect(parsed.posts[2]?.losses).toEqual({
      'dynamic block printed nothing: core/latest-posts': 1,
      'image on another host: cdn.other.example': 1,
      'page builder data not converted: Elementor': 1,
    });
  });

  it('refuses an empty file name before reading anything', async () => {
    expect(await runBin(['--report', '', 'x.json'])).toMatchObject({ code: 2, stderr: 'wp-extract: --report: expected a file name\n' });
  });
});

describe('code as highlighters rendered it (the REST path)', () => {
  const rendered = (html: string): string => createExtractor().extract(typedPost({ id: 1, link: 'https://e.org/p/', contentHtml: html, contentFormat: 'rendered' } as Partial<ExtractedPost>)).post.markdown;
  it.each([
    [
      '<div class="wp_syntax"><table><tr><td class="line_numbers"><pre>1\n2</pre></td><td class="code"><pre class="python" style="font-family:monospace;"><span class="kw1">def</span> f<span class="br0">(</span>x<span class="br0">)</span>:\n    <span class="kw1">return</span> x &lt; 2</pre></td></tr></table></div>',
      '```python\ndef f(x):\n    return x < 2\n```\n',
    ],
    [
      '<div class="syntaxhighlighter php"><table><tbody><tr><td class="gutter"><div class="line number1">1</div><div class="line number2">2</div></td><td class="code"><div class="container"><div class="line number1"><code class="php plain">&lt;?php</code></div><div class="line number2"><code class="php spaces">&nbsp;&nbsp;</code><code class="php keyword">echo</code> <code class="php string">"a*b"</code>;</div></div></td></tr></tbody></table></div>',
      '```php\n<?php\n  echo "a*b";\n```\n',
    ],
    [
      '<div id="crayon-1" class="crayon-syntax crayon-theme-classic"><div class="crayon-toolbar"><div class="crayon-tools"><span class="crayon-language">PHP</span></div></div><div class="crayon-plain-wrap"><textarea class="crayon-plain print-no" readonly>&lt;?php echo $a["b"]; ?&gt;</textarea></div><div class="crayon-main"><table class="crayon-table"><tr class="crayon-row"><td class="crayon-nums"><div class="crayon-num">1</div></td><td class="crayon-code"><div class="crayon-pre"><div class="crayon-line">&lt;?php echo $a["b"]; ?&gt;</div></div></td></tr></table></div></div>',
      '```php\n<?php echo $a["b"]; ?>\n```\n',
    ],
    ['<pre class="lang:js decode:true">var a = 1;</pre>', '```javascript\nvar a = 1;\n```\n'],
    ['<pre class="prettyprint lang-rb">puts 1</pre>', '```rb\nputs 1\n```\n'],
    ['<p><img class="latex" src="https://s0.wp.com/latex.php?latex=x%5E2" alt="x^2" title="x^2"> and \\(a+b\\) and $$c$$</p>', '$x^2$ and $a+b$ and\n\n$$\nc\n$$\n'],
  ])('%s', (html, expected) => {
    expect(rendered(html)).toBe(expected);
  });
});

describe('exports without CDATA (WXR 1.0)', () => {
  it('reads entity-escaped content as WordPress does, to the same posts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-extract-nocdata-'));
    const source = readFileSync(new URL('../fixtures/wxr-export/input.xml', import.meta.url), 'utf8');
    const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const plain = source.replaceAll('export/1.2/', 'export/1.0/').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) => escape(text));
    const file = join(dir, 'old.xml');
    writeFileSync(file, plain);
    const [a, b] = await Promise.all([runBin(['-f', 'ndjson', file]), runBin(['-f', 'ndjson', fileURLToPath(new URL('../fixtures/wxr-export/input.xml', import.meta.url))])]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});
