import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runBin } from './helpers.js';

/** The post this project was specified from, checked the way its issue states it, through the built command. */
const seed = fileURLToPath(new URL('../fixtures/seed-sotnews-104444/input.json', import.meta.url));

describe('the seed post', async () => {
  const { code, stdout, stderr } = await runBin([seed]);
  const [, frontMatter = '', body = ''] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(stdout) ?? [];

  it('converts cleanly', () => {
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('.”\n')).toBe(true);
  });

  it('has front matter a YAML parser reads back', () => {
    const values = parseYaml(frontMatter) as Record<string, unknown>;
    expect(values.title).toBe('US directs diplomats to lobby governments against mass migration, cable says');
    expect(values.date).toBe('2025-11-28T04:54:00Z');
    expect(values.categories).toEqual(['international', 'mass-migration', 'politics', 'popular']);
    expect(values.id).toBe(104444);
  });

  it('has none of the Booster text', () => {
    for (const text of ['Read Time', 'Minute', 'Second', 'Happy', 'Sad', 'Excited', 'Sleepy', 'Angry', 'Surprise', '%', 'javascript']) {
      expect(body).not.toContain(text);
    }
  });

  it('has all ten article paragraphs, curly quotes and no non-breaking spaces', () => {
    const paragraphs = body.trimEnd().split('\n\n');
    expect(paragraphs).toHaveLength(10);
    expect(paragraphs[0]).toMatch(/^The Trump administration last week ordered/);
    expect(paragraphs[9]).toMatch(/^The cable, which quotes Trump as saying that “a nation without borders is not a nation,”/);
    expect(body).toContain('“individuals of a migration background”');
    expect(body).toContain('Donald Trump’s presidential campaign');
    expect(body).not.toContain('\u00a0');
  });
});
