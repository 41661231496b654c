import { load, type CheerioAPI } from 'cheerio/slim';

/**
 * Parses an HTML fragment (not a document: no `<html>`/`<body>` is added). `cheerio/slim`
 * uses htmlparser2, which is several times faster than parse5 and keeps start-up light.
 */
export function loadFragment(html: string): CheerioAPI {
  // HTML (not XML) parsing with htmlparser2's options, so that `encodeEntities: 'utf8'` can
  // serialise text as UTF-8, escaping only what HTML requires (the default writes every
  // non-ASCII character as a numeric reference).
  return load(html, { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } }, false);
}

/** Collapses runs of white space (non-breaking spaces included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** An HTML fragment as one line of plain text: tags dropped, entities decoded. */
export function htmlToInlineText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  return collapseWhitespace(loadFragment(html).root().text());
}
