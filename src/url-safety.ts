/**
 * Which addresses may reach the Markdown. Static site generators render it as HTML, so an
 * address that runs code when followed (`javascript:`, `vbscript:`) or carries a document
 * (`data:` other than an image) is never written, whatever the cleaners were told.
 */

/** The scheme of an address as a browser reads it (tabs, newlines and leading controls ignored), or ''. */
export function schemeOf(url: string): string {
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1] ?? '';
}

/** True for addresses that run script when followed. */
export function isScriptUrl(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === 'javascript' || scheme === 'vbscript';
}

/** Whether a link (or an embedded frame) may point at this address. */
export function isSafeLink(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme !== 'javascript' && scheme !== 'vbscript' && scheme !== 'data';
}

/** Whether an image may load this address: links' rules, plus `data:image/…`. */
export function isSafeImage(url: string): boolean {
  if (schemeOf(url) === 'data') return /^\s*data:image\/(png|gif|jpe?g|webp|avif|bmp|svg\+xml)[;,]/i.test(url);
  return isSafeLink(url);
}
