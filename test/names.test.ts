import { describe, expect, it } from 'vitest';
import type { ExtractedPost } from '../src/post.js';
import { TARGETS } from '../src/targets/index.js';
import { checkTemplate, postPath, safeSegment, withSuffix } from '../src/write/names.js';
import { formatDuration, Progress } from '../src/write/progress.js';
import { typedPost } from './helpers.js';

function post(overrides: Partial<ExtractedPost> = {}): ExtractedPost {
  return typedPost({ id: 42, slug: 'hello-world', title: 'Hello', date: '2024-03-09T10:00:00Z', ...overrides });
}

describe('safeSegment', () => {
  it.each([
    ['hello', 'hello'],
    ['..', '__'],
    ['.', '_'],
    ['a<b>c:d"e|f?g*h', 'a-b-c-d-e-f-g-h'],
    ['tab\there', 'tab-here'],
    ['trailing dots...', 'trailing dots'],
    ['CON', '_CON'],
    ['nul.md', '_nul.md'],
    ['com1', '_com1'],
    ['', '_'],
    ['마케팅-café', '마케팅-café'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeSegment(input)).toBe(expected);
  });

  it('keeps segments within 200 bytes of UTF-8, on a character boundary, keeping the extension', () => {
    const long = `${'가'.repeat(150)}.md`;
    const out = safeSegment(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(200);
    expect(out.endsWith('가.md')).toBe(true);
  });
});

describe('postPath', () => {
  it.each([
    ['default', 'post/2024-03-09-hello-world.md'],
    ['jekyll', '_posts/2024-03-09-hello-world.md'],
    ['hugo', 'content/posts/hello-world/index.md'],
    ['astro', 'src/content/blog/hello-world.md'],
    ['eleventy', 'posts/hello-world.md'],
  ] as const)('the %s preset', (preset, path) => {
    expect(postPath(TARGETS[preset].template, post())).toBe(path);
  });

  it.each([
    ['../../etc/passwd', 'post/2024-03-09-..-..-etc-passwd.md'],
    ['..', 'post/2024-03-09-...md'],
    ['%2e%2e%2f%2e%2e%2fx', 'post/2024-03-09-..-..-x.md'],
    ['/absolute', 'post/2024-03-09--absolute.md'],
    ['a\\b', 'post/2024-03-09-a-b.md'],
    ['', 'post/2024-03-09-42.md'],
  ])('a slug of %j cannot leave the folder: %j', (slug, path) => {
    expect(postPath(TARGETS.default.template, post({ slug }))).toBe(path);
  });

  it('never lets a field be . or .. as a whole segment', () => {
    expect(postPath('{slug}/index.md', post({ slug: '..' }))).toBe('__/index.md');
    expect(postPath('{slug}/{slug}.md', post({ slug: '.' }))).toBe('_/..md');
  });

  it('adds a suffix before the extension', () => {
    expect(withSuffix('a/b.md', '7')).toBe('a/b-7.md');
    expect(withSuffix('a/b', '7')).toBe('a/b-7');
  });

  it('checks templates', () => {
    expect(() => checkTemplate('{yyyy}/{slug}.md')).not.toThrow();
    expect(() => checkTemplate('{nope}.md')).toThrow(/unknown field \{nope\}/);
    expect(() => checkTemplate('/abs/{slug}.md')).toThrow(/relative path/);
  });
});

describe('Progress', () => {
  it('shows done/total, rate and time left, at most ten times a second, and clears itself', () => {
    let now = 0;
    let screen = '';
    const progress = new Progress({ write: (text: string) => void (screen += text) }, () => now);
    progress.expect(100);
    for (let i = 0; i < 10; i++) {
      now += 50;
      progress.tick();
    }
    expect(screen.split('\r\x1b[K').filter(Boolean)).toEqual(['2/100 posts, 20.0/s, 5s left', '4/100 posts, 20.0/s, 5s left', '6/100 posts, 20.0/s, 5s left', '8/100 posts, 20.0/s, 5s left', '10/100 posts, 20.0/s, 5s left']);
    progress.clear();
    expect(screen.endsWith('\r\x1b[K')).toBe(true);
    expect(formatDuration(125)).toBe('2m05s');
  });
});
