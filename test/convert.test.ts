import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConverter, MARKDOWN_RULES } from '../src/convert/markdown.js';
import { escapeMarkdown, sameButWhiteSpace } from '../src/convert/escape.js';
import { largestFromSrcset, providerUrl } from '../src/convert/rules/media.js';
import { excerptText, htmlToText, plainExcerptText } from '../src/convert/text.js';
import { createExtractor } from '../src/extract.js';
import { fragmentHtml, fragmentIsBlank, htmlToInlineText, loadFragment, parsedInlineText } from '../src/html/index.js';
import { parsePost } from '../src/parse/post.js';
import { samplePost } from './helpers.js';

const md = (html: string): string => createConverter().toMarkdown(html);

describe('Markdown conversion', () => {
  it.each([
    ['<h2>Title</h2><p>Text</p>', '## Title\n\nText\n'],
    ['<ul><li>one</li><li>two</li></ul>', '- one\n- two\n'],
    ['<p><em>a</em> <strong>b</strong></p>', '_a_ **b**\n'],
    ['<p>a</p><hr><p>b</p>', 'a\n\n---\n\nb\n'],
    ['<p><del>gone</del> <s>too</s></p>', '~~gone~~ ~~too~~\n'],
    ['<p>“curly” quotes & café</p>', '“curly” quotes & café\n'],
    ['', ''],
    ['   \n ', ''],
  ])('%j', (html, expected) => {
    expect(md(html)).toBe(expected);
  });

  it('fences code with its language and keeps it byte-exact', () => {
    expect(md('<pre><code class="language-php">&lt;?php echo "a &amp; b"; ?&gt;\n  indented_name * 2</code></pre>')).toBe(
      '```php\n<?php echo "a & b"; ?>\n  indented_name * 2\n```\n',
    );
  });

  it('makes the fence longer than any backtick run inside', () => {
    expect(md('<pre><code>use ``` to fence\n````</code></pre>')).toBe('`````\nuse ``` to fence\n````\n`````\n');
  });

  it('fences a bare <pre> too', () => {
    expect(md('<pre>line 1\n    line 2</pre>')).toBe('```\nline 1\n    line 2\n```\n');
  });

  it('ends with exactly one newline', () => {
    expect(md('<p>a</p>\n\n\n')).toBe('a\n');
  });

  it('names and describes every rule, each name once', () => {
    const names = MARKDOWN_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(MARKDOWN_RULES.every((r) => /^[a-z-]+$/.test(r.name) && r.description.length > 0)).toBe(true);
  });
});

describe('tables that stay HTML', () => {
  it('keep only table markup: scripts, SVG, frames and forms go, an image becomes a link to it', () => {
    const html =
      '<table><tr><td>a<ul><li>b</li></ul><svg onload="x()"><script>1</script></svg><img src="https://e.com/i.png" alt="Pic" onerror="x()">' +
      '<img src="javascript:x()"><iframe src="https://e.com"></iframe><form><input></form><object data="f.swf"></object>c</td></tr></table>';
    expect(md(html)).toBe('<table><tr><td>a<ul><li>b</li></ul><a href="https://e.com/i.png">Pic</a>imagec</td></tr></table>\n');
  });
});

describe('plain text', () => {
  it('keeps paragraph breaks and line breaks, and drops markup', () => {
    expect(htmlToText('<h2>Head</h2><p>One <a href="x">link</a>,\n  two.</p><p>a<br>b</p><ul><li>x</li><li>y</li></ul>')).toBe(
      'Head\n\nOne link, two.\n\na\nb\n\nx\n\ny\n',
    );
  });

  it('keeps preformatted text as it is', () => {
    expect(htmlToText('<p>Code:</p><pre>  a\n    b</pre>')).toBe('Code:\n\n  a\n    b\n');
  });

  it('survives deep nesting without recursion', () => {
    const depth = 20_000;
    expect(htmlToText(`${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`)).toBe('deep\n');
  });

  it('makes one line of an excerpt and drops the trailing […]', () => {
    expect(excerptText('<p>First line,\nsecond [&hellip;]</p>\n')).toBe('First line, second');
    expect(excerptText('<p>Ends with dots [...]</p>')).toBe('Ends with dots');
    expect(excerptText('<p>Keeps a … inside</p>')).toBe('Keeps a … inside');
  });

  it('reads a one-paragraph excerpt without parsing it exactly as the cleaners and the parser would', () => {
    // Every excerpt of the fixtures, and excerpts on either side of what the shortcut takes.
    const excerpts = readdirSync('fixtures', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join('fixtures', entry.name, 'input.json')))
      .flatMap((entry) => {
        try {
          const value = JSON.parse(readFileSync(join('fixtures', entry.name, 'input.json'), 'utf8')) as unknown;
          return (Array.isArray(value) ? value : [value]).map((post: { excerpt?: { rendered?: unknown } }) => post?.excerpt?.rendered).filter((e): e is string => typeof e === 'string');
        } catch {
          return [];
        }
      });
    excerpts.push(
      '<p>Caf&eacute; &amp co &#8217;s &lt;b&gt; &nbsp;x&copy y [&hellip;]</p>\n',
      '  <p>Two\nlines [...]</p>  ',
      '<p>[gallery ids="1"] after</p>',
      '<p>text <a href="/p/">Read more</a></p>',
      '<p>one</p><p>two</p>',
      '<p class="x">classed</p>',
      '<p>&#0; &#x110000; &amp;amp; &unknown; [&hellip;] [&hellip;]</p>',
    );
    const fast = createExtractor();
    // A --remove selector that matches nothing takes the whole way: cleaners, then the parser.
    const whole = createExtractor({ remove: ['wp-extract-nothing'] });
    let taken = 0;
    for (const excerpt of excerpts) {
      const post = parsePost(samplePost({ excerpt: { rendered: excerpt } }), 'test');
      if (plainExcerptText(excerpt) !== null) taken++;
      expect(fast.extract(post).post.excerpt, excerpt).toBe(whole.extract(post).post.excerpt);
    }
    expect(taken).toBeGreaterThan(3);
    expect(plainExcerptText('<p>text <a href="/p/">Read more</a></p>')).toBeNull();
    expect(plainExcerptText('<p>[gallery ids="1"] after</p>')).toBeNull();
  });
});

describe('Markdown without the cleaned HTML', () => {
  /** Every post of the fixtures, and bodies that clean to nothing or nearly nothing. */
  function posts(): unknown[] {
    const fromFixtures = readdirSync('fixtures', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join('fixtures', entry.name, 'input.json')))
      .flatMap((entry) => {
        try {
          const value = JSON.parse(readFileSync(join('fixtures', entry.name, 'input.json'), 'utf8')) as unknown;
          return Array.isArray(value) ? value : [value];
        } catch {
          return [];
        }
      });
    const bodies = ['', '  \n ', '&nbsp;', '\u2003\n', '<!-- c -->', '<div class="addtoany_share_save_container">x</div>\n ', '<div class="addtoany_share_save_container">x</div>&nbsp;', '<p></p>'];
    return [...fromFixtures, ...bodies.map((rendered) => samplePost({ content: { rendered } }))];
  }

  it('gives the same Markdown as when the HTML is kept, on every fixture and near-empty body', () => {
    const kept = createExtractor();
    const dropped = createExtractor({ html: false });
    let count = 0;
    for (const value of posts()) {
      let post;
      try {
        post = parsePost(value, 'test');
      } catch {
        continue; // the fixtures of bad input
      }
      const a = kept.extract(post).post;
      const b = dropped.extract(post).post;
      expect(b.markdown, a.html).toBe(a.markdown);
      expect(b.html).toBe('');
      count++;
    }
    expect(count).toBeGreaterThan(50);
  });

  it('tells a blank fragment without serialising it, as serialising would', () => {
    for (const html of ['', ' ', '\n\t ', '\u2003', '\ufeff', '&nbsp;', '\u00a0', ' x ', '<br>', '<!-- c -->', '<p> </p>', ' <b></b> ', 'a<p>b</p>', '&#32;&#10;']) {
      const $ = loadFragment(html);
      expect(fragmentIsBlank($), JSON.stringify(html)).toBe(fragmentHtml($).trim() === '');
    }
  });
});

describe('htmlToInlineText', () => {
  it('decodes text without a tag as the parser would, without parsing it', async () => {
    const fc = await import('fast-check');
    const pieces = ['&amp;', '&amp', '&AMP;', '&#8217;', '&#x27;', '&#X27;', '&nbsp;', '&copy', '&copyx', '&notin;', '&noti', '&unknown;', '&#0;', '&#x110000;', '&#;', '&#x;', '&', ';', '#', 'a', 'é', ' ', '\n', '\t', '\u00a0', '>', '"'];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 }).filter((s) => !s.includes('<'))), { maxLength: 8 }).map((parts) => parts.join(''));
    let decoded = 0;
    fc.assert(
      fc.property(text, (html) => {
        expect(htmlToInlineText(html)).toBe(parsedInlineText(html));
        if (html.includes('&')) decoded++;
      }),
      { numRuns: 5000 },
    );
    expect(decoded).toBeGreaterThan(1000);
    expect(htmlToInlineText('Tom &amp; Jerry&#8217;s &lt;day&gt;')).toBe('Tom & Jerry’s <day>');
  });
});

describe('sameButWhiteSpace', () => {
  it('is the comparison of the two texts with every \\s removed', async () => {
    const fc = await import('fast-check');
    // Every character \s matches, and some it does not (U+180E, U+200B, U+0085).
    const spaces = [...'\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u180e\u200b\u0085'];
    const text = fc.array(fc.oneof(fc.constantFrom(...spaces), fc.constantFrom('a', 'b', '*', '_'), fc.string({ maxLength: 2 })), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sameButWhiteSpace(a, b)).toBe(a.replace(/\s+/g, '') === b.replace(/\s+/g, ''));
        expect(sameButWhiteSpace(a, a.replace(/\s+/g, ' '))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('escaping: only where a reader would see syntax, judged by the whole line', () => {
  const converter = createConverter();
  it.each([
    ['snake_case_words', 'snake_case_words'],
    // Characters outside the first plane are two UTF-16 units: the marks after them are still found.
    ['🙂 snake_case_words, 𝒳 a*b inside a word', '🙂 snake_case_words, 𝒳 a*b inside a word'],
    ['a*b inside a word', 'a*b inside a word'],
    ['a*b and c*d', 'a\\*b and c\\*d'],
    ['plain [brackets] and (parens)', 'plain [brackets] and (parens)'],
    ['[text](url)', '[text\\](url)'],
    ['[^1]', '\\[^1]'],
    ['_leading and trailing_', '\\_leading and trailing\\_'],
    ['*stars*', '\\*stars\\*'],
    ['5 * 3', '5 * 3'],
    ['`code`', '\\`code\\`'],
    ['# heading', '\\# heading'],
    ['#hashtag', '#hashtag'],
    ['1. item', '1\\. item'],
    ['2023 was', '2023 was'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['+1', '+1'],
    ['> quote', '\\> quote'],
    ['===', '\\==='],
    ['<script>', '\\<script>'],
    ['2 < 3', '2 < 3'],
    ['&copy; and AT&T', '\\&copy; and AT&T'],
    ['back\\slash \\*', 'back\\slash \\\\*'],
    ['~~strike~~', '\\~\\~strike\\~\\~'],
    ['(@Travel_Places_)', '(@Travel_Places_)'],
    ['a_b and c_d_', 'a_b and c_d_'],
    ['Ctrl+C', 'Ctrl+C'],
    ['<kbd>Ctrl</kbd>+<kbd>C</kbd>', '`Ctrl`+`C`'],
    ['<b>Step</b> 1. then', '**Step** 1. then'],
    ['<em>x</em>- y', '_x_- y'],
    ['one<br>- two', 'one\\\n\\- two'],
  ])('%j becomes %j', (html, expected) => {
    expect(converter.toMarkdown(`<p>${html.replace(/&/g, '&amp;').replace(/<(?!\/?(kbd|b|em|br)\b)/g, '&lt;')}</p>`)).toBe(`${expected}\n`);
  });

  it('drops a table whose rows hold no text (found by the fuzz: an empty header row made it throw)', () => {
    expect(converter.toMarkdown('<p>x</p><table><tr><td></td></tr></table>')).toBe('x\n');
  });

  it.each([
    ['<h3>1. 大阪市</h3>', '### 1. 大阪市'],
    ['<h2># tag and - dash</h2>', '## # tag and - dash'],
    ['<table><tr><th>#</th><th>a+b</th></tr><tr><td>1. x</td><td>&gt; y</td></tr></table>', '| # | a+b |\n| --- | --- |\n| 1. x | > y |'],
  ])('no line-start escapes in headings and table cells: %j', (html, expected) => {
    expect(converter.toMarkdown(html)).toBe(`${expected}\n`);
  });

  it('escapes everything that could be syntax when it has no advice', () => {
    expect(escapeMarkdown('a_b *c* # d')).toBe('a\\_b \\*c\\* # d');
  });
});

describe('rule helpers', () => {
  it('picks the widest srcset candidate', () => {
    expect(largestFromSrcset('a-300.jpg 300w, a-1024.jpg 1024w, a-768.jpg 768w')).toBe('a-1024.jpg');
    expect(largestFromSrcset('a.jpg 1x, a@2x.jpg 2x')).toBe('a@2x.jpg');
    expect(largestFromSrcset('')).toBeNull();
  });

  it('links video players to the video page', () => {
    expect(providerUrl('https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed')).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(providerUrl('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ')).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(providerUrl('https://player.vimeo.com/video/76979871?h=8')).toBe('https://vimeo.com/76979871');
    expect(providerUrl('https://maps.example/embed?x=1')).toBe('https://maps.example/embed?x=1');
  });

  it.each([
    ['<pre class="wp-block-code"><code class="language-php">x</code></pre>', 'php'],
    ['<pre class="lang-py"><code>x</code></pre>', 'py'],
    ['<pre class="brush: ruby; title: ; notranslate">x</pre>', 'ruby'],
    ['<pre><code class="hljs javascript">x</code></pre>', 'javascript'],
    ['<pre class="language-css"><code>x</code></pre>', 'css'],
    ['<pre data-enlighter-language="Go">x</pre>', 'go'],
    ['<pre class="brush: plain">x</pre>', ''],
    ['<pre>x</pre>', ''],
  ])('finds the language of %s', (html, language) => {
    expect(md(html)).toBe(`\`\`\`${language}\nx\n\`\`\`\n`);
  });
});
