import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ExtractedPost } from '../src/post.js';
import { JSON_FIELDS, renderFrontMatter, renderMarkdown, renderPosts, frontMatterOf } from '../src/render/index.js';

function extracted(overrides: Partial<ExtractedPost> = {}): ExtractedPost {
  return {
    id: 7,
    type: 'post',
    slug: 'hello',
    link: 'https://example.com/hello/',
    status: 'publish',
    title: 'Hello',
    date: '2025-11-28T04:54:00Z',
    modified: '2025-11-29T00:00:00Z',
    author: 'Ann',
    categories: ['news'],
    tags: [],
    featuredImage: null,
    format: 'standard',
    sticky: false, parent: null, menuOrder: null,
    passwordProtected: false,
    contentHtml: '<p>Hi</p>',
    contentFormat: 'rendered',
    excerptHtml: '',
    excerpt: 'Hi.',
    html: '<p>Hi</p>',
    markdown: 'Hi\n',
    ...overrides,
  };
}

const frontMatterBlock = (text: string): string => /^---\n([\s\S]*?)---\n/.exec(text)?.[1] ?? '';

describe('YAML front matter', () => {
  it.each([
    'plain',
    'a: b',
    '--- leading dashes',
    '---',
    '"quoted" and \'single\'',
    '# not a comment',
    'line one\nline two',
    'yes',
    'No',
    'on',
    '1:20',
    '0x1F',
    '12',
    '!!python/object:os.system',
    '&anchor *alias',
    '[not, a, list]',
    '{not: a map}',
    'Zoë — 日本語 — 마케팅',
    '   padded   ',
    '',
  ])('round-trips the title %j', (title) => {
    const values = { title, tags: [title, 'x'] };
    const text = renderFrontMatter('yaml', { values, dateKeys: new Set() });
    expect(parseYaml(frontMatterBlock(text))).toEqual(values);
    // YAML 1.1 readers (Jekyll's Psych, PyYAML) must read the same strings.
    expect(parseYaml(frontMatterBlock(text), { version: '1.1' })).toEqual(values);
  });

  it('writes dates as plain timestamps', () => {
    const text = renderFrontMatter('yaml', { values: { date: '2025-11-28T04:54:00Z' }, dateKeys: new Set(['date']) });
    expect(text).toBe('---\ndate: 2025-11-28T04:54:00Z\n---\n');
  });

  it('leaves out null and empty fields but keeps lists', () => {
    const { values } = frontMatterOf(extracted({ excerpt: '', author: null, tags: [] }));
    expect(Object.keys(values)).toEqual(['title', 'date', 'modified', 'slug', 'link', 'id', 'categories', 'tags']);
  });

  it('adds the featured image when known', () => {
    const { values } = frontMatterOf(extracted({ featuredImage: { url: 'https://e.x/a.jpg', alt: 'An A' } }));
    expect(values.featured_image).toBe('https://e.x/a.jpg');
    expect(values.featured_image_alt).toBe('An A');
  });
});

describe('TOML front matter', () => {
  it('round-trips and writes dates as datetimes', () => {
    const text = renderFrontMatter('toml', {
      values: { title: 'a "b"\nc = d', date: '2025-11-28T04:54:00Z', tags: ['x', 1] },
      dateKeys: new Set(['date']),
    });
    expect(text.startsWith('+++\n') && text.endsWith('\n+++\n')).toBe(true);
    const parsed = parseToml(text.slice(4, -4));
    expect(parsed.title).toBe('a "b"\nc = d');
    expect((parsed.date as Date).toISOString()).toBe('2025-11-28T04:54:00.000Z');
    expect(parsed.tags).toEqual(['x', 1]);
  });
});

describe('renderMarkdown', () => {
  it('puts the front matter, a blank line and the body, with one final newline', () => {
    expect(renderMarkdown(extracted({ categories: [], tags: [] }), 'none')).toBe('Hi\n');
    const text = renderMarkdown(extracted());
    expect(text.startsWith('---\ntitle: Hello\n')).toBe(true);
    expect(text.endsWith('---\n\nHi\n')).toBe(true);
  });

  it('prints only the front matter of an empty (protected) post', () => {
    expect(renderMarkdown(extracted({ markdown: '' })).endsWith('---\n')).toBe(true);
  });
});

describe('renderPosts', () => {
  const posts = [extracted({ id: 1 }), extracted({ id: 2 })];

  it('prints JSON with a fixed key order, as an array for lists', () => {
    const one = JSON.parse(renderPosts(posts.slice(0, 1), false, { format: 'json' })) as Record<string, unknown>;
    // Keys the input may not say are left out: terms, SEO, old slugs, fields (--meta) and comments (--comments).
    const optional = new Set(['terms', 'authors', 'language', 'translation_key', 'seo', 'old_slugs', 'fields', 'comments']);
    expect(Object.keys(one)).toEqual(JSON_FIELDS.map((f) => f.name).filter((name) => !optional.has(name)));
    const full = JSON.parse(renderPosts([{ ...(posts[0] as ExtractedPost), terms: [], authors: ['A'], language: 'en', translationKey: 'k', seo: { noindex: true }, oldSlugs: ['x'], fields: { a: 1 }, comments: [] }], false, { format: 'json' })) as Record<string, unknown>;
    expect(Object.keys(full)).toEqual(JSON_FIELDS.map((f) => f.name));
    const list = JSON.parse(renderPosts(posts, true, { format: 'json' })) as unknown[];
    expect(list).toHaveLength(2);
  });

  it('prints NDJSON as one compact object per line', () => {
    const lines = renderPosts(posts, true, { format: 'ndjson' }).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect((JSON.parse(lines[1] ?? '') as { id: number }).id).toBe(2);
  });

  it('separates Markdown documents by a blank line, plain texts by a form feed line', () => {
    expect(renderPosts(posts, true, { format: 'text' })).toBe('Hi\n\f\nHi\n');
    expect(renderPosts(posts, true, { format: 'md', frontMatter: 'none' })).toBe('Hi\n\nHi\n');
  });
});

describe('YAML front matter, written directly', () => {
  it('is the text the yaml library writes, for every value it takes, and falls back to the library for the others', async () => {
    const fc = await import('fast-check');
    const { libraryYaml, yamlFrontMatter } = await import('../src/render/frontmatter.js');
    const words = ['Tom & Jerry’s “day”', 'N', 'yes', 'on', 'a: b', 'a #b', '#x', '- x', 'x -', 'über', '마 post', 'https://e.org/?p=1&a=2#f', '/2024/01/', 'C++', '100% sure', 'ends ', "it's", '[x]', '{x}', '@me', 'null', '~', 'a, b', 'a - b', 'x\ny', '', '10-things', '1-e3', '450-278', '2024年度', '20241005oc-256', '1a-cumbre', '1_000', '0o17', '0b101', '2024-1-5', '1-2-3', '12e3', '2024-01-01', '12:30', '1e3', '0x1F', '.5', '¿Qué?', '«a»', 'say "hi"', 'a\\b', 'x:', 'a:b', '18:00 – 20:30', '「楽」', '🙂 ok', 'Yes', 'NO', 'y', '-1', '+1', '.inf', '=', '<<', 'a\tb', '\u2028'];
    const piece = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(' ', ':', '#', '-', "'", '"', ',', '?', '!', '%', '&', '*', '|', '>', '@', '`', '\\', '.', '~', '0', '9'));
    const value = fc.oneof(fc.constantFrom(...words), fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('')), fc.integer(), fc.boolean(), fc.constant(null));
    const list = fc.array(fc.oneof(fc.constantFrom(...words), fc.string(), fc.integer()), { maxLength: 3 });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('title', 'slug', 'link', 'id', 'tags', 'date', 'author'), fc.oneof(value, list)), (values) => {
        const dateKeys = new Set(['date']);
        expect(yamlFrontMatter({ values, dateKeys })).toBe(libraryYaml({ values, dateKeys }));
      }),
      { numRuns: 20000 },
    );
  });
});
