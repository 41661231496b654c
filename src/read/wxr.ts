import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { WpExtractError } from '../errors.js';

/**
 * WordPress export files (WXR, Tools → Export), read as a stream with saxes: each `<item>` is
 * handed on as soon as it ends, so memory follows the largest post, not the file. Elements are
 * told apart by namespace, not by prefix (`wp:` may be bound to another prefix, or rebound to a
 * foreign namespace inside an element). A DOCTYPE that declares entities is refused: nothing
 * is ever expanded from a DTD.
 */

/** The channel's facts that items refer to. */
export interface WxrSite {
  /** `wp:wxr_version`, or null in files that lack it. */
  version: string | null;
  /** The site's address (`wp:base_blog_url`, else the channel's `link`). */
  url: string | null;
  /** The site's name (the channel's `title`), or null. */
  name: string | null;
  /** Authors by login: what `dc:creator` holds. */
  authors: Map<string, { displayName: string }>;
  /** The site's terms (`wp:category`, `wp:tag`, `wp:term`), by id. */
  terms: Map<number, SiteTerm>;
}

/** A term as the export's channel lists it: its taxonomy, slug, name, parent's slug and description. */
export interface SiteTerm {
  taxonomy: string;
  slug: string;
  name: string;
  parent?: string;
  description?: string;
}

/** The channel's term elements, and the names of their fields. */
const TERM_ELEMENTS: Readonly<Record<string, { taxonomy?: string; slug: string; name: string; parent?: string; description: string }>> = {
  'wp:category': { taxonomy: 'category', slug: 'wp:category_nicename', name: 'wp:cat_name', parent: 'wp:category_parent', description: 'wp:category_description' },
  'wp:tag': { taxonomy: 'post_tag', slug: 'wp:tag_slug', name: 'wp:tag_name', description: 'wp:tag_description' },
  'wp:term': { slug: 'wp:term_slug', name: 'wp:term_name', parent: 'wp:term_parent', description: 'wp:term_description' },
};

/** A channel term element's fields as a term, or null without an id or slug. */
function siteTerm(element: string, group: Record<string, string>): [number, SiteTerm] | null {
  const names = TERM_ELEMENTS[element];
  const id = Number(group['wp:term_id']);
  const slug = names ? (group[names.slug] ?? '').trim() : '';
  if (!names || !Number.isSafeInteger(id) || slug === '') return null;
  const parent = names.parent ? (group[names.parent] ?? '').trim() : '';
  const description = (group[names.description] ?? '').trim();
  const taxonomy = names.taxonomy ?? (group['wp:term_taxonomy'] ?? '').trim();
  return [id, { taxonomy, slug, name: group[names.name] ?? slug, ...(parent ? { parent } : {}), ...(description ? { description } : {}) }];
}

/** A term an item is filed under: `<category domain="post_tag" nicename="slug">Name</category>`. */
export interface WxrTerm {
  domain: string;
  nicename: string;
  name: string;
}

/** One `<item>`: its simple fields by name (`title`, `wp:post_id`, `content:encoded`…), terms, meta and comments. */
export interface WxrItem {
  fields: Record<string, string>;
  terms: WxrTerm[];
  /** Post meta by key, each value in the order the export lists them (most keys have one). */
  meta: Map<string, string[]>;
  comments: Array<Record<string, string>>;
}

/** Canonical prefixes, by namespace. */
function prefixOf(uri: string): string | null {
  if (uri === '') return '';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/.test(uri)) return 'wp';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/.test(uri)) return 'excerpt';
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content';
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc';
  return null;
}

const nameOf = (tag: SaxesTagNS): string | null => {
  const prefix = prefixOf(tag.uri);
  if (prefix === null) return null;
  return prefix === '' ? tag.local : `${prefix}:${tag.local}`;
};

/**
 * Faults of the XML that real exports carry and WordPress's importer reads past: stray control
 * characters, `]]>` in text, an HTML entity outside CDATA (left as it is; entities a DTD
 * declares are refused before any is met).
 */
const TOLERATED = /disallowed character|"\]\]>" is disallowed in char data|undefined entity/;

/** Builds items and the site from saxes events. */
class WxrBuilder {
  readonly site: WxrSite = { version: null, url: null, name: null, authors: new Map(), terms: new Map() };
  readonly done: WxrItem[] = [];
  private readonly path: Array<string | null> = [];
  private item: WxrItem | null = null;
  private group: Record<string, string> | null = null;
  private category: { domain: string; nicename: string } | null = null;
  /** The text of the element open now, as parts (text, and CDATA sections). */
  private parts: Array<{ cdata: boolean; text: string }> = [];
  /** The element open now had `]]>` in its text: its content is taken as WordPress's importer takes it. */
  private crazyCdata = false;
  private sawExport = false;
  fatal: WpExtractError | null = null;

  /** The element open now is one whose text is not wanted. */
  private skipping = false;

  constructor(
    private readonly input: string,
    /** Elements whose text is not kept (a first reading that wants only the attachments). */
    private readonly skip: ReadonlySet<string>,
  ) {}

  /** The root element has closed: what follows it (a plugin's output after `</rss>`) is not read. */
  get ended(): boolean {
    return this.rootSeen && this.path.length === 0;
  }

  private rootSeen = false;

  open(tag: SaxesTagNS): void {
    if (this.ended) return;
    this.rootSeen = true;
    if (this.fatal) return; // nothing after a fault is trusted
    const name = nameOf(tag);
    const depth = this.path.length;
    if (depth === 0 && tag.local !== 'rss') this.fail(`not a WordPress export: the document is <${tag.name}>, not an RSS file from Tools → Export`);
    if (name?.startsWith('wp:')) this.sawExport = true;
    const parent = this.path[depth - 1];
    this.path.push(name);
    this.parts = [];
    this.crazyCdata = false;
    this.skipping = name !== null && this.skip.has(name);
    if (name === 'item' && parent === 'channel') this.item = { fields: {}, terms: [], meta: new Map(), comments: [] };
    else if (((name === 'wp:author' || (name !== null && name in TERM_ELEMENTS)) && parent === 'channel') || ((name === 'wp:postmeta' || name === 'wp:comment') && parent === 'item')) this.group = {};
    else if (name === 'category' && parent === 'item') {
      this.category = { domain: tag.attributes.domain?.value ?? 'category', nicename: tag.attributes.nicename?.value ?? '' };
    }
  }

  text(text: string, cdata: boolean): void {
    if (!this.skipping && !this.ended) this.parts.push({ cdata, text });
  }

  /** `]]>` in char data: WordPress's importer takes an element's whole content between its outer CDATA markers. */
  markCrazyCdata(): void {
    this.crazyCdata = true;
  }

  close(): void {
    if (this.fatal || this.ended) return;
    const name = this.path.pop();
    const parent = this.path[this.path.length - 1];
    const value = this.value();
    this.parts = [];
    if (name === undefined || name === null) return;
    if (parent === 'channel') this.channelField(name, value);
    else if (parent === 'item' && this.item) this.itemField(name, value);
    else if (this.group && (parent === 'wp:author' || parent === 'wp:postmeta' || parent === 'wp:comment' || (parent !== null && parent !== undefined && parent in TERM_ELEMENTS))) this.group[name] ??= value;
  }

  private value(): string {
    if (!this.crazyCdata) return this.parts.map((p) => p.text).join('');
    const raw = this.parts.map((p) => (p.cdata ? `<![CDATA[${p.text}]]>` : p.text)).join('');
    return raw.replace(/^<!\[CDATA\[/, '').replace(/\]\]>$/, '');
  }

  private channelField(name: string, value: string): void {
    if (name === 'item' && this.item) {
      if (!this.sawExport) return this.fail('a plain RSS feed, not a WordPress export: give the file that Tools → Export writes (WXR)');
      this.done.push(this.item);
      this.item = null;
    } else if (name === 'wp:author' && this.group) {
      const login = this.group['wp:author_login'];
      if (login) this.site.authors.set(login, { displayName: this.group['wp:author_display_name'] || login });
      this.group = null;
    } else if (name in TERM_ELEMENTS && this.group) {
      const term = siteTerm(name, this.group);
      if (term) this.site.terms.set(...term);
      this.group = null;
    } else if (name === 'wp:wxr_version') this.site.version = value.trim();
    else if (name === 'wp:base_blog_url') this.site.url = value.trim() || this.site.url;
    else if (name === 'link') this.site.url ??= value.trim() || null;
    else if (name === 'title') this.site.name ??= value.trim() || null;
  }

  private itemField(name: string, value: string): void {
    const item = this.item as WxrItem;
    if (name === 'category' && this.category) {
      // As WordPress's importer reads them: WXR 1.0 lists each term twice, once without a
      // nicename (not a term), and calls tags `tag`.
      const { domain, nicename } = this.category;
      if (nicename !== '') item.terms.push({ domain: domain === 'tag' ? 'post_tag' : domain, nicename, name: value });
      this.category = null;
    } else if (name === 'wp:postmeta' && this.group) {
      const key = this.group['wp:meta_key'];
      if (key !== undefined) item.meta.set(key, [...(item.meta.get(key) ?? []), this.group['wp:meta_value'] ?? '']);
      this.group = null;
    } else if (name === 'wp:comment' && this.group) {
      item.comments.push(this.group);
      this.group = null;
    } else item.fields[name] ??= value;
  }

  /** After the last chunk: an export with no item says whether it was an export at all. */
  end(): void {
    if (!this.sawExport && this.path.length === 0 && !this.fatal) this.fail('not a WordPress export: no WordPress export elements (wp:…) in the file');
  }

  fail(message: string): void {
    this.fatal ??= new WpExtractError('E_WXR', message, { input: this.input });
  }
}

/**
 * What comes before the XML declaration, which WordPress's importer reads past and a parser
 * refuses: white space, a byte-order mark, comments (a plugin that printed a blank line or a
 * notice into the export). Held back until the declaration or the first element shows.
 */
class Prologue {
  private held = '';
  private done = false;

  pass(text: string): string {
    if (this.done) return text;
    this.held += text;
    for (;;) {
      const start = this.held.search(/[^\s\uFEFF]/);
      if (start === -1) {
        this.held = '';
        return '';
      }
      if (!this.held.startsWith('<!--', start)) break;
      const end = this.held.indexOf('-->', start + 4);
      if (end === -1) return '';
      this.held = this.held.slice(end + 3);
    }
    this.done = true;
    const out = this.held.replace(/^[\s\uFEFF]+/, '');
    this.held = '';
    return out;
  }
}

/**
 * The items of a WXR file arriving in chunks, each as soon as it ends, with the site's facts
 * (`options.site` is handed the object that fills in as the channel's header is read, before
 * the first item); `options.skip` names elements whose text is not wanted. A fault of the XML
 * (a truncated download, a broken tag) ends the stream with one error giving its line and
 * column, after every whole item before it.
 */
export async function* wxrItems(
  chunks: AsyncIterable<Uint8Array | string>,
  input: string,
  options: { site?: (site: WxrSite) => void; skip?: ReadonlySet<string> } = {},
): AsyncGenerator<WxrItem> {
  const builder = new WxrBuilder(input, options.skip ?? new Set());
  const site = options.site;
  site?.(builder.site);
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('opentag', (tag) => builder.open(tag));
  parser.on('closetag', () => builder.close());
  parser.on('text', (text) => builder.text(text, false));
  parser.on('cdata', (text) => builder.text(text, true));
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) builder.fail('the file declares its own entities in a DOCTYPE, which WordPress exports never do: refused (an entity bomb?)');
  });
  parser.on('error', (error) => {
    // What follows the export's end is not the export's: WordPress's importer stops there too.
    if (builder.ended) return;
    if (TOLERATED.test(error.message)) {
      if (error.message.includes(']]>')) builder.markCrazyCdata();
      return;
    }
    const what = error.message.replace(/^\d+:\d+: /, '').replace(/^unclosed tag: (.*)$/, 'the file ends inside <$1> (truncated?)');
    builder.fatal ??= new WpExtractError('E_WXR', `malformed XML at line ${parser.line}, column ${parser.column + 1}: ${what}`, {
      input,
      at: { line: parser.line, column: parser.column + 1 },
    });
  });
  const decoder = new StringDecoder('utf8');
  const prologue = new Prologue();
  const step = function* (raw: string, last: boolean): Generator<WxrItem> {
    const text = prologue.pass(raw);
    if (!builder.fatal && !builder.ended) {
      if (last) parser.write(text).close();
      else parser.write(text);
    }
    yield* builder.done.splice(0);
    if (builder.fatal) throw builder.fatal;
  };
  for await (const chunk of chunks) yield* step(typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk)), false);
  yield* step(decoder.end(), true);
  builder.end();
  if (builder.fatal) throw builder.fatal;
}
