import { attrs as shortcodeAttrs } from '@wordpress/shortcode';
import type { ShortcodeMatch } from './types.js';

/** A tag as written: `[name attrs]`, `[name attrs /]` or `[/name]`, at `start` to `end`. */
interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
  args: string;
}

const TAG = /^\[(\/?)([A-Za-z][\w-]*)(?![\w-])([^\]]*?)(\/?)\]$/;

/**
 * Every shortcode tag of a text whose name `wanted` takes, in order, in one pass: a tag runs from
 * a `[` to the next `]` with no `[` between (so the scan is linear whatever the text, where a
 * regular expression over the content would retry from each `[`).
 */
function tagsOf(text: string, wanted: (name: string) => boolean): Tag[] {
  const tags: Tag[] = [];
  let close = -1;
  let open = text.indexOf('[');
  while (open !== -1) {
    const next = text.indexOf('[', open + 1);
    if (close < open) close = text.indexOf(']', open);
    if (close === -1) break;
    if (next === -1 || next > close) {
      const match = TAG.exec(text.slice(open, close + 1));
      if (match && wanted(match[2] ?? '')) {
        tags.push({ start: open, end: close + 1, name: match[2] ?? '', closing: match[1] === '/', selfClosing: match[4] === '/', args: match[3] ?? '' });
      }
    }
    open = next;
  }
  return tags;
}

/** The index of the first closing tag of `name` after position `from`, by binary search over its closings. */
function firstAfter(positions: number[], from: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((positions[mid] ?? 0) <= from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Replaces the shortcodes of a text as do_shortcode does: an opening tag takes the text up to
 * the first closing tag of its name after it as its content (no nesting of one name), else it
 * stands alone; `[[name]]` is the literal `[name]`; what `expand` returns null for stays as
 * written. Tags inside a shortcode's content are the handler's business (see `expand`).
 */
export function replaceShortcodes(text: string, wanted: (name: string) => boolean, expand: (code: ShortcodeMatch, whole: string) => string | null): string {
  if (!text.includes('[')) return text;
  const tags = tagsOf(text, wanted);
  if (tags.length === 0) return text;
  const closings = new Map<string, Tag[]>();
  for (const tag of tags) {
    if (!tag.closing) continue;
    const list = closings.get(tag.name);
    if (list) list.push(tag);
    else closings.set(tag.name, [tag]);
  }
  const positions = new Map([...closings].map(([name, list]) => [name, list.map((t) => t.start)]));
  let out = '';
  let last = 0;
  for (const tag of tags) {
    if (tag.start < last || tag.closing) continue;
    const list = closings.get(tag.name) ?? [];
    const closing = tag.selfClosing ? undefined : list[firstAfter(positions.get(tag.name) ?? [], tag.start)];
    const end = closing ? closing.end : tag.end;
    const whole = text.slice(tag.start, end);
    out += text.slice(last, tag.start);
    last = end;
    // [[name]] prints [name]: the brackets around it are WordPress's escape.
    if (text[tag.start - 1] === '[' && text[end] === ']') {
      out = `${out.slice(0, -1)}${whole}`;
      last = end + 1;
      continue;
    }
    const parsed = shortcodeAttrs(tag.args);
    const code: ShortcodeMatch = { name: tag.name, attrs: parsed.named, numeric: parsed.numeric, content: closing ? text.slice(tag.end, closing.start) : undefined };
    out += expand(code, whole) ?? whole;
  }
  return out + text.slice(last);
}
