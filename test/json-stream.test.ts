import { describe, expect, it } from 'vitest';
import { JsonStream, jsonStream, type StreamShape } from '../src/read/json-stream.js';

async function collect(text: string, chunkSize = 3): Promise<{ shape: StreamShape; items: unknown[] }> {
  const chunks = (async function* () {
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  })();
  const shape = { list: false };
  const items: unknown[] = [];
  try {
    for await (const item of jsonStream(chunks, 'in.json', shape)) {
      items.push(item.error ? `error: ${item.error.toLine()}` : item.value);
    }
  } catch (error) {
    items.push(`thrown: ${(error as Error).message}`);
  }
  return { shape, items };
}

describe('jsonStream', () => {
  it.each([1, 2, 7, 1000])('splits an array into its elements (chunks of %i bytes)', async (size) => {
    const text = '\uFEFF[ {"id": 1, "t": "a, ] { \\" x"}, {"id": 2, "n": [1, {"d": []}]} ,3, "s", null ]\n';
    expect(await collect(text, size)).toEqual({
      shape: { list: true },
      items: [{ id: 1, t: 'a, ] { " x' }, { id: 2, n: [1, { d: [] }] }, 3, 's', null],
    });
  });

  it('reads a single object as one value', async () => {
    expect(await collect('{"id": 5, "title": "日本語 “quotes”"}\n')).toEqual({
      shape: { list: false },
      items: [{ id: 5, title: '日本語 “quotes”' }],
    });
  });

  it('reads NDJSON as a list', async () => {
    expect(await collect('{"id":1}\n{"id":2}\n\n{"id":3}')).toEqual({ shape: { list: true }, items: [{ id: 1 }, { id: 2 }, { id: 3 }] });
  });

  it.each([1, 5, 64, 100000])('reads NDJSON mixed with pretty-printed values and CRLF (chunks of %i bytes)', async (size) => {
    const text = '{"id":1,"t":"a \\" \\\\"}\r\n{\n  "id": 2\n}\n{"id":3} {"id":4}\n[5, {"id": 6}]\n"seven"\n{"id":8,"html":"<p class=\\"x\\">\\n</p>"}';
    expect(await collect(text, size)).toEqual({
      shape: { list: true },
      items: [{ id: 1, t: 'a " \\' }, { id: 2 }, { id: 3 }, { id: 4 }, [5, { id: 6 }], 'seven', { id: 8, html: '<p class="x">\n</p>' }],
    });
  });

  it('reports a bad NDJSON line with its line and column, and goes on', async () => {
    const { items } = await collect('{"id":1}\n{"id": tru}\n{"id":3}\n', 4);
    expect(items).toEqual([{ id: 1 }, 'error: in.json[1]: malformed JSON at line 2, column 8: unexpected "t"', { id: 3 }]);
  });

  it('stops an array at its first bad element, with its place in the whole stream', async () => {
    const { items } = await collect('[\n  {"id": 1},\n  {"id": tru},\n  {"id": 3}\n]');
    expect(items).toEqual([{ id: 1 }, 'thrown: malformed JSON at line 3, column 10: unexpected "t"']);
  });

  it.each([1, 7, 4096])('keeps every good NDJSON line after lines that never close (chunks of %i bytes)', async (size) => {
    const lines = ['{"id":1}', '{"id":2,"t":"x"', '{"id":3}', '{"id":4,"n":{"a":1}', '{"id":5}', '{"id": tru}', '{"id":7}'];
    const { items, shape } = await collect(`${lines.join('\n')}\n`, size);
    expect(shape.list).toBe(true);
    expect(items).toEqual([
      { id: 1 },
      'error: in.json[1]: malformed JSON at line 2, column 16: unexpected end of input (truncated?)',
      { id: 3 },
      'error: in.json[3]: malformed JSON at line 4, column 20: unexpected end of input (truncated?)',
      { id: 5 },
      'error: in.json[5]: malformed JSON at line 6, column 8: unexpected "t"',
      { id: 7 },
    ]);
  });

  it('recovers when the first NDJSON line is the bad one', async () => {
    expect((await collect('{"id": 1,\n{"id":2}\n')).items).toEqual(['error: in.json[0]: malformed JSON at line 1, column 10: unexpected end of input (truncated?)', { id: 2 }]);
  });

  it.each([
    ['a pretty-printed object with one corrupt byte', '{\n  "id": 5,\n  "title": "a"\n  "slug": "b",\n  "content": {"rendered": "<p>x, y z</p>"}\n}\n', 'thrown: malformed JSON at line 4, column 3: unexpected "\\""'],
    ['a one-line object with a quote lost', '{"id": 5, "title": "a, "slug": "b c d e f", "content": {"rendered": "<p>x y z</p>"}}', 'thrown: malformed JSON at line 1, column 25: unexpected "s"'],
    ['two words', 'hello world\n', 'thrown: malformed JSON at line 1, column 1: unexpected "h"'],
    ['an HTML page', '<!DOCTYPE html>\n<html><body><p>one two three</p></body></html>\n', 'thrown: not JSON: this is an HTML page; give the address of the site or of a post (wp-extract fetches its REST API), or the JSON of /wp-json/wp/v2/posts'],
  ])('stops %s with one error', async (_, text, error) => {
    expect((await collect(text)).items).toEqual([error]);
  });

  it('stops at a truncated array', async () => {
    const { items } = await collect('[{"id": 1}, {"id": 2');
    expect(items).toEqual([{ id: 1 }, 'thrown: malformed JSON at line 1, column 21: unexpected end of input (truncated?)']);
  });

  it('rejects text after the array and empty input', async () => {
    expect((await collect('[1] x')).items).toEqual([1, 'thrown: malformed JSON at line 1, column 5: unexpected "x" after the end of the array']);
    expect((await collect('  ')).items).toEqual(['thrown: malformed JSON: the input is empty']);
  });

  it('reads NDJSON by lines exactly as the text reader does, and either the same whatever the chunks', async () => {
    const fc = await import('fast-check');
    const lines = [
      '{"id":1,"t":"日本語 “q” é"}', '{"id":2,"html":"<p class=\\"x\\">\\n</p>"}', '[3, {"id": 4}]', '  {"id":5}\r', '', '  ', '\r',
      '{"id": tru}', '{"id":6,"t":"x"', '{', '  "id": 7', '}', '{"id":8} {"id":9}', '"ten"', '11', 'hello', '\u00a0{"id":12}', '{"id":13}]', ']',
    ];
    const text = fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 12 }).map((picked) => picked.join('\n'));
    async function read(input: string, size: number, byLines: boolean): Promise<unknown[]> {
      const bytes = Buffer.from(input);
      const chunks = (async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      })();
      const shape = { list: false };
      const out: unknown[] = [];
      try {
        for await (const item of new JsonStream('in.json', shape, byLines).read(chunks)) out.push(item.error ? `error: ${item.error.toLine()}` : item.value);
      } catch (error) {
        out.push(`thrown: ${(error as Error).message}`);
      }
      return [shape.list, ...out];
    }
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(1, 2, 3, 7, 16, 64, 4096), fc.boolean(), async (input, size, trailing) => {
        const whole = trailing ? `${input}\n` : input;
        // The same as the text reader given the same chunks, and as either given the text in one chunk.
        const once = await read(whole, whole.length + 1, false);
        expect(await read(whole, size, false)).toEqual(once);
        expect(await read(whole, size, true)).toEqual(once);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"t":"wide"}]', 'utf16le')]);
    const chunks = (async function* () {
      yield bytes;
    })();
    const values = [];
    for await (const item of jsonStream(chunks, 'w.json')) values.push(item.value);
    expect(values).toEqual([{ t: 'wide' }]);
  });
});
