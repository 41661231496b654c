import { WpExtractError } from '../errors.js';
import { parseValue } from '../parse/index.js';
import { wxrPost } from '../parse/wxr.js';
import type { Post } from '../post.js';
import { PostFilter, type Filters } from '../read/filters.js';
import { expandSources, jsonStream, openBytes, type FolderFiles, type ReadContext, type Source, type StreamItem, type StreamShape } from '../read/index.js';
import type { SiteData } from '../parse/menus.js';
import { wxrValues, type WxrValue } from './exports.js';

/**
 * One item of the input stage: a parsed post, the one error that stands in its place, or a
 * note for the user that belongs at this place in the run's messages.
 */
export type InputItem =
  | { input: string; list: boolean; post: Post; error?: undefined; note?: undefined }
  | { input: string; list: boolean; error: unknown; post?: undefined; note?: undefined }
  | { input: string; list: boolean; note: string; post?: undefined; error?: undefined };

/** What reading needs besides the source: the outside world, and where to say how many posts will come. */
export interface InputContext extends ReadContext {
  /** A site said how many posts its crawl will bring (X-WP-Total, or --limit). */
  expect?(total: number): void;
  /** A source turned out to hold a list (JSON then prints an array, `[]` when it is empty). */
  sawList?(): void;
  /** Which posts to read; a site applies them itself, every other source to each post it parses. */
  filters?: Filters;
  /** What a source says of its site besides its posts (an export's menus and terms; a site's menus, when it shows them). */
  site?(data: SiteData): void;
}

/** The bytes of a file or stdin, and how they start. */
export type Bytes = Awaited<ReturnType<typeof openBytes>>;

/**
 * An input format: what it reads (a site, or bytes whose start it recognises), the files a
 * folder is searched for, and how its values become posts.
 */
interface InputFormat {
  /** For files and stdin: whether bytes starting with `head` are this format's. */
  sniff?(head: string): boolean;
  /** The files of a folder this format reads. */
  files?: FolderFiles;
  /** The values of a source (its bytes, for files and stdin), one by one; `shape.list` is set once the source is known to be a list. */
  values(source: Source, bytes: Bytes | null, context: InputContext, shape: StreamShape): Promise<AsyncIterable<StreamItem>>;
  parse(value: unknown, input: string): Post;
  /**
   * The filters this source applies before parsing (or on the server): null for all of them (a
   * site), else which of type and status; the rest are tested on each parsed post.
   */
  native: { type: boolean; status: boolean } | null;
}

/**
 * The readers, by input format. A URL is a site (or one of its posts, or a REST address); a file
 * or stdin goes to the first format that recognises how it starts, else to the JSON reader,
 * whose errors say what the input looks like instead.
 */
const INPUT_FORMATS = {
  site: {
    values: async (source, _bytes, context, shape) => {
      const { readUrl } = await import('../read/url.js');
      return readUrl(source.name, context.client(), context.crawl, shape, context.site);
    },
    // A WordPress error body from a server is a remote error (exit 3), not bad data.
    parse: (value, input) => parseValue(value, input, true),
    native: null,
  },
  wxr: {
    sniff: (head) => /^(\xEF\xBB\xBF)?\s*(<\?xml|<rss\b)/.test(head) || (/<rss\b/.test(head) && !/<html\b/i.test(head)),
    files: { pattern: /\.xml(\.gz)?$/i, names: '.xml' },
    values: async (source, bytes, context, shape) => {
      if (!bytes) throw new WpExtractError('E_INTERNAL', 'the export reader was given no bytes', { input: source.name });
      shape.list = true;
      return wxrValues(source, bytes, context);
    },
    parse: (value, input) => {
      const { item, site, attachments, protectedContent } = value as WxrValue;
      return wxrPost(item, site, attachments, input, protectedContent);
    },
    native: { type: true, status: true },
  },
  json: {
    files: { pattern: /\.(json|ndjson|jsonl)(\.gz)?$/i, names: '.json, .ndjson or .jsonl' },
    values: async (source, bytes, _context, shape) => {
      if (!bytes) throw new WpExtractError('E_INTERNAL', 'the JSON reader was given no bytes', { input: source.name });
      return jsonStream(bytes.chunks, source.name, shape);
    },
    parse: (value, input) => parseValue(value, input),
    native: { type: false, status: false },
  },
} satisfies Record<string, InputFormat>;

/** The files a folder is read for: every format's. */
const FOLDER_FILES: FolderFiles = {
  pattern: new RegExp(Object.values(INPUT_FORMATS).flatMap((f: InputFormat) => (f.files ? [f.files.pattern.source] : [])).join('|'), 'i'),
  names: Object.values(INPUT_FORMATS).flatMap((f: InputFormat) => (f.files ? [f.files.names] : [])).join(', '),
};

/** The bytes of an input when it has them, and the format that reads it. */
async function openSource(source: Source, context: InputContext): Promise<{ format: InputFormat; bytes: Bytes | null }> {
  if (source.kind === 'url') return { format: INPUT_FORMATS.site, bytes: null };
  const bytes = await openBytes(source, context.stdin);
  const formats: InputFormat[] = Object.values(INPUT_FORMATS);
  return { format: formats.find((f) => f.sniff?.(bytes.head)) ?? INPUT_FORMATS.json, bytes };
}

/** After this many items of one input that are not posts, and no post, the input is given up. */
const NOT_POSTS_LIMIT = 3;

/**
 * The posts of every input, in order: folders expanded, each source read by its format's reader,
 * each value parsed into a post or an error of its own. An input that fails as a whole (no such
 * file, a site that does not answer, a document that is not JSON) is one error item.
 */
export async function* readInputs(sources: readonly Source[], context: InputContext): AsyncGenerator<InputItem> {
  const expanded = await expandSources(sources, FOLDER_FILES);
  const several = expanded.length > 1;
  for (const source of expanded) {
    const shape: StreamShape = { list: false };
    try {
      const { format, bytes } = await openSource(source, context);
      yield* readSource(source, format, format.values(source, bytes, context, shape), context, shape, several);
    } catch (error) {
      yield { input: source.name, list: several || shape.list, error };
    }
    if (shape.list) context.sawList?.();
  }
}

async function* readSource(
  source: Source,
  format: InputFormat,
  values: Promise<AsyncIterable<StreamItem>>,
  context: InputContext,
  shape: StreamShape,
  several: boolean,
): AsyncGenerator<InputItem> {
  let posts = 0;
  let notPosts = 0;
  let told = false;
  const filter = format.native && context.filters ? new PostFilter(context.filters, format.native) : null;
  const wanted = filter?.open === false ? filter : null;
  const limit = format.native ? (context.filters?.limit ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  for await (const item of await values) {
    if (!told && shape.total !== undefined) {
      context.expect?.(shape.total);
      told = true;
    }
    const list = several || shape.list;
    const input = shape.list ? `${source.name}[${item.index}]` : source.name;
    try {
      if (item.error) throw item.error;
      const post = format.parse(item.value, input);
      if (wanted && !wanted.matches(post, source.name)) continue;
      yield { input, list, post };
      if (++posts >= limit) return;
    } catch (error) {
      if (error instanceof WpExtractError && error.code === 'E_USAGE') throw error;
      yield { input, list, error };
      if (error instanceof WpExtractError && error.code === 'E_NOT_POST' && posts === 0 && ++notPosts >= NOT_POSTS_LIMIT) {
        yield { input: source.name, list, note: `the first ${NOT_POSTS_LIMIT} items are not posts; skipping the rest` };
        return;
      }
    }
  }
}
