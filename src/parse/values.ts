/** Values of WordPress fields as the typed post holds them, shared by every reader. */

/** Whether a date and time is one of the calendar (years 1-9999, leap days as they fall), 00:00:00 to 23:59:59. */
function isRealTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** WordPress stores non-ASCII slugs percent-encoded in lower case: decoded (any path segment too); one that does not decode stays as it is. */
export function decodeSlug(slug: string): string {
  if (!slug.includes('%')) return slug;
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/**
 * ISO 8601 in UTC with `Z`, whole seconds. WordPress sends `2025-11-28T04:54:00` with no
 * zone: the `_gmt` fields are UTC, and a local time (used when the GMT one is missing, as for
 * drafts) is taken as it stands. Values with an explicit zone are converted to UTC.
 * The zero date `0000-00-00T00:00:00` and anything unparseable give null.
 */
export function normalizeDate(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', zone] = m;
  if (y === '0000') return null;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? 'Z'}`;
  // In UTC and a real time of day (as every post's `_gmt` date is), the date is already written
  // as it would come out; Date.parse is there for zones and for whatever it may roll over.
  if ((zone === undefined || zone === 'Z') && isRealTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) return iso;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
