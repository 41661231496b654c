import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import { readerFacts } from '../scripts/fidelity.js';

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
        const before = readerFacts(html, imageSize, true);
        const after = readerFacts(renderer.render(markdown), 'src', false);

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
