import { describe, expect, it } from 'vitest';
import { defaultApiRoot, discover, isRestUrl, parseLinkHeader, restUrl, slugFromPath } from '../src/read/discover.js';

describe('parseLinkHeader', () => {
  it('reads WordPress discovery headers', () => {
    const header =
      '<https://example.com/wp-json/>; rel="https://api.w.org/", <https://example.com/wp-json/wp/v2/posts/5>; rel="alternate"; title="JSON"; type="application/json", <https://example.com/?p=5>; rel=shortlink';
    expect(parseLinkHeader(header)).toEqual([
      { href: 'https://example.com/wp-json/', rel: ['https://api.w.org/'], type: null },
      { href: 'https://example.com/wp-json/wp/v2/posts/5', rel: ['alternate'], type: 'application/json' },
      { href: 'https://example.com/?p=5', rel: ['shortlink'], type: null },
    ]);
  });

  it('reads paging links with several relations and odd spacing', () => {
    expect(parseLinkHeader('<https://e.x/wp-json/wp/v2/posts?page=2>;rel="next last" ,<https://e.x/a,b>; rel=prev')).toEqual([
      { href: 'https://e.x/wp-json/wp/v2/posts?page=2', rel: ['next', 'last'], type: null },
      { href: 'https://e.x/a,b', rel: ['prev'], type: null },
    ]);
    expect(parseLinkHeader(undefined)).toEqual([]);
  });
});

describe('discover', () => {
  it('prefers the Link header, then the <link> tags', () => {
    const html = `<html><head>
      <link rel="https://api.w.org/" href="https://example.com/wp-json/" />
      <link rel="alternate" title="JSON" type="application/json" href="https://example.com/wp-json/wp/v2/posts/9" />
      <link rel='shortlink' href='https://example.com/?p=9' />
    </head><body></body></html>`;
    expect(discover('https://example.com/2024/01/post/', null, html)).toEqual({
      alternate: 'https://example.com/wp-json/wp/v2/posts/9',
      apiRoot: 'https://example.com/wp-json/',
      shortlinkId: 9,
    });
    const fromHeader = discover('https://example.com/p/', '<https://example.com/wp-json/wp/v2/pages/3>; rel="alternate"; type="application/json"', html);
    expect(fromHeader.alternate).toBe('https://example.com/wp-json/wp/v2/pages/3');
  });

  it('finds nothing on a page that is not WordPress', () => {
    expect(discover('https://example.com/', null, '<html><head><link rel="stylesheet" href="a.css"></head></html>')).toEqual({
      alternate: null,
      apiRoot: null,
      shortlinkId: null,
    });
  });
});

describe('REST addresses', () => {
  it.each([
    ['https://e.x/wp-json/wp/v2/posts/5', true],
    ['https://e.x/index.php/wp-json/wp/v2/posts/5', true],
    ['https://e.x/?rest_route=/wp/v2/posts/5', true],
    ['https://e.x/2024/01/hello/', false],
  ])('%s is a REST address: %s', (url, expected) => {
    expect(isRestUrl(new URL(url))).toBe(expected);
  });

  it('builds routes in the form of the root', () => {
    expect(restUrl('https://e.x/wp-json/', 'wp/v2/posts/5')).toBe('https://e.x/wp-json/wp/v2/posts/5');
    expect(restUrl('https://e.x/wp-json', '/wp/v2/posts', { slug: 'hello' })).toBe('https://e.x/wp-json/wp/v2/posts?slug=hello');
    expect(restUrl('https://e.x/?rest_route=/', 'wp/v2/posts/5')).toBe('https://e.x/?rest_route=%2Fwp%2Fv2%2Fposts%2F5');
    expect(defaultApiRoot('https://e.x/blog/post/')).toBe('https://e.x/wp-json/');
  });

  it('takes the slug from the last path segment', () => {
    expect(slugFromPath('https://e.x/2024/01/hello-world/')).toBe('hello-world');
    expect(slugFromPath('https://e.x/?p=5')).toBeNull();
    expect(slugFromPath('https://e.x/index.php')).toBeNull();
  });
});
