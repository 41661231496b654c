/** The typed values that flow through the pipeline. */
import type { LinkSpan } from './convert/links.js';

/**
 * What a post's content is: `rendered`, the HTML WordPress serves (REST `content.rendered`), or
 * `raw`, the `post_content` WordPress stores (an export), which the prepare stage renders.
 */
export type ContentFormat = 'rendered' | 'raw';

/** A media item a post shows by id (a `[gallery]`), from an export's attachment items. */
export interface Attachment {
  id: number;
  /** The file's address. */
  url: string;
  /** The attachment's own page, where a gallery links by default. */
  link: string;
  alt: string;
  /** Its caption (the attachment's excerpt), raw. */
  caption: string;
  /** The file as uploaded, when `url` is WordPress's `-scaled` copy of it (`_wp_attachment_metadata`'s `original_image`). */
  original?: string;
  /** The post it was uploaded to (0 for none), and its place among that post's media. */
  parent: number;
  order: number;
}

/** An approved comment on a post. */
export interface Comment {
  id: number;
  /** The comment it replies to (0 for none). */
  parent: number;
  /** The commenter's name, as the site shows it. */
  author: string;
  /** When it was written, ISO 8601 UTC. */
  date: string | null;
  /** Its text: HTML as the site serves it, or raw (an export's), as the post's `contentFormat` says. */
  html: string;
}

/** A comment with its text as Markdown. */
export interface ExtractedComment extends Comment {
  markdown: string;
}

/** A note of the footnotes block: the id its references point to, and its HTML. */
export interface Footnote {
  id: string;
  content: string;
}

/** A term a post is filed under: its taxonomy (`category`, `post_tag`, ...), slug and name. */
export interface PostTerm {
  taxonomy: string;
  slug: string;
  name: string;
  /** Its archive's address, when the input says it (REST's embedded terms). */
  link?: string;
}

/** A custom field's value: what post meta holds (PHP-serialized arrays read as lists and maps), or an ACF field's JSON. */
export type MetaValue = string | number | boolean | null | MetaValue[] | { [key: string]: MetaValue };

/** An author as a site shows them: slug, display name, and (REST) biography and website. */
export interface AuthorProfile {
  slug: string;
  name: string;
  description?: string;
  url?: string;
}

/** What an SEO plugin says of a post (see parse/seo.ts). */
export interface Seo {
  title?: string;
  description?: string;
  /** A canonical address other than the post's own. */
  canonical?: string;
  noindex?: boolean;
}

/** A featured image: its address and alternative text (empty when unknown). */
export interface FeaturedImage {
  url: string;
  alt: string;
}

/**
 * One WordPress post (any post type) as parsed from a REST object. Text fields are plain text;
 * the HTML fields are still raw, exactly as `content.rendered` / `excerpt.rendered` held them.
 */
export interface Post {
  /** The post id, or null when the response lacks one (`_fields` without `id`). */
  id: number | null;
  /** The post type: `post`, `page`, or a custom type. */
  type: string;
  /** The slug, percent-decoded (`%eb%a7%88` becomes `마`). */
  slug: string;
  /** The permalink. */
  link: string | null;
  /** `publish`, `draft`, ...; null in responses that lack it (WP-API plugin era). */
  status: string | null;
  /** The title as plain text, entities decoded. */
  title: string;
  /** Publication instant, ISO 8601 UTC (`2025-11-28T04:54:00Z`). */
  date: string | null;
  /** Last modification instant, ISO 8601 UTC. */
  modified: string | null;
  /** The author's name when embedded, else the user id. */
  author: string | number | null;
  /** Every author, when a plugin gives the post several (Co-Authors Plus, PublishPress Authors: `author` terms), by name. */
  authors?: string[];
  /** Its language (Polylang's `language` term: `en`, `fr`), when the site has several. */
  language?: string;
  /** What its translations share (Polylang's `post_translations` group), when it has any. */
  translationKey?: string;
  /** What the site says of its author (REST's embedded user; an export's `wp:author`): never an email. */
  authorProfile?: AuthorProfile;
  /** The author's slug (`user_nicename`, in the author archive's address `/author/SLUG/`), when the input says it. */
  authorSlug?: string;
  /** Category names when embedded, else slugs from `class_list`, else term ids. */
  categories: Array<string | number>;
  /** Tag names when embedded, else slugs from `class_list`, else term ids. */
  tags: Array<string | number>;
  /**
   * The terms with their slugs, when the input says them (embedded terms, an export's
   * `<category nicename>`, `class_list`): what `--category` and `--tag` match.
   */
  terms?: PostTerm[];
  /** Taxonomies whose terms the input holds cut short (`?_embed` brings 10 a taxonomy) and nothing else completes. */
  termsCut?: string[];
  /** The featured image, when the response says what it is. */
  featuredImage: FeaturedImage | null;
  /** The post format (`standard`, `aside`, ...); null for types without formats. */
  format: string | null;
  /** Whether the post is stuck to the front page. */
  sticky: boolean;
  /** The parent's id, for a page under another (null at the top, or for types without parents). */
  parent: number | null;
  /** A page's place among its siblings (`menu_order`), when set. */
  menuOrder: number | null;
  /** Whether the post is password-protected (its content is then empty). */
  passwordProtected: boolean;
  /** The content: `content.rendered` as the REST API gave it, or what `contentFormat` says. */
  contentHtml: string;
  /** What `contentHtml` holds, which chooses how the prepare stage turns it into the HTML the cleaners read. */
  contentFormat: ContentFormat;
  /** For raw content: the attachments its `[gallery]` shortcodes show. */
  attachments?: Attachment[];
  /** `excerpt.rendered`, raw. */
  excerptHtml: string;
  /** The page builder whose data holds the post's real content (an export's `_elementor_data`…); its `post_content` is a fallback. */
  builder?: string;
  /** The notes of its footnotes block, from its `footnotes` meta (an export's; the REST API renders them into the content). */
  footnotes?: Footnote[];
  /**
   * The original upload of each media item the post shows (`wp-image-ID`) and of its featured
   * image, by attachment id: not the `-300x200` size a post showed nor the `-scaled` copy of a
   * large one, but the file as uploaded, from the attachment's metadata (`original_image`).
   */
  originals?: Record<string, string>;
  /** The featured image's attachment id, when the input says it. */
  featuredId?: number;
  /** Its custom fields: post meta (an export's, whole; what the REST API shows) and ACF fields (REST `acf`), by key. */
  meta?: Record<string, MetaValue>;
  /** Meta keys whose values could not be read safely (a PHP object or reference): left out of `meta`. */
  metaRefused?: string[];
  /** What its SEO plugin says (title, description, canonical, noindex). */
  seo?: Seo;
  /** The slugs it had before (an export's `_wp_old_slug`), whose addresses WordPress still redirects. */
  oldSlugs?: string[];
  /** Its approved comments, when the input held them (`_embedded.replies`, an export's `wp:comment`). */
  comments?: Comment[];
}

/** A post after cleaning and conversion: what the output formats render. */
export interface ExtractedPost extends Post {
  /** The excerpt as plain text, without widgets, "Read more" links or a trailing `[…]`. */
  excerpt: string;
  /** The cleaned content HTML. */
  html: string;
  /** The content as Markdown (the body, without front matter). */
  markdown: string;
  /** Where each link and image address stands in `markdown` (none when absent). */
  links?: LinkSpan[];
  /** Where a folder's earlier runs served it (its slug changed since): old addresses that must still lead to it. */
  movedFrom?: string[];
  /** With `--meta`: the custom fields asked for, by key. */
  fields?: Record<string, MetaValue>;
  /** With `--comments`: the approved comments, oldest first, each with its Markdown. */
  comments?: ExtractedComment[];
}

/**
 * What makes two posts the same post: the same site, type and id (an archive may gather
 * several sites, whose ids overlap): `host|type|id`. The key of a folder's state and of its
 * duplicates.
 */
export function postKey(host: string, type: string, id: number): string {
  return `${host}|${type}|${id}`;
}

/** The parts of a {@link postKey}: a post id is its last part, its type the one before, its host the rest. */
export function parsePostKey(key: string): { host: string; type: string; id: number } {
  const last = key.lastIndexOf('|');
  const before = key.lastIndexOf('|', last - 1);
  return { host: key.slice(0, before), type: key.slice(before + 1, last), id: Number(key.slice(last + 1)) };
}

/** A site and post type, as an update tells what it listed whole (`host|type`). */
export const scopeKey = (host: string, type: string): string => `${host}|${type}`;

/** A post's {@link postKey}, its host from its permalink; null for a post without an id. */
export function keyOf(post: Pick<Post, 'id' | 'type' | 'link'>): string | null {
  if (post.id === null) return null;
  let host = '';
  try {
    host = post.link ? new URL(post.link).host : '';
  } catch {
    // no site to tell
  }
  return postKey(host, post.type, post.id);
}
