import { describe, expect, it } from 'vitest';
import { createConverter, MARKDOWN_RULES } from '../src/convert/markdown.js';
import { excerptText, htmlToText } from '../src/convert/text.js';

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
});
