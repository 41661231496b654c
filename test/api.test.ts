import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createExtractor, parseDocument, parseJson, renderPosts, WpExtractError } from '../src/index.js';

describe('the library API', () => {
  it('works as the README shows', () => {
    const path = fileURLToPath(new URL('../fixtures/booster-rest-default/input.json', import.meta.url));
    const doc = parseDocument(parseJson(readFileSync(path, 'utf8')), 'post.json');
    const extractor = createExtractor({ skip: ['wrappers'], remove: ['.my-ad'] });
    const posts = doc.items.flatMap((item) => ('post' in item ? [extractor.extract(item.post).post] : []));
    const markdown = renderPosts(posts, doc.list, { format: 'md', frontMatter: 'yaml' });
    expect(markdown).toContain('\n---\n\nThis is the real article body.\n');
    expect(markdown).not.toContain('Read Time');
  });

  it('throws WpExtractError with a code and an exit code', () => {
    expect(() => parseJson('{')).toThrow(WpExtractError);
    let caught: unknown;
    try {
      parseDocument(42, 'n.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'E_NOT_POST', exitCode: 1, input: 'n.json' });
  });
});
