// @ts-check
/**
 * What a reader would notice in converted Markdown, shared by the corpus check
 * (scripts/corpus.js) and the export benchmark (scripts/bench/wxr.js): widget text that leaked,
 * raw HTML left, and text recall against the HTML it came from, rendered back by markdown-it.
 */
import { load } from 'cheerio/slim';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { visibleWords } from '../dist/index.js';

/** Raw HTML the Markdown may hold: what Markdown has no syntax for, and tables a pipe table cannot hold. */
export const ALLOWED_HTML = new Set(['details', 'summary', 'sub', 'sup', 'br', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'ol-reversed']);

const renderer = new MarkdownIt({ html: true }).use(footnote);

/** Text that only widgets write. */
export const LEAKS = [
  /Read Time:/i,
  /\d+\s*Minute,\s*\d+\s*Second/i,
  /\btwp-|\bbooster-/i,
  /About Post Author/i,
  /\[\s*\d+\s*%\s*\]|\b\d+ %$/m,
  /Share this:|Like this:/,
  /Related Posts?:?\s*$/im,
];

/** Markdown without code (fenced and inline), where raw HTML would be text. @param {string} md */
export function outsideCode(md) {
  return md.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The first widget text found in a text, or null. @param {string} text */
export function leakIn(text) {
  for (const pattern of LEAKS) {
    const found = pattern.exec(text);
    if (found) return found[0];
  }
  return null;
}

/** The HTML tag names left in Markdown prose (a whole HTML table counts as `table`). @param {string} md */
export function rawTags(md) {
  // A table or a reversed list that stays HTML is allowed whole, its markup inside included.
  // An in-page target (`<a id="…"></a>`) is allowed: the post's links point to it.
  const prose = outsideCode(md).replace(/<a id="[^"]*"( \/)?>(<\/a>)?/g, '').replace(/^<table>[\s\S]*?<\/table>$/gm, '<table></table>').replace(/^<ol reversed[^>]*>[\s\S]*?<\/ol>$/gm, '<ol-reversed></ol-reversed>');
  return [...new Set([...prose.matchAll(/(?<!\\)<\/?([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>\n]*>/g)].map((m) => (m[1] ?? '').toLowerCase()))];
}

/** The share of the HTML's visible words that the Markdown, rendered, still shows. @param {string} html @param {string} md */
export function recall(html, md) {
  const source = visibleWords(html);
  const target = visibleWords(renderer.render(md));
  let total = 0;
  let found = 0;
  for (const [word, n] of source) {
    total += n;
    found += Math.min(n, target.get(word) ?? 0);
  }
  return total === 0 ? 1 : found / total;
}

const squash = (/** @type {string} */ text) => text.replace(/\s+/g, ' ').trim();

/**
 * What a reader sees in a page, in comparable form: table cells, code blocks, image and link
 * addresses, visible words, the words in emphasis and strong emphasis, and the structure
 * (lists, items, headings, code spans, header cells). `source` marks the cleaned HTML a post
 * came from, where what the Markdown writes on purpose in another form is counted as it will
 * show (captions in emphasis, a cover's background as an image, touching runs as one).
 * @param {string} html @param {'src' | 'largest'} imageSize @param {boolean} source
 */
export function readerFacts(html, imageSize, source) {
  const $ = load(html, null, false);
  // A cover block's background image is an image of the post (its inline style, by design).
  if (source) {
    $('.wp-block-cover[style*="background-image"]').each((_, e) => {
      const url = /background-image:\s*url\(\s*['"]?([^'")]+)/.exec($(e).attr('style') ?? '')?.[1];
      if (url) $(e).prepend(`<img src="${url}" alt="">`);
    });
  }
  // Header cells outside a header row (row headers) are bold in the Markdown, by design.
  if (source) {
    $('table').each((_, table) => {
      const first = $(table).find('tr').first();
      const header = first.closest('thead').length > 0 || first.children('td').length === 0;
      $(table).find('th').each((_, th) => {
        if (!header || $(th).closest('tr')[0] !== first[0]) $(th).addClass('row-header');
      });
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
    // A <pre> that holds only an image shows the image, not a code block.
    .filter((e) => !(e.name === 'pre' && $(e).find('img').length > 0 && $(e).text().trim() === ''))
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
    // A link with nothing visible in it is no link a reader sees (unless it stands alone in
    // its paragraph: what wpautop leaves of a link around a card, kept by its title).
    .filter((a) => $(a).text().trim() !== '' || $(a).find('img').length > 0 || ($(a).parent().is('p') && $(a).parent().text().trim() === '' && ($(a).attr('title') ?? '').trim() !== ''))
    .map((a) => decodeURI($(a).attr('href') ?? ''));
  // The words shown in emphasis and in strong emphasis (nested runs count once). Code blocks
  // and a <details> summary are plain text by design: emphasis there is not counted.
  const plain = 'pre:not(.wp-block-verse), summary';
  const emphasized = (/** @type {string} */ selector) =>
    [...visibleWords($(selector).filter((_, e) => $(e).parents(selector).length === 0 && $(e).closest(plain).length === 0).toArray().map((e) => $(e).text()).join(' '))]
      .flatMap(([word, n]) => Array(n).fill(word))
      .sort();
  // Captions and <var> are set in emphasis, a definition list's terms in strong emphasis, by design (a quote's citation is a "— source" line).
  $('blockquote figcaption').each((_, e) => void $(e).replaceWith($('<cite></cite>').append($(e).contents())));
  const em = source ? 'em, i, var, figcaption, .wp-caption-text' : 'em, i';
  // Structure: lists and their items (galleries become images and footnotes definitions, by
  // design), headings (a <details> summary is plain text), code spans (<kbd>, <tt>, <samp> become
  // code spans), header cells that hold text.
  const lists = $('ul:has(li), ol:has(li)').filter((_, e) => $(e).closest('.blocks-gallery-grid, .wp-block-gallery, .wp-block-footnotes, [class*="footnote"], dl').length === 0 && !$(e).is('.blocks-gallery-grid, .wp-block-gallery'));
  const structure = {
    lists: lists.length,
    items: lists.children('li').length,
    headings: $('h1, h2, h3, h4, h5, h6').filter((_, e) => $(e).closest('summary').length === 0).toArray().map((e) => squash($(e).clone().find('br').replaceWith(' ').end().text())),
    codeSpans: $(source ? 'code, kbd, tt, samp' : 'code').filter((_, e) => $(e).closest('pre, table').length === 0 && $(e).parents('code, kbd, tt, samp').length === 0 && $(e).find('br').length === 0).length,
    // Header cells of header rows (a first row of <th> only, or <thead>'s, or in a table without
    // <thead> a first row of bold cells); other <th> are row headers.
    headerCells: $('table').toArray().reduce((n, table) => {
      const first = $(table).find('tr').first();
      const cells = first.children('th, td');
      const bold = (/** @type {any} */ e) => squash($(e).text()) === squash($(e).find('strong, b').filter((_, b) => $(b).parents('strong, b').length === 0).text());
      const boldRow = source && $(table).find('thead').length === 0 && $(table).find('tr').length > 1 && cells.filter((_, e) => squash($(e).text()) !== '').length > 0 && cells.toArray().every(bold);
      const header = first.closest('thead').length > 0 || (cells.length > 0 && cells.filter('td').length === 0) || boldRow;
      return n + (header ? cells.filter((_, e) => (boldRow || e.name === 'th') && squash($(e).text()) !== '').length : 0);
    }, 0),
  };
  return { tables, code, images, links, words: visibleWords(html), em: emphasized(em), strong: emphasized(source ? 'strong, b, dt:not(.gallery-icon), th.row-header' : 'strong, b'), structure };
}

/** @param {string | undefined} srcset @returns {string | undefined} */
function largest(srcset) {
  const candidates = (srcset ?? '').split(/,\s+/).map((c) => c.trim().split(/\s+/));
  return candidates.sort((a, b) => Number.parseFloat(b[1] ?? '0') - Number.parseFloat(a[1] ?? '0'))[0]?.[0];
}

/**
 * Where the Markdown, rendered back, shows something other than the HTML it came from: the
 * names of the facts that differ (see {@link readerFacts}), and the words it lost.
 * @param {string} html @param {string} md @param {'src' | 'largest'} [imageSize]
 * @returns {string[]}
 */
export function mismatches(html, md, imageSize = 'src') {
  const before = readerFacts(html, imageSize, true);
  const after = readerFacts(renderer.render(md), 'src', false);
  /** @type {string[]} */
  const out = [];
  const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b);
  if (after.tables.flat().join(' | ') !== before.tables.flat().join(' | ')) out.push('tables');
  for (const key of /** @type {const} */ (['code', 'images', 'em', 'strong'])) if (!same(after[key], before[key])) out.push(key);
  for (const [key, value] of Object.entries(before.structure)) if (!same(after.structure[/** @type {keyof typeof before.structure} */ (key)], value)) out.push(key);
  if (before.links.some((link) => !after.links.includes(link))) out.push('links');
  if ([...before.words].some(([word, n]) => (after.words.get(word) ?? 0) < n)) out.push('words');
  return out;
}

/**
 * Backslash escapes that change nothing: removed one at a time, the rendered HTML stays the same.
 * @param {string} md @returns {number}
 */
export function needlessEscapes(md) {
  const rendered = renderer.render(md);
  let count = 0;
  for (const match of md.matchAll(/\\[!-/:-@[-`{-~]/g)) {
    const at = match.index ?? 0;
    if (renderer.render(md.slice(0, at) + md.slice(at + 1)) === rendered) count++;
  }
  return count;
}

/**
 * Lines that end in white space, outside fenced code: hard breaks are a backslash at the end
 * of the line (two trailing spaces are lost to the first editor that trims them), so any is
 * a fault.
 * @param {string} md @returns {number}
 */
export function trailingSpaceLines(md) {
  const lines = md.split('\n');
  let fence = false;
  let count = 0;
  lines.forEach((line) => {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    else if (!fence && /[ \t]$/.test(line)) count++;
  });
  return count;
}
