import { describe, expect, it } from 'vitest';
import { WpExtractError } from '../src/errors.js';
import { parseDocument, parseJson, parsePost, normalizeDate } from '../src/parse/index.js';
import { isSerialized, PhpValueError, unserialize } from '../src/parse/php.js';
import { seoOf } from '../src/parse/seo.js';
import { samplePost } from './helpers.js';

function errorOf(fn: () => unknown): WpExtractError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WpExtractError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseJson', () => {
  it.each([
    ['{"a":1,}', 'line 1, column 8', 'unexpected "}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3', 'unexpected "\\""'],
    ['{"a": tru}', 'line 1, column 7', 'unexpected "t"'],
    ['abc', 'line 1, column 1', 'unexpected "a"'],
    ['{"a": [1, 2', 'line 1, column 12', 'unexpected end of input'],
    ['{"a": 1} x', 'line 1, column 10', 'unexpected "x"'],
    ['{"a": "b\nc"}', 'line 1, column 9', 'control character U+000A'],
  ])('names the line and column of %j', (text, where, what) => {
    const error = errorOf(() => parseJson(text, 'post.json'));
    expect(error.code).toBe('E_JSON');
    expect(error.exitCode).toBe(1);
    expect(error.toLine()).toContain(`post.json: malformed JSON at ${where}`);
    expect(error.message).toContain(what);
    expect(error.toLine()).not.toContain('\n');
  });

  it('ignores a byte-order mark and rejects empty input', () => {
    expect(parseJson('\uFEFF{"id":1}')).toEqual({ id: 1 });
    expect(errorOf(() => parseJson('  \n')).message).toBe('malformed JSON: the input is empty');
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2025-11-28T04:54:00', '2025-11-28T04:54:00Z'],
    ['2025-11-28 04:54:00', '2025-11-28T04:54:00Z'],
    ['2025-11-28T04:54:00.123Z', '2025-11-28T04:54:00Z'],
    ['2025-11-28T04:54:00+02:00', '2025-11-28T02:54:00Z'],
    ['2025-11-28T04:54', '2025-11-28T04:54:00Z'],
    ['0000-00-00T00:00:00', null],
    ['yesterday', null],
    ['2025-13-45T99:00:00', null],
    [null, null],
  ])('%j gives %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it('writes a UTC date as Date.parse and toISOString would, leap days and impossible dates included', async () => {
    const fc = await import('fast-check');
    const two = (n: number): string => String(n).padStart(2, '0');
    const viaDate = (value: string): string | null => {
      const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z)?$/.exec(value);
      if (!m || m[1] === '0000') return null;
      const time = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`);
      return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
    };
    const date = fc
      .tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2023, 2024, 2100)), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom('', 'Z', '.5', '.123Z'), fc.constantFrom('T', ' '))
      .map(([y, mo, d, h, mi, s, tail, sep]) => `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}${sep}${two(h)}:${two(mi)}:${two(s)}${tail}`);
    fc.assert(
      fc.property(date, (value) => {
        expect(normalizeDate(value), value).toBe(viaDate(value));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('parsePost', () => {
  it('reads the fields of a plain post', () => {
    const post = parsePost(
      samplePost({
        title: { rendered: 'Caf&eacute; &#8220;Noir&#8221; <em>&amp;</em> Co&#8230;' },
        slug: '%ec%b9%b4%ed%8e%98',
        class_list: ['category-news', 'category-world', 'tag-coffee', 'format-standard'],
        categories: [4, 5],
        tags: [9],
      }),
    );
    expect(post.title).toBe('Café “Noir” & Co…');
    expect(post.slug).toBe('카페');
    expect(post.date).toBe('2024-01-15T09:30:00Z');
    expect(post.categories).toEqual(['news', 'world']);
    expect(post.tags).toEqual(['coffee']);
    expect(post.author).toBe(1);
  });

  it('prefers embedded names, skips failed embeds and falls back to ids', () => {
    const post = parsePost(
      samplePost({
        categories: [4],
        tags: [9, 10],
        _embedded: {
          author: [{ code: 'rest_user_cannot_view', message: 'no', data: { status: 401 } }],
          'wp:term': [[{ id: 4, name: 'News &amp; Views', taxonomy: 'category' }], []],
        },
      }),
    );
    expect(post.author).toBe(1);
    expect(post.categories).toEqual(['News & Views']);
    expect(post.tags).toEqual([9, 10]);
  });

  it('uses local dates when the GMT ones are missing (drafts)', () => {
    const post = parsePost(samplePost({ date_gmt: null, modified_gmt: undefined, date: '2024-05-05T10:00:00' }));
    expect(post.date).toBe('2024-05-05T10:00:00Z');
    expect(post.modified).toBe('2024-01-15T10:30:00Z');
  });

  it('finds the featured image in _embedded, then Yoast, then Jetpack', () => {
    const embedded = samplePost({
      _embedded: { 'wp:featuredmedia': [{ source_url: 'https://e.x/a.jpg', alt_text: 'A' }] },
      yoast_head_json: { og_image: [{ url: 'https://e.x/og.jpg' }] },
    });
    expect(parsePost(embedded).featuredImage).toEqual({ url: 'https://e.x/a.jpg', alt: 'A' });
    const yoast = samplePost({ yoast_head_json: { og_image: [{ url: 'https://e.x/og.jpg' }] }, jetpack_featured_media_url: 'https://e.x/j.jpg' });
    expect(parsePost(yoast).featuredImage).toEqual({ url: 'https://e.x/og.jpg', alt: '' });
    expect(parsePost(samplePost({ jetpack_featured_media_url: 'https://e.x/j.jpg' })).featuredImage?.url).toBe('https://e.x/j.jpg');
    expect(parsePost(samplePost()).featuredImage).toBeNull();
  });

  it('tolerates missing fields and ignores unknown ones', () => {
    const post = parsePost({ id: 3, title: { rendered: 'Only a title' }, acf: { anything: [1, 2] }, meta: [] });
    expect(post).toMatchObject({ id: 3, type: 'post', status: null, date: null, categories: [], contentHtml: '' });
  });

  it('marks password-protected posts', () => {
    expect(parsePost(samplePost({ content: { rendered: '', protected: true } })).passwordProtected).toBe(true);
  });

  it.each([
    [{ title: 5, content: { rendered: '' } }, 'field "title": expected an object with "rendered", got a number'],
    [{ id: 1, content: { rendered: ['<p>'] } }, 'field "content.rendered": expected a string, got an array'],
    [{ id: 'x', content: { rendered: '' } }, 'field "id": expected an integer, got a string'],
    [{ id: 1, content: { rendered: '' }, sticky: 'yes' }, 'field "sticky": expected a boolean, got a string'],
  ])('names a field of the wrong type', (value, message) => {
    const error = errorOf(() => parsePost(value, 'in.json'));
    expect(error.code).toBe('E_FIELD');
    expect(error.toLine()).toBe(`in.json: ${message}`);
  });

  it.each([
    [42, 'a number'],
    [{ id: 1, name: 'admin', slug: 'admin', link: 'x', avatar_urls: {} }, 'a user'],
    [{ id: 1, name: 'News', taxonomy: 'category' }, 'a term'],
    [{ title: 'Site', description: 'Just another site' }, 'an object with title, description'],
  ])('says what a non-post is', (value, what) => {
    expect(errorOf(() => parsePost(value)).message).toBe(`expected a WordPress post object, got ${what}`);
  });
});

describe('parseDocument', () => {
  it('reads a single post and a list', () => {
    expect(parseDocument(samplePost(), 'a.json')).toMatchObject({ list: false, items: [{ input: 'a.json' }] });
    const doc = parseDocument([samplePost({ id: 1 }), samplePost({ id: 2 })], 'l.json');
    expect(doc.list).toBe(true);
    expect(doc.items.map((i) => i.input)).toEqual(['l.json[0]', 'l.json[1]']);
  });

  it('accepts an empty list', () => {
    expect(parseDocument([], 'empty.json')).toEqual({ list: true, items: [] });
  });

  it('turns a WordPress error body into an error with its code and status', () => {
    const error = errorOf(() =>
      parseDocument({ code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } }, 'e.json'),
    );
    expect(error.code).toBe('E_WP_ERROR');
    expect(error.toLine()).toBe('e.json: WordPress error rest_forbidden (HTTP 401): Sorry, you are not allowed to do that.');
  });

  it('rejects a list of users as a whole', () => {
    const error = errorOf(() => parseDocument([{ id: 1, name: 'a', slug: 'a', link: 'x', avatar_urls: {} }], 'u.json'));
    expect(error.message).toBe('expected a WordPress post or a list of posts, got a list of 1 item that are not posts (the first is a user)');
  });
});

describe('PHP-serialized meta', () => {
  it('reads lists, maps and scalars, lengths in bytes', () => {
    expect(unserialize('a:2:{i:0;s:7:"noindex";i:1;s:8:"nofollow";}')).toEqual(['noindex', 'nofollow']);
    expect(unserialize('a:2:{s:5:"label";s:5:"Café";s:4:"year";i:1959;}')).toEqual({ label: 'Café', year: 1959 });
    expect([unserialize('b:1;'), unserialize('d:0.5;'), unserialize('N;'), unserialize('i:-3;')]).toEqual([true, 0.5, null, -3]);
    expect(isSerialized('a:1:{i:0;s:1:"x";}')).toBe(true);
    expect(isSerialized('a plain value')).toBe(false);
  });

  it('never builds an object, follows no reference, and refuses what is malformed or too deep', () => {
    for (const text of ['O:8:"stdClass":1:{s:1:"a";s:1:"b";}', 'C:11:"ArrayObject":0:{}', 'E:7:"Foo:Bar";', 'a:2:{i:0;s:1:"x";i:1;r:1;}', 'a:1:{i:0;R:1;}', 's:99:"short";', 'a:1:{i:0;s:1:"x";', `${'a:1:{i:0;'.repeat(40)}N;${'}'.repeat(40)}`]) {
      expect(() => unserialize(text), text).toThrow(PhpValueError);
    }
    const map = unserialize('a:1:{s:9:"__proto__";s:1:"x";}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('SEO', () => {
  const context = { title: 'Kind of Blue', excerpt: () => 'A record.', link: 'https://shop.example.org/kob/', siteName: 'Record Shop' };

  it("resolves each plugin's template variables, and leaves out a value it cannot resolve", () => {
    expect(seoOf({ _yoast_wpseo_title: '%%title%% %%sep%% %%sitename%%' }, [], context)).toEqual({ title: 'Kind of Blue - Record Shop' });
    expect(seoOf({ rank_math_title: '%title% %sep% %sitename%' }, [], context)).toEqual({ title: 'Kind of Blue - Record Shop' });
    expect(seoOf({ _aioseo_title: '#post_title #separator_sa #site_title' }, [], context)).toEqual({ title: 'Kind of Blue - Record Shop' });
    expect(seoOf({ _seopress_titles_desc: '%%post_excerpt%%' }, [], context)).toEqual({ description: 'A record.' });
    expect(seoOf({ _yoast_wpseo_title: '%%title%% %%pt_single%%' }, [], context)).toBeNull();
    expect(seoOf({ _yoast_wpseo_title: '%%title%% %%sitename%%' }, [], { ...context, siteName: null })).toBeNull();
  });

  it("reads the REST head JSON, noindex in every plugin's form, and drops a canonical that is the post's own address", () => {
    expect(seoOf({}, [{ title: 'KoB | Shop', description: 'Desc', canonical: 'https://shop.example.org/kob/', robots: { index: 'noindex' } }], context)).toEqual({ title: 'KoB | Shop', description: 'Desc', noindex: true });
    expect(seoOf({}, [undefined, { canonical_url: 'https://elsewhere.example.org/kob', robots: 'noindex, follow' }], context)).toEqual({ canonical: 'https://elsewhere.example.org/kob', noindex: true });
    for (const meta of [{ '_yoast_wpseo_meta-robots-noindex': '1' }, { rank_math_robots: ['noindex'] }, { _aioseop_noindex: 'on' }, { _seopress_robots_index: 'yes' }]) {
      expect(seoOf(meta, [], context)).toEqual({ noindex: true });
    }
    expect(seoOf({ _yoast_wpseo_canonical: 'javascript:alert(1)' }, [], context)).toBeNull();
  });
});
