import type { Seo } from '../post.js';
import type { PlainValue } from './php.js';

/**
 * A post's search-engine title, description, canonical address and noindex, as the SEO plugins
 * keep them: Yoast, Rank Math, All in One SEO (3 and 4) and SEOPress, from post meta (an
 * export's, or what the REST API shows of it) and from the REST API's head JSON (Yoast's
 * `yoast_head_json`, AIOSEO's `aioseo_head_json`). Their template variables (`%%title%%`,
 * `%sitename%`, `#post_title`) are resolved from what the post and its site say; a value with
 * one that cannot be resolved is left out rather than written half-made.
 */

type Meta = Readonly<Record<string, PlainValue | undefined>>;

/** The meta keys of each plugin, in the order they are tried. */
const KEYS = {
  title: ['_yoast_wpseo_title', 'rank_math_title', '_aioseo_title', '_aioseop_title', '_seopress_titles_title'],
  description: ['_yoast_wpseo_metadesc', 'rank_math_description', '_aioseo_description', '_aioseop_description', '_seopress_titles_desc'],
  canonical: ['_yoast_wpseo_canonical', 'rank_math_canonical_url', '_aioseo_canonical_url', '_aioseop_custom_link', '_seopress_robots_canonical'],
} as const;

/** A meta key some SEO plugin keeps (most posts have none: nothing more is looked at). */
const SEO_KEY = /^_?(?:yoast_wpseo|rank_math|aioseop?|seopress)_/;

/** What the post and its site say, for the template variables. */
export interface SeoContext {
  title: string;
  /** The excerpt as text, made only when a template asks for it. */
  excerpt: () => string;
  link: string | null;
  siteName: string | null;
}

/** The variables each plugin writes, by what they stand for. */
const VARIABLES: ReadonlyArray<[RegExp, (c: SeoContext) => string | null]> = [
  [/%%(?:title|post_title)%%|%title%|#post_title\b/g, (c) => c.title],
  [/%%(?:sitename|sitetitle)%%|%sitename%|#site_title\b/g, (c) => c.siteName],
  [/%%sep%%|%sep%|#separator_sa\b/g, () => '-'],
  [/%%(?:excerpt|excerpt_only|post_excerpt)%%|%excerpt%|#post_excerpt\b/g, (c) => c.excerpt()],
  [/%%page%%|%page%/g, () => ''],
];

/** A template resolved, or null when it holds a variable nothing here resolves. */
function resolve(template: string, context: SeoContext): string | null {
  let text = template;
  for (const [pattern, value] of VARIABLES) {
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const replacement = value(context);
    if (replacement === null) return null;
    text = text.replace(pattern, () => replacement);
  }
  if (/%%[a-z_]+%%|%[a-z_]+%|#[a-z]+_[a-z_]+\b/.test(text)) return null;
  const tidy = text.replace(/\s+/g, ' ').replace(/^[\s-]+|[\s-]+$/g, '').trim();
  return tidy === '' ? null : tidy;
}

const firstString = (meta: Meta, keys: readonly string[]): string | null => {
  for (const key of keys) {
    const value = meta[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
};

/** Whether the meta marks the post noindex, in any plugin's way. */
function noindexOf(meta: Meta): boolean {
  const robots = meta.rank_math_robots;
  return (
    meta['_yoast_wpseo_meta-robots-noindex'] === '1' ||
    (Array.isArray(robots) && robots.includes('noindex')) ||
    meta._aioseop_noindex === 'on' ||
    meta._seopress_robots_index === 'yes'
  );
}

/** What a REST head JSON (`yoast_head_json`, `aioseo_head_json`) says, already resolved by the plugin. */
function fromHead(head: unknown): { title?: string; description?: string; canonical?: string; noindex?: boolean } {
  if (typeof head !== 'object' || head === null) return {};
  const h = head as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const robots = h.robots;
  const noindex = typeof robots === 'string' ? robots.includes('noindex') : typeof robots === 'object' && robots !== null && (robots as Record<string, unknown>).index === 'noindex';
  return { title: text(h.title), description: text(h.description), canonical: text(h.canonical) ?? text(h.canonical_url), ...(noindex ? { noindex } : {}) };
}

/** An address without its trailing slash and fragment, to compare a canonical with the post's own. */
const sameAddress = (a: string, b: string | null): boolean => b !== null && a.replace(/#.*$/, '').replace(/\/+$/, '') === b.replace(/#.*$/, '').replace(/\/+$/, '');

/** The post's SEO, or null when no plugin says anything of it. A canonical address that is the post's own is not kept. */
export function seoOf(meta: Meta, heads: readonly unknown[], context: SeoContext): Seo | null {
  if (heads.every((head) => head === undefined || head === null) && !Object.keys(meta).some((key) => SEO_KEY.test(key))) return null;
  const head = heads.map(fromHead).find((h) => Object.keys(h).some((k) => h[k as keyof typeof h] !== undefined)) ?? {};
  const templated = (keys: readonly string[]): string | undefined => {
    const raw = firstString(meta, keys);
    return raw === null ? undefined : (resolve(raw, context) ?? undefined);
  };
  const title = templated(KEYS.title) ?? head.title;
  const description = templated(KEYS.description) ?? head.description;
  const canonical = firstString(meta, KEYS.canonical) ?? head.canonical;
  const seo: Seo = {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(canonical !== undefined && /^https?:\/\//i.test(canonical) && !sameAddress(canonical, context.link) ? { canonical } : {}),
    ...(noindexOf(meta) || head.noindex ? { noindex: true } : {}),
  };
  return Object.keys(seo).length > 0 ? seo : null;
}
