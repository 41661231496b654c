/**
 * Every option of the command line, as one declarative table: its flags, help, group, how its
 * argument is read, its choices and default. The CLI builds commander's options from it, and
 * the type of what commander parses ({@link ParsedOptions}) follows from it, so an option and
 * its type cannot drift apart.
 */
import { FRONT_MATTER_STYLES, OUTPUT_FORMATS } from './render/index.js';
import { WpExtractError } from './errors.js';
import { defaultJobs, EXTRACT_DEFAULTS, HTTP_DEFAULTS, LINK_MODES, OUTPUT_DEFAULTS } from './plan.js';
import { TARGET_NAMES, TARGETS } from './targets/index.js';

/** One option: commander's flags and help, and how its value is read. */
export interface OptionSpec {
  flags: string;
  help: string;
  /** The heading `--help` lists it under ('' for the first, untitled group). */
  group: string;
  /** Reads the argument; a repeatable option gets the values so far. */
  parse?: (value: string, previous: never) => unknown;
  choices?: readonly string[];
  default?: unknown;
  /** How `--help` shows the default, when not as it is. */
  defaultText?: string;
}

const positiveNumber =
  (name: string, scale = 1) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new WpExtractError('E_USAGE', `${name}: expected a positive number, got "${value}"`);
    return n * scale;
  };

const wholeNumber =
  (name: string, min = 0) =>
  (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) {
      throw new WpExtractError('E_USAGE', `${name}: expected a whole number${min > 0 ? ` of at least ${min}` : ''}, got "${value}"`);
    }
    return Number(value);
  };

/** `10M`, `512k`, `2000000`. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!match) throw new WpExtractError('E_USAGE', `--max-size: expected a size such as 50M, got "${value}"`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The statuses --status takes. */
const STATUSES = ['publish', 'future', 'draft', 'pending', 'private', 'all'];

/** `--status draft,private`: each a status WordPress has (a typo would silently match nothing). */
function statusList(value: string): string[] {
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = list.find((status) => !STATUSES.includes(status));
  if (list.length === 0 || unknown !== undefined) {
    throw new WpExtractError('E_USAGE', `--status: expected ${STATUSES.join(', ')} (comma-separated), got "${unknown ?? value}"`);
  }
  return list;
}

/** `--meta a,b --meta c`: the keys so far and these. */
function metaKeys(value: string, previous: string[] = []): string[] {
  const keys = value.split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length === 0) throw new WpExtractError('E_USAGE', `--meta: expected custom field keys (comma-separated) or *, got "${value}"`);
  return [...previous, ...keys];
}

const seconds = (flag: string, help: string, value: number, group = 'HTTP:') =>
  ({ flags: `${flag} <seconds>`, help, group, parse: positiveNumber(flag, 1000), default: value, defaultText: String(value / 1000) }) as const;

const ARCHIVES = 'Archives:';
const WHICH = 'Which posts (files, exports and sites alike):';
const SITES = 'Sites:';
const HTTP = 'HTTP:';

/** The options, keyed by the name commander gives each (camelCase of the long flag). */
export function optionTable() {
  return {
    format: { flags: '-f, --format <format>', help: 'output format', group: '', choices: OUTPUT_FORMATS, default: OUTPUT_DEFAULTS.format },
    frontMatter: { flags: '--front-matter <style>', help: 'front matter of Markdown output', group: '', choices: FRONT_MATTER_STYLES, default: OUTPUT_DEFAULTS.frontMatter },
    clean: { flags: '--no-clean', help: 'run no cleaner: keep every widget (--remove still applies)', group: '', default: EXTRACT_DEFAULTS.clean },
    skipCleaner: { flags: '--skip-cleaner <name>', help: 'skip one cleaner, by name (repeatable; see --list-cleaners)', group: '', parse: collect },
    remove: { flags: '--remove <selector>', help: 'also remove elements matching a CSS selector (repeatable)', group: '', parse: collect },
    listCleaners: { flags: '--list-cleaners', help: 'list the cleaners in the order they run, and exit', group: '' },
    shortcodes: { flags: '--shortcodes <mode>', help: 'unexpanded [shortcodes]: keep them (with a warning) or strip them', group: '', choices: ['keep', 'strip'] as const, default: EXTRACT_DEFAULTS.shortcodes },
    imageSize: { flags: '--image-size <size>', help: "an image's own src, the largest candidate of its srcset, or (full) the original upload, from the attachment's metadata (an export's, or the site's media: one request per 100 images)", group: '', choices: ['src', 'largest', 'full'] as const, default: EXTRACT_DEFAULTS.imageSize },
    output: { flags: '-o, --output <dir>', help: 'write one Markdown file per post into a folder (files that exist are skipped)', group: ARCHIVES },
    preset: { flags: '--preset <name>', help: 'the static site generator the folder is for: its paths, front matter keys, static folder and links', group: ARCHIVES, choices: TARGET_NAMES },
    path: { flags: '--path <template>', help: `file path under --output, from {yyyy} {mm} {dd} {slug} {id} {type} {section} (default: the preset's, "${TARGETS.default.template}" without one)`, group: ARCHIVES },
    force: { flags: '--force', help: 'rewrite files that exist', group: ARCHIVES },
    links: { flags: '--links <mode>', help: 'links between posts of the archive: rewrite them to where the folder serves each post, or keep them (default: rewrite with --preset, else keep)', group: ARCHIVES, choices: LINK_MODES },
    update: { flags: '--update', help: 'bring the folder up to date: fetch and write only the posts new or changed since it was written, and report those gone upstream', group: ARCHIVES },
    prune: { flags: '--prune', help: 'with --update: remove the files of posts gone upstream, and their images that no other post uses', group: ARCHIVES },
    images: { flags: '--images', help: 'download the images posts use, and link to the copies: into media/ under --output, or with --preset where the generator publishes them, at their WordPress paths', group: ARCHIVES },
    imagesBeside: { flags: '--images-beside', help: 'the same, saving each image beside the post that uses it (Hugo page bundles)', group: ARCHIVES },
    check: { flags: '--check <dir>', help: "did everything arrive: list each old address of the inputs (permalinks, ?p=, ?page_id=, old slugs, archives) that the site built in DIR does not answer, directly or by its _redirects (exit 1 if any)", group: ARCHIVES },
    media: { flags: '--media', help: "also download the documents, audio and video posts link to or play from the site's uploads (PDF, MP3, MP4…), where the images go, and link to the copies", group: ARCHIVES },
    jobs: { flags: '-j, --jobs <n>', help: `threads converting posts (default: one per core, ${defaultJobs()} here, started once a run is large enough to gain from them)`, group: ARCHIVES, parse: wholeNumber('--jobs', 1) },
    quiet: { flags: '-q, --quiet', help: 'no progress line and no summary', group: ARCHIVES },
    type: { flags: '--type <type>', help: 'post type to read: posts, pages, a custom type, or all (every type of content) (default: posts from a site or an export, every type a file holds)', group: WHICH },
    status: { flags: '--status <list>', help: 'statuses to include, comma-separated: publish, future, draft, pending, private, or all (default: publish from a site or an export, every status a file holds; a site with --auth: all it shows)', group: WHICH, parse: statusList },
    protected: { flags: '--protected', help: 'keep the content of password-protected posts (an export holds it; left out by default)', group: WHICH },
    after: { flags: '--after <date>', help: 'only posts published after this date (2024-01-31)', group: WHICH },
    before: { flags: '--before <date>', help: 'only posts published before this date', group: WHICH },
    category: { flags: '--category <slug>', help: 'only posts in this category (repeatable)', group: WHICH, parse: collect },
    tag: { flags: '--tag <slug>', help: 'only posts with this tag (repeatable)', group: WHICH, parse: collect },
    search: { flags: '--search <text>', help: 'only posts matching this search', group: WHICH },
    limit: { flags: '--limit <n>', help: 'stop after this many posts (of each input)', group: WHICH, parse: wholeNumber('--limit', 1) },
    meta: {
      flags: '--meta <keys>',
      help: 'custom fields (post meta, ACF) to write into the front matter and JSON, comma-separated or repeated; * for every public one (private _keys only when named)',
      group: WHICH,
      parse: metaKeys,
    },
    comments: { flags: '--comments', help: "each post's approved comments: a Comments section after a Markdown post, a comments array in JSON", group: WHICH },
    auth: { flags: '--auth <user:password>', help: 'an application password, for drafts and private posts (or set WP_AUTH)', group: SITES },
    timeout: seconds('--timeout', 'total time allowed for one request', HTTP_DEFAULTS.timeout),
    connectTimeout: seconds('--connect-timeout', 'time allowed to connect', HTTP_DEFAULTS.connectTimeout),
    maxSize: { flags: '--max-size <size>', help: 'largest response accepted, before and after decompression', group: HTTP, parse: parseSize, default: HTTP_DEFAULTS.maxBytes, defaultText: '50M' },
    maxRedirects: { flags: '--max-redirects <n>', help: 'redirects followed', group: HTTP, parse: wholeNumber('--max-redirects'), default: HTTP_DEFAULTS.maxRedirects },
    concurrency: { flags: '--concurrency <n>', help: 'requests at once', group: HTTP, parse: wholeNumber('--concurrency', 1), default: HTTP_DEFAULTS.concurrency },
    retries: { flags: '--retries <n>', help: 'retries on 429, 5xx and dropped connections', group: HTTP, parse: wholeNumber('--retries'), default: HTTP_DEFAULTS.retries },
    delay: {
      flags: '--delay <seconds>',
      help: 'least time between the starts of two requests (politeness: 0 for none)',
      group: HTTP,
      parse: (v: string) => (v === '0' ? 0 : positiveNumber('--delay', 1000)(v)),
      default: HTTP_DEFAULTS.delay,
      defaultText: String(HTTP_DEFAULTS.delay / 1000),
    },
    userAgent: { flags: '--user-agent <text>', help: 'the User-Agent header (default: "wp-extract/VERSION")', group: HTTP },
    report: { flags: '--report <file>', help: 'write a loss report (JSON): per post, the shortcodes left as text, forms and galleries removed, embeds reduced to links, images on other hosts, content left empty', group: 'Other:' },
    verbose: { flags: '--verbose', help: 'report what each cleaner removed and each file written, and show stack traces of errors', group: 'Other:' },
  } as const satisfies Record<string, OptionSpec>;
}

type Table = ReturnType<typeof optionTable>;

/** The value an option gives: what its parser returns, one of its choices, its argument, or a flag. */
type ValueOf<S> = S extends { parse: (...args: never[]) => infer R }
  ? R
  : S extends { choices: ReadonlyArray<infer C> }
    ? C
    : S extends { flags: `${string}<${string}` }
      ? string
      : boolean;

/** What commander parses from argv: an option with a default is always there, any other may be absent. */
export type ParsedOptions = { [K in keyof Table as Table[K] extends { default: unknown } ? K : never]: ValueOf<Table[K]> } & {
  [K in keyof Table as Table[K] extends { default: unknown } ? never : K]?: ValueOf<Table[K]>;
};
