import { describe, expect, it } from 'vitest';
import { CLEANERS, cleanHtml, createCleaners } from '../src/clean/index.js';
import { absolutize, absolutizeSrcset } from '../src/clean/cleaners/markup.js';
import { isScriptUrl } from '../src/url-safety.js';
import { readMoreLinks } from '../src/clean/cleaners/excerpt.js';
import { WpExtractError } from '../src/errors.js';

const clean = (html: string, options = {}, base: string | null = 'https://example.com/2024/01/post/'): string =>
  cleanHtml(html, createCleaners(options), { base }).html;

describe('booster cleaner', () => {
  it.each([
    [`<div class='booster-block booster-read-block'><div class="twp-read-time">Read Time: 2 Minute</div></div>`],
    [`<div class="booster-block   booster-read-block"></div>`],
    [`<div class=" twp-social-share  booster-clear"><h2>Share</h2></div>`],
    [`<div class="twp-social-share-layout-2 booster-clear"><a class="twp-toggle-share">Share</a></div>`],
    [`<div class='booster-reactions-block'><div class='twp-reactions-icons'>Happy 0 %</div></div>`],
    [`<div class="booster-block booster-author-block"><h2>About Post Author</h2></div>`],
    [`<div class="twp-like-dislike-button twp-like-dislike-smiley"><span class="twp-like-count">3</span></div>`],
    [`<div class='twp-post-visit'><span>Views</span>7</div>`],
    [`<a class="booster-favourite-post booster-favourite-9" href="javascript:void(0)">save</a>`],
    [`<div class='be-read-views'>Read Time</div>`],
    [`<div class="be-author-panel">About Post Author</div>`],
    [`<div class="twp-be-post-visit">Views 7</div>`],
    [`<i class="booster-icon twp-clock"></i>`],
    [`<span class="booster-svg-icon"><svg class="booster-svg"><path d="M0"/></svg></span>`],
  ])('removes %s and keeps the article', (widget) => {
    const out = clean(`${widget}<p>The article.</p>${widget}`);
    expect(out).toBe('<p>The article.</p>');
  });

  it('removes a bare view count with its label, and nothing else', () => {
    expect(clean('<p>Read 1,234<span class="views-count-label">Views</span> times; 42 apples.</p>')).toBe(
      '<p>Read times; 42 apples.</p>',
    );
  });

  it('keeps div.page-links and author content that merely looks alike', () => {
    const html = '<p>A.</p>\n<div class="page-links">Pages: <a href="https://example.com/2024/01/post/2/">2</a></div>';
    expect(clean(html)).toBe(html);
    expect(clean('<div class="booster-notes"><p>Mine.</p></div>')).toContain('Mine.');
  });
});

describe('markup cleaners', () => {
  it('removes scripts, styles, noscript copies and comments', () => {
    expect(clean('<p>a</p><script>x()</script><style>p{}</style><noscript><img src="x"></noscript><!-- c --><p>b</p>')).toBe(
      '<p>a</p><p>b</p>',
    );
  });

  it('turns javascript: links into their text', () => {
    expect(clean('<p><a href="javascript:void(0)">one</a> <a href="  java\tscript:x">two</a> <a href="/ok">three</a></p>')).toBe(
      '<p>one two <a href="https://example.com/ok">three</a></p>',
    );
  });

  it('unwraps meaningless wrappers only where text cannot run together', () => {
    expect(clean('<div><p>a</p></div><div>b</div><div>c</div>')).toBe('<p>a</p><div>b</div><div>c</div>');
    expect(clean('<p><span>x</span><span style="color:red">y</span><span class="k">z</span></p>')).toBe(
      '<p>xy<span class="k">z</span></p>',
    );
  });

  it('turns non-breaking spaces into spaces outside code, but where typography binds with them', () => {
    expect(clean('<p>a\u00a0b <code>c\u00a0d</code></p><pre>e\u00a0f</pre>')).toBe('<p>a b <code>c&nbsp;d</code></p><pre>e&nbsp;f</pre>');
    expect(clean('<p>20\u00a0000 znaków, «\u00a0mot\u00a0» : oui\u00a0; 50\u00a0%, word \u00a0word\u00a0</p>')).toBe('<p>20&nbsp;000 znaków, «&nbsp;mot&nbsp;» : oui&nbsp;; 50&nbsp;%, word  word </p>');
  });

  it('drops paragraphs left empty but keeps anchors and media', () => {
    expect(clean('<p>&nbsp;</p><p></p><p><img src="https://e.x/a.png"></p><div id="top"></div>')).toBe(
      '<p><img src="https://e.x/a.png"></p><div id="top"></div>',
    );
  });

  it('keeps white space inside code spans', () => {
    const html = '<pre><code><span class="k">if</span><span class="w"> </span>x</code></pre>';
    expect(clean(html)).toBe(html);
  });

  it('uses the real address of lazy images', () => {
    expect(clean('<img src="data:image/gif;base64,R0l" data-lazy-src="/a.jpg" data-lazy-srcset="/a.jpg 1x, /b.jpg 2x">')).toBe(
      '<img src="https://example.com/a.jpg" srcset="https://example.com/a.jpg 1x, https://example.com/b.jpg 2x">',
    );
  });
});

describe('absolute addresses', () => {
  const base = new URL('https://example.com/blog/2024/post/');
  it.each([
    ['/2023/08/slug/', 'https://example.com/2023/08/slug/'],
    ['other/', 'https://example.com/blog/2024/post/other/'],
    ['//cdn.example.net/x.png', 'https://cdn.example.net/x.png'],
    ['#note-1', '#note-1'],
    ['mailto:a@b.c', 'mailto:a@b.c'],
    ['https://other.org/x', 'https://other.org/x'],
    ['', ''],
  ])('%j becomes %j', (value, expected) => {
    expect(absolutize(value, base)).toBe(expected);
  });

  it('resolves every srcset candidate and leaves an absolute srcset as it was', () => {
    expect(absolutizeSrcset('/a-300.jpg 300w,/a-1024.jpg 1024w', base)).toBe(
      'https://example.com/a-300.jpg 300w, https://example.com/a-1024.jpg 1024w',
    );
    expect(absolutizeSrcset('https://c.x/w_300,h_200/a.jpg 300w', base)).toBe('https://c.x/w_300,h_200/a.jpg 300w');
  });

  it('does nothing without a usable base', () => {
    expect(clean('<a href="/x">x</a>', {}, null)).toBe('<a href="/x">x</a>');
    expect(clean('<a href="/x">x</a>', {}, 'not a url')).toBe('<a href="/x">x</a>');
  });

  it('recognises script addresses however they are written', () => {
    expect(['javascript:x', ' JavaScript:x', 'java\nscript:x', 'vbscript:x'].every(isScriptUrl)).toBe(true);
    expect(isScriptUrl('https://javascript.info/')).toBe(false);
  });
});

describe('createCleaners', () => {
  it('runs every cleaner by default, Booster first', () => {
    expect(createCleaners().map((c) => c.name)).toEqual(CLEANERS.map((c) => c.name));
    expect(CLEANERS[0]?.name).toBe('booster');
  });

  it('skips by name, runs none with clean: false, and always runs --remove selectors', () => {
    expect(createCleaners({ skip: ['booster'] }).some((c) => c.name === 'booster')).toBe(false);
    expect(createCleaners({ clean: false, remove: ['.ad'] }).map((c) => c.name)).toEqual(['remove']);
    const html = '<div class="booster-read-block">Read Time</div><p>x</p><div class="ad">buy</div>';
    expect(cleanHtml(html, createCleaners({ clean: false, remove: ['.ad'] })).html).toBe(
      '<div class="booster-read-block">Read Time</div><p>x</p>',
    );
  });

  it('rejects unknown cleaners and invalid selectors as usage errors', () => {
    for (const options of [{ skip: ['nope'] }, { remove: ['p[['] }]) {
      try {
        createCleaners(options);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(WpExtractError);
        expect((error as WpExtractError).exitCode).toBe(2);
      }
    }
  });

  it('reports what each cleaner changed', () => {
    const { reports } = cleanHtml(
      "<div class='booster-read-block'></div><p>a\u00a0b</p><script></script>",
      createCleaners(),
    );
    expect(reports.map((r) => [r.cleaner, [...r.counts]])).toEqual([
      ['booster', [['.booster-read-block', 1]]],
      ['scripts', [['script', 1]]],
      ['nbsp', [['nbsp', 1]]],
    ]);
  });
});

describe('read-more links in excerpts', () => {
  it.each([
    '<a class="more-link" href="https://example.com/x/">Read more</a>',
    '<a href="https://example.com/elsewhere/">Continue reading <span>Title</span></a>',
    '<a href="https://example.com/2024/01/post">more…</a>',
  ])('removes %s', (link) => {
    const out = cleanHtml(`<p>Text. ${link}</p>`, [readMoreLinks('https://example.com/2024/01/post/')]).html;
    expect(out).toBe('<p>Text. </p>');
  });

  it('keeps ordinary links', () => {
    const html = '<p>See <a href="https://other.org/">the source</a>.</p>';
    expect(cleanHtml(html, [readMoreLinks('https://example.com/p/')]).html).toBe(html);
  });
});
