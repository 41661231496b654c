import { stringify as stringifyToml, TomlDate } from 'smol-toml';
import { Document, isScalar, parse as parseYaml, Scalar, visit } from 'yaml';
import type { FrontMatter } from './fields.js';

/** Front matter syntaxes. */
export type FrontMatterStyle = 'yaml' | 'toml' | 'none';
export const FRONT_MATTER_STYLES: readonly FrontMatterStyle[] = ['yaml', 'toml', 'none'];


/**
 * YAML front matter between `---` lines, written by the `yaml` library so that quotes,
 * colons, `---`, newlines and non-ASCII round-trip. Dates stay plain (`2025-11-28T04:54:00Z`)
 * so generators read them as timestamps.
 */
export function yamlFrontMatter({ values, dateKeys }: FrontMatter): string {
  const doc = new Document(values);
  // The YAML 1.2 core schema writes `yes`, `no`, `on`, `off`, `y`, `n` and `1:20` unquoted,
  // but YAML 1.1 parsers (Ruby's Psych under Jekyll, PyYAML) read them as booleans or numbers.
  // Quote every string that a 1.1 parser would not read back as the same string.
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (dateKeys.has(key)) return visit.SKIP;
      return undefined;
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && !readsBackUnderYaml11(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

/** The words YAML 1.1 reads as booleans or null; every other word that starts with a letter is a string. */
const YAML11_WORDS = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null'].flatMap((w) => [w, w[0]?.toUpperCase() + w.slice(1), w.toUpperCase()]),
);

function readsBackUnderYaml11(value: string): boolean {
  if (!/^[\w.:+-]+$/.test(value)) return true; // only bare words and numbers are at risk
  // Numbers, dates and `.inf` start with a digit, a sign or a dot: a word starting with a letter
  // is a string unless it is one of the words above (a parse per slug cost 5% of an archive).
  if (/^[A-Za-z_]/.test(value)) return !YAML11_WORDS.has(value);
  try {
    return parseYaml(value, { version: '1.1' }) === value;
  } catch {
    return true;
  }
}

/** TOML front matter between `+++` lines (Hugo's convention). Dates are TOML datetimes. */
export function tomlFrontMatter({ values, dateKeys }: FrontMatter): string {
  const table: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    table[key] = dateKeys.has(key) && typeof value === 'string' ? new TomlDate(value) : value;
  }
  return `+++\n${stringifyToml(table).replace(/\n*$/, '\n')}+++\n`;
}

export function renderFrontMatter(style: FrontMatterStyle, frontMatter: FrontMatter): string {
  switch (style) {
    case 'yaml':
      return yamlFrontMatter(frontMatter);
    case 'toml':
      return tomlFrontMatter(frontMatter);
    case 'none':
      return '';
  }
}
