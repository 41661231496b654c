import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sharedFolder } from './shared.js';
import { describe, expect, it } from 'vitest';
import { createExtractor } from '../src/extract.js';
import type { Attachment, ExtractedPost, Post } from '../src/post.js';
import { prepare } from '../src/prepare/index.js';
import { texturize } from '../src/prepare/texturize.js';
import { typedPost } from './helpers.js';

/** A post whose content is raw `post_content`, as an export holds it. */
function raw(content: string, extra: Partial<Post> = {}): Post {
  return typedPost({ id: 12, slug: 's', link: 'https://e.org/s/', title: 't', contentHtml: content, contentFormat: 'raw', ...extra } as Partial<ExtractedPost>);
}

const html = (content: string, extra: Partial<Post> = {}): string => prepare(raw(content, extra)).contentHtml;
const extractor = createExtractor();
const markdown = (content: string, extra: Partial<Post> = {}): string => extractor.extract(raw(content, extra)).post.markdown;

const attachment = (id: number, caption = ''): Attachment => ({ id, url: `https://e.org/${id}.jpg`, link: `https://e.org/a-${id}/`, alt: `alt ${id}`, caption, parent: 12, order: id });

describe('prepare: raw post_content as WordPress renders it', () => {
  it('makes paragraphs of classic content (wpautop), leaving <pre> and block tags alone', () => {
    expect(html('One\n\nTwo\nlines\n\n<pre>a\n\nb</pre>\n<ul>\n<li>x</li>\n</ul>')).toBe('<p>One</p>\n<p>Two<br />\nlines</p>\n<pre>a\n\nb</pre>\n<ul>\n<li>x</li>\n</ul>\n');
  });

  it('drops block comments and keeps the saved HTML; classic blocks get paragraphs', () => {
    const blocks = '<!-- wp:paragraph -->\n<p>Saved</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:freeform -->\nOld\ntext\n<!-- /wp:freeform -->\n\n<!-- wp:latest-posts /-->';
    expect(markdown(blocks)).toBe('Saved\n\nOld\\\ntext\n');
  });

  it.each([
    ['[caption id="attachment_5" align="alignleft" width="300"]<a href="https://e.org/big.jpg"><img src="https://e.org/small.jpg" alt="A" /></a> Caption text[/caption]', '<figure id="attachment_5" class="wp-caption alignleft"><a href="https://e.org/big.jpg"><img src="https://e.org/small.jpg" alt="A" /></a><figcaption class="wp-caption-text">Caption text</figcaption></figure>'],
    ['[caption id="attachment_6" align="aligncenter" width="300" caption="Old style"]<img src="https://e.org/x.jpg" alt="X" />[/caption]', '<figure id="attachment_6" class="wp-caption aligncenter"><img src="https://e.org/x.jpg" alt="X" /><figcaption class="wp-caption-text">Old style</figcaption></figure>'],
  ])('expands [caption] %#', (shortcode, figure) => {
    expect(html(shortcode)).toContain(figure);
  });

  it('expands [gallery] from the export\'s attachments: listed ids, or the post\'s own, linked as asked', () => {
    const attachments = [attachment(5, 'First'), attachment(6)];
    expect(markdown('[gallery ids="6,5" link="file"]', { attachments })).toBe(
      '[![alt 6](https://e.org/6.jpg)](https://e.org/6.jpg)\n\n[![alt 5](https://e.org/5.jpg)](https://e.org/5.jpg)\n\n_First_\n',
    );
    expect(markdown('[gallery link="none"]', { attachments })).toBe('![alt 5](https://e.org/5.jpg)\n\n_First_\n\n![alt 6](https://e.org/6.jpg)\n');
    expect(markdown('[gallery]', { attachments: [attachment(7)] })).toBe('[![alt 7](https://e.org/7.jpg)](https://e.org/a-7/)\n');
  });

  it('leaves out a [gallery] whose images are not in the export (the run counts it), inventing nothing', () => {
    expect(html('[gallery ids="99"]')).toBe('');
  });

  it.each([
    ['[embed]https://www.youtube.com/watch?v=M7lc1UVf-VE[/embed]', '<https://www.youtube.com/watch?v=M7lc1UVf-VE>\n'],
    ['Look:\n\nhttps://vimeo.com/76979871\n\nNice.', 'Look:\n\n<https://vimeo.com/76979871>\n\nNice.\n'],
    ['[video mp4="https://e.org/talk.mp4" poster="https://e.org/p.jpg"][/video]', '[Video: talk.mp4](https://e.org/talk.mp4)\n'],
    ['[audio src="https://e.org/show.mp3"]', '[Audio: show.mp3](https://e.org/show.mp3)\n'],
    ['Before [booster-extension-ss] [be-pp] [booster-extension-read-time] after.', 'Before after.\n'],
    ['Keep [[gallery]] as written.', 'Keep [gallery] as written.\n'],
  ])('%j', (content, expected) => {
    expect(markdown(content)).toBe(expected);
  });

  it('plays a [playlist] as links to its files', () => {
    const attachments = [{ ...attachment(8), url: 'https://e.org/a.mp3' }, { ...attachment(9), url: 'https://e.org/b.mp3' }];
    expect(markdown('[playlist ids="8,9"]', { attachments })).toBe('[Audio: a.mp3](https://e.org/a.mp3)\n\n[Audio: b.mp3](https://e.org/b.mp3)\n');
  });

  it('makes the excerpt WordPress would: the teaser before <!--more-->, shortcodes and tags off, 55 words at most', () => {
    expect(prepare(raw('Teaser [caption]<img src="x.jpg">Cap[/caption] text.\n<!--more-->\nRest.')).excerptHtml).toBe('<p>Teaser text.</p>');
    const long = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    expect(prepare(raw(long)).excerptHtml).toBe(`<p>${long.split(' ').slice(0, 55).join(' ')} [&hellip;]</p>`);
    expect(prepare(raw('Body', { excerptHtml: 'Manual' })).excerptHtml).toBe('Manual');
  });

  it.each([
    ['"Quoted" and \'single\' words, it\'s the \'90s -- isn\'t it... 9\' 6" and 3x4 (tm)', '“Quoted” and ‘single’ words, it’s the ’90s — isn’t it… 9′ 6″ and 3×4 ™'],
    ['<code>"kept"</code> <pre>it\'s -- kept</pre> [caption caption="a "b""]x[/caption]', '<code>"kept"</code> <pre>it\'s -- kept</pre> [caption caption="a "b""]x[/caption]'],
  ])('curls quotes and dashes as wptexturize does: %j', (text, expected) => {
    expect(texturize(text, (tag) => tag === 'caption')).toBe(expected);
  });

  it('keeps <!--nextpage--> as a visible break', () => {
    expect(markdown('Page one.\n<!--nextpage-->\nPage two.')).toBe('Page one.\n\n---\n\nPage two.\n');
  });
});

/**
 * WordPress core's Gutenberg block fixtures: NAME.html is a block as saved (post_content), and
 * NAME.server.html what do_blocks() serves (before wptexturize, which the_content runs next and
 * the comparison applies to it). Prepared from the first, each must give the same Markdown as
 * the second, but for the blocks that need the database (documented in the README).
 */
const { path: blocks, present: haveBlocks } = sharedFolder('corpus/gutenberg-blocks/', 'prepare: Gutenberg block fixtures');
const NEEDS_DATABASE = new Set(['core__archives', 'core__archives__showPostCounts', 'core__categories', 'core__latest-comments', 'core__latest-posts', 'core__latest-posts__displayPostDate', 'core__shortcode']);

describe.runIf(haveBlocks)('prepare: Gutenberg block fixtures (../shared/corpus)', () => {
  const names = haveBlocks ? readdirSync(blocks).filter((f) => /^[^.]+\.html$/.test(f)).map((f) => f.slice(0, -5)) : [];
  it.each(names.filter((name) => !NEEDS_DATABASE.has(name) && existsSync(`${blocks}${name}.server.html`)))('%s', (name) => {
    const saved = readFileSync(`${blocks}${name}.html`, 'utf8');
    const served = readFileSync(`${blocks}${name}.server.html`, 'utf8');
    expect(markdown(saved)).toBe(extractor.extract({ ...raw(texturize(served)), contentFormat: 'rendered' }).post.markdown);
  });
});
