import { WpExtractError } from '../errors.js';
import type { ExtractedPost } from '../post.js';

/**
 * File names from post fields, safe on Linux, macOS and Windows, that never leave the output
 * folder whatever a slug holds.
 */

/** Placeholders of `--path` templates and what each gives. */
export const PATH_FIELDS: Readonly<Record<string, (post: ExtractedPost) => string>> = Object.freeze({
  yyyy: (p) => p.date?.slice(0, 4) ?? '0000',
  mm: (p) => p.date?.slice(5, 7) ?? '00',
  dd: (p) => p.date?.slice(8, 10) ?? '00',
  slug: (p) => p.slug || (p.id !== null ? String(p.id) : 'untitled'),
  id: (p) => (p.id !== null ? String(p.id) : 'no-id'),
  type: (p) => p.type,
  /** The content section: `posts` for posts, `pages` for pages, the type for custom types. */
  section: (p) => (p.type === 'post' ? 'posts' : p.type === 'page' ? 'pages' : p.type),
});

/** Checks a template's placeholders once, before any post. */
export function checkTemplate(template: string): void {
  for (const match of template.matchAll(/\{([^}]*)\}/g)) {
    const name = match[1] ?? '';
    if (!Object.hasOwn(PATH_FIELDS, name)) {
      const known = Object.keys(PATH_FIELDS).map((f) => `{${f}}`).join(' ');
      throw new WpExtractError('E_USAGE', `--path: unknown field {${name}} (known: ${known})`);
    }
  }
  if (!template.trim() || template.startsWith('/') || /^[A-Za-z]:[\\/]/.test(template)) {
    throw new WpExtractError('E_USAGE', `--path: the template must be a relative path, got "${template}"`);
  }
  if (template.split(/[/\\]/).some((segment) => segment === '..' || segment === '.')) {
    throw new WpExtractError('E_USAGE', `--path: the template must stay inside the output folder (no "." or ".." folders), got "${template}"`);
  }
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_SEGMENT_BYTES = 200;

/**
 * One path segment, safe everywhere: no separators or characters Windows forbids, no control
 * characters, not `.` or `..`, no trailing dot or space, not a reserved device name, at most
 * 200 bytes of UTF-8 (cut on a character boundary, keeping the extension).
 */
export function safeSegment(segment: string): string {
  let out = segment
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '-')
    .replace(/^\.+$/, (dots) => '_'.repeat(dots.length))
    .replace(/[. ]+$/, '')
    .trim();
  if (out === '') out = '_';
  if (WINDOWS_RESERVED.test(out)) out = `_${out}`;
  if (Buffer.byteLength(out) > MAX_SEGMENT_BYTES) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(out)?.[0] ?? '';
    let stem = out.slice(0, out.length - ext.length);
    while (Buffer.byteLength(stem + ext) > MAX_SEGMENT_BYTES) stem = Array.from(stem).slice(0, -1).join('');
    out = stem + ext;
  }
  return out;
}

/**
 * The relative path of a post under a template. Field values cannot add folders (`/` and `\`
 * in a slug become `-`), and every segment is made safe, so the result stays inside the output
 * folder; the caller checks that once more against the real folder.
 */
export function postPath(template: string, post: ExtractedPost): string {
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = PATH_FIELDS[name]?.(post) ?? '';
    // Percent-encoded dots and slashes are decoded by the parser already; decode once more for
    // slugs that arrive double-encoded, then neutralise separators.
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // keep as is
    }
    return decoded.replace(/[/\\]/g, '-');
  });
  return filled
    .split(/[/\\]+/)
    .filter((segment) => segment !== '')
    .map(safeSegment)
    .join('/');
}

/** `name.md` with `-suffix` before the extension. */
export function withSuffix(path: string, suffix: string): string {
  const match = /^(.*?)(\.[^./]*)?$/.exec(path);
  return `${match?.[1] ?? path}-${suffix}${match?.[2] ?? ''}`;
}
