/** Values of WordPress fields as the typed post holds them, shared by every reader. */

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
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
