import { escapeAttribute } from '../html/index.js';

/**
 * Where the converter wrote each link and image address. The rules write an address between
 * two marks (Unicode noncharacters, which no text of a post keeps: see {@link dropMarks}); once
 * the Markdown is whole, {@link settleLinks} writes each address in its final form and notes
 * where it stands. What comes later (a folder's link pass, image localisation) points an
 * address elsewhere through these spans, never by searching the Markdown: an address shown in
 * a code block or a code span is text, and is never touched.
 */

/** How an address is written, which says how another address takes its place. */
export type LinkKind =
  /** A link or image destination: `[text](here)`, `<here>` when it holds spaces or parentheses. */
  | 'destination'
  /** An autolink `<https://…>`: its text is its address. */
  | 'autolink'
  /** An `href` or `src` of kept HTML (a table Markdown cannot hold), entity-escaped. */
  | 'attribute';

/** One address of a Markdown text: `text.slice(at, at + length)` writes `url`. */
export interface LinkSpan {
  at: number;
  length: number;
  url: string;
  kind: LinkKind;
}

const MARK: Readonly<Record<LinkKind, string>> = { destination: '\uFDD0', autolink: '\uFDD1', attribute: '\uFDD2' };
const END = '\uFDD3';
const MARKS = /[\uFDD0-\uFDD3]/g;
const MARKED = /([\uFDD0-\uFDD2])([^\uFDD0-\uFDD3]*)\uFDD3/g;
const KIND_OF: Readonly<Record<string, LinkKind>> = { '\uFDD0': 'destination', '\uFDD1': 'autolink', '\uFDD2': 'attribute' };

/** An address as the rules write it, to be settled into its final form. */
export const markAddress = (url: string, kind: LinkKind): string => `${MARK[kind]}${url}${END}`;

/** Whether a text holds any of the marks (a post's own text never should: see {@link dropMarks}). */
export const hasMarks = (text: string): boolean => /[\uFDD0-\uFDD3]/.test(text);

/** A text without the marks: run over the input's text, so that no post can forge an address. */
export const dropMarks = (text: string): string => text.replace(MARKS, '');

/** A Markdown link destination: `<...>` when it holds spaces or parentheses. */
export function formatDestination(url: string): string {
  const trimmed = url.trim();
  return /[\s()<>]/.test(trimmed) ? `<${trimmed.replace(/[<>]/g, encodeURIComponent)}>` : trimmed;
}

const unescapeAttribute = (value: string): string =>
  value.replace(/&(amp|quot|lt|gt|#39|apos);/g, (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", apos: "'" })[name] ?? _);

/** How an address is written where a span of its kind stands (`text` is what an autolink showed). */
export function writeAddress(url: string, kind: LinkKind, shown?: string): string {
  switch (kind) {
    case 'destination':
      return formatDestination(url);
    case 'attribute':
      return escapeAttribute(url);
    case 'autolink':
      // Only an absolute address is an autolink; another keeps the text the autolink showed.
      return /^[a-z][a-z\d+.-]*:/i.test(url) && !/[\s<>]/.test(url) ? `<${url}>` : `[${(shown ?? url).replace(/([[\]\\])/g, '\\$1')}](${formatDestination(url)})`;
  }
}

/** The Markdown with every marked address written out, and where each stands. */
export function settleLinks(marked: string): { markdown: string; links: LinkSpan[] } {
  if (!hasMarks(marked)) return { markdown: marked, links: [] };
  const links: LinkSpan[] = [];
  let markdown = '';
  let last = 0;
  for (const match of marked.matchAll(MARKED)) {
    markdown += marked.slice(last, match.index);
    const kind = KIND_OF[match[1] ?? ''] ?? 'destination';
    const raw = match[2] ?? '';
    // An attribute was escaped by the serializer already.
    const written = kind === 'attribute' ? raw : writeAddress(raw, kind);
    links.push({ at: markdown.length, length: written.length, url: kind === 'attribute' ? unescapeAttribute(raw) : raw.trim(), kind });
    markdown += written;
    last = match.index + match[0].length;
  }
  return { markdown: dropMarks(markdown + marked.slice(last)), links };
}

/**
 * A text with some of its addresses pointed elsewhere: `to` gives the new address of a span, or
 * null to leave it. The spans come back moved to where they now stand. A span whose text is not
 * what it says (a file edited since) is left alone.
 */
export function replaceLinks(text: string, links: readonly LinkSpan[], to: (link: LinkSpan) => string | null): { text: string; links: LinkSpan[] } {
  let out = '';
  let last = 0;
  const moved: LinkSpan[] = [];
  for (const link of [...links].sort((a, b) => a.at - b.at)) {
    if (link.at < last) continue;
    const current = text.slice(link.at, link.at + link.length);
    const intact = link.kind === 'attribute' ? current === escapeAttribute(link.url) : current === writeAddress(link.url, link.kind);
    const target = intact ? to(link) : null;
    out += text.slice(last, link.at);
    last = link.at + link.length;
    if (target === null) {
      moved.push({ ...link, at: out.length });
      out += current;
      continue;
    }
    const written = writeAddress(target, link.kind, link.url);
    // An autolink to a path became a link: its destination is what stands for the address now.
    const linked = link.kind === 'autolink' && !written.startsWith('<');
    const destination = linked ? formatDestination(target) : written;
    moved.push({ at: out.length + (linked ? written.length - destination.length - 1 : 0), length: destination.length, url: target, kind: linked ? 'destination' : link.kind });
    out += written;
  }
  return { text: out + text.slice(last), links: moved };
}

/** Spans moved by `offset` (the Markdown placed after front matter). */
export const shiftLinks = (links: readonly LinkSpan[], offset: number): LinkSpan[] => (offset === 0 ? [...links] : links.map((link) => ({ ...link, at: link.at + offset })));
