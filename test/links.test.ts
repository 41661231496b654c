import { describe, expect, it } from 'vitest';
import { createConverter } from '../src/convert/markdown.js';
import { markAddress, replaceLinks, settleLinks } from '../src/convert/links.js';
import { loadFragment } from '../src/html/index.js';
import type { Document } from 'domhandler';

const convert = (html: string) => createConverter().treeToDocument(loadFragment(html).root()[0] as Document);

describe('where the converter writes addresses', () => {
  it('notes every link and image destination, autolink and kept HTML address, and none in code', () => {
    const { markdown, links } = convert(
      '<p><a href="https://a.example/x y">one</a> <img src="https://a.example/i.png" alt="i"> <a href="https://a.example/">https://a.example/</a> <code>https://a.example/c</code></p>' +
        '<table><tr><td><table><tr><td>nested</td></tr></table><a href="https://a.example/?q=1&amp;r=2">t</a></td></tr></table><pre><code>[x](https://a.example/pre)</code></pre>',
    );
    expect(links.map((l) => [l.kind, l.url, markdown.slice(l.at, l.at + l.length)])).toEqual([
      ['destination', 'https://a.example/x y', '<https://a.example/x y>'],
      ['destination', 'https://a.example/i.png', 'https://a.example/i.png'],
      ['autolink', 'https://a.example/', '<https://a.example/>'],
      ['attribute', 'https://a.example/?q=1&r=2', 'https://a.example/?q=1&amp;r=2'],
    ]);
  });

  it('cannot be fooled by the marks in a post: they are dropped from its text and attributes', () => {
    const forged = `${markAddress('https://evil.example/', 'destination')}`;
    const { markdown, links } = convert(`<p>see ${forged} here</p><pre><code>${forged}</code></pre><p><a href="https://a.example/${forged}">x</a></p>`);
    expect(markdown).not.toMatch(/[\uFDD0-\uFDD3]/);
    expect(links.map((l) => l.url)).toEqual(['https://a.example/https://evil.example/']);
  });

  it('points addresses elsewhere by their spans, moving the spans after them', () => {
    const { markdown, links } = settleLinks(`[a](${markAddress('https://x/1', 'destination')}) \`https://x/1\` ${markAddress('https://x/1', 'autolink')} [b](${markAddress('https://x/2', 'destination')})`);
    const out = replaceLinks(markdown, links, (link) => (link.url === 'https://x/1' ? '/one (new)/' : null));
    expect(out.text).toBe('[a](</one (new)/>) `https://x/1` [https://x/1](</one (new)/>) [b](https://x/2)');
    expect(out.links.map((l) => out.text.slice(l.at, l.at + l.length))).toEqual(['</one (new)/>', '</one (new)/>', 'https://x/2']);
  });

  it('leaves a span alone when the text there is no longer what it wrote', () => {
    const { markdown, links } = settleLinks(`[a](${markAddress('https://x/1', 'destination')})`);
    const edited = markdown.replace('https://x/1', 'https://x/9');
    expect(replaceLinks(edited, links, () => '/new/').text).toBe(edited);
  });
});
