import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio/slim';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import { visibleWords } from '../src/convert/text.js';

/**
 * The Markdown we print, rendered back by a real CommonMark + GFM renderer (markdown-it with
 * footnotes), must show what the cleaned HTML showed: the same tables, code, image and link
 * addresses, and visible words.
 */
const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const renderer = new MarkdownIt({ html: true, linkify: false }).use(footnote);

interface Case {
  args?: string[];
}

/** The `--image-size` a case asks for: which address of an image the HTML counts. */
function imageSizeOf(args: string[]): 'src' | 'largest' {
  const i = args.indexOf('--image-size');
  return i !== -1 && args[i + 1] === 'largest' ? 'largest' : 'src';
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What a reader sees in a page, in comparable form. */
function facts(html: string, imageSize: 'src' | 'largest', source: boolean) {
  const $ = load(html, null, false);
  // A cover block's background image is an image of the post (its inline style, by design).
  if (source) {
    $('.wp-block-cover[style*="background-image"]').each((_, e) => {
      const url = /background-image:\s*url\(\s*['"]?([^'")]+)/.exec($(e).attr('style') ?? '')?.[1];
      if (url) $(e).prepend(`<img src="${url}" alt="">`);
    });
  }
  // Touching runs of one inline element read as one run (`<em>a</em><em>b</em>` shows "ab").
  if (source) {
    $('em, i, strong, b, code').each((_, e) => {
      const next = e.next;
      if (next?.type === 'tag' && next.name === e.name && Object.keys(next.attribs).length === 0 && Object.keys(e.attribs).length === 0) {
        $(next).prepend($(e).contents());
        $(e).remove();
      }
    });
  }
  // Footnote markup differs by design (WordPress's list vs the renderer's section); its words count, its links do not.
  const tables = $('table')
    .toArray()
    .filter((t) => $(t).parents('table').length === 0)
    .map((t) =>
      $(t)
        .find('th, td')
        .toArray()
        .map((c) => {
          $(c).find('br').replaceWith(' ');
          return squash($(c).text());
        })
        .filter(Boolean),
    );
  // Code blocks: every <pre> (HTML ignores a newline right after its start tag), and on the
  // HTML side code written with <br> outside <pre>, each <br> a line end.
  const code = $(source ? 'pre, code:has(br)' : 'pre')
    .toArray()
    .filter((e) => !$(e).hasClass('wp-block-verse') && (e.name === 'pre' || $(e).closest('pre').length === 0))
    .map((e) => {
      const copy = $(e).clone();
      copy.find('br').replaceWith('\n');
      const text = copy.text().replace(/\n$/, '');
      return e.name === 'pre' ? text.replace(/^\r?\n/, '') : text.replace(/\n\r?\n(?=[ \t]*\S)/g, '\n').replace(/^\n+|\n+$/g, '');
    });
  const images = $('img')
    .toArray()
    .map((img) => decodeURI((imageSize === 'largest' && largest($(img).attr('srcset'))) || ($(img).attr('src') ?? '')));
  const links = $('a[href]')
    .toArray()
    .filter((a) => !($(a).attr('href') ?? '').startsWith('#'))
    .map((a) => decodeURI($(a).attr('href') ?? ''));
  // The words shown in emphasis and in strong emphasis (nested runs count once). Code blocks
  // and a <details> summary are plain text by design: emphasis there is not counted.
  const plain = 'pre:not(.wp-block-verse), summary';
  const emphasized = (selector: string): string[] =>
    [...visibleWords($(selector).filter((_, e) => $(e).parents(selector).length === 0 && $(e).closest(plain).length === 0).toArray().map((e) => $(e).text()).join(' '))]
      .flatMap(([word, n]) => Array<string>(n).fill(word))
      .sort();
  // Captions and <var> are set in emphasis, a definition list's terms in strong emphasis, by design (a quote's citation is a "— source" line).
  $('blockquote figcaption').each((_, e) => void $(e).replaceWith($('<cite></cite>').append($(e).contents())));
  const em = source ? 'em, i, var, figcaption, .wp-caption-text' : 'em, i';
  // Structure: lists and their items (galleries become images and footnotes definitions, by
  // design), headings (a <details> summary is plain text), code spans (<kbd>, <tt>, <samp> become
  // code spans), header cells that hold text.
  const lists = $('ul, ol').filter((_, e) => $(e).closest('.blocks-gallery-grid, .wp-block-gallery, .wp-block-footnotes, .footnotes, dl').length === 0 && !$(e).is('.blocks-gallery-grid, .wp-block-gallery'));
  const structure = {
    lists: lists.length,
    items: lists.children('li').length,
    headings: $('h1, h2, h3, h4, h5, h6').filter((_, e) => $(e).closest('summary').length === 0).toArray().map((e) => squash($(e).clone().find('br').replaceWith(' ').end().text())),
    codeSpans: $(source ? 'code, kbd, tt, samp' : 'code').filter((_, e) => $(e).closest('pre, table').length === 0 && $(e).parents('code, kbd, tt, samp').length === 0 && $(e).find('br').length === 0).length,
    headerCells: $('th').filter((_, e) => squash($(e).text()) !== '').length,
  };
  return { tables, code, images, links, words: visibleWords(html), em: emphasized(em), strong: emphasized(source ? 'strong, b, dt:not(.gallery-icon)' : 'strong, b'), structure };
}

function largest(srcset: string | undefined): string | undefined {
  const candidates = (srcset ?? '').split(/,\s+/).map((c) => c.trim().split(/\s+/));
  return candidates.sort((a, b) => Number.parseFloat(b[1] ?? '0') - Number.parseFloat(a[1] ?? '0'))[0]?.[0];
}

describe('round trip through a CommonMark + GFM renderer', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!existsSync(join(dir, 'expected.json'))) continue;
    const config: Case = existsSync(join(dir, 'case.json')) ? (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case) : {};
    if (config.args?.includes('--no-clean')) continue; // uncleaned widgets are not content
    const imageSize = imageSizeOf(config.args ?? []);

    // The fixture test holds expected.json to what the command prints: its cleaned HTML and Markdown, per post.
    it(`${name}: the rendered Markdown shows what the cleaned HTML showed`, () => {
      const records = [JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string> | Array<Record<string, string>>].flat();
      for (const { html = '', markdown = '', slug = '' } of records) {
        expect(markdown, 'a line of only white space').not.toMatch(/^[ \t]+$/m);
        const before = facts(html, imageSize, true);
        const after = facts(renderer.render(markdown), 'src', false);

        // Tables that could be pipe tables keep every non-empty cell, in order.
        expect(after.tables.flat().join(' | ')).toBe(before.tables.flat().join(' | '));
        expect(after.code).toEqual(before.code);
        expect(after.images).toEqual(before.images);
        expect(after.structure, slug).toEqual(before.structure);
        expect(after.em).toEqual(before.em);
        expect(after.strong).toEqual(before.strong);
        for (const link of before.links) expect(after.links).toContain(link);

        // Every visible word of the cleaned HTML is still there, as often.
        const missing = [...before.words].filter(([word, n]) => (after.words.get(word) ?? 0) < n).map(([word]) => word);
        expect(missing).toEqual([]);
      }
    });
  }
});
