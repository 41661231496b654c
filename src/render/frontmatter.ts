import { stringify as stringifyToml, TomlDate } from 'smol-toml';
import { Document, isScalar, parse as parseYaml, Scalar, visit } from 'yaml';
import type { FrontMatter, FrontMatterValue } from './fields.js';

/** Front matter syntaxes. */
export type FrontMatterStyle = 'yaml' | 'toml' | 'none';
export const FRONT_MATTER_STYLES: readonly FrontMatterStyle[] = ['yaml', 'toml', 'none'];


/**
 * A string YAML writes plain, for certain, and reads back as the same string under YAML 1.1
 * and 1.2: it does not start with an indicator, a quote, a digit or a sign (those could read as
 * numbers, dates or markup), holds no control characters, no `: ` or ` #`, no brackets or
 * braces, does not end in a space or `:`, and is not a word YAML 1.1 reads as a boolean or null.
 * A slug such as `10-things` is plain too. Nearly every title, slug, name, excerpt and link.
 */
// Without the u flag (all they name is in the first plane), they compile in a fraction of the time.
const PLAIN_START = /^[^\s\d\-?:,[\]{}#&*!|>'"%@`.+~\\]/;
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff[\]{}]|: |:$| #|\s$/;
/** A word of letters, digits and dashes that starts with a digit (`450-278`, `2024年度`): plain when both YAMLs read it as a string. */
const DIGIT_WORD = /^\d[\p{L}\p{N}-]*$/u;
/**
 * The characters of YAML 1.1 and 1.2 numbers and dates that a digit word can hold (`0x1F`,
 * `0o17`, `0b101`, `1e3`, `2024-01-05`): a digit word with any other (`10-things`, `2024年度`)
 * reads as a string under both, and only the others are parsed to find out.
 */
const NUMBER_LIKE = /^[\da-fA-FxXoO-]*$/;
/**
 * Digits and dashes (`457-9`, a numbered slug): a number under both YAMLs when all digits, a
 * date under YAML 1.1 when `YYYY-M-D`, a string otherwise, without asking the library.
 */
const digitsAndDashes = (value: string): boolean | null => (/^[\d-]+$/.test(value) ? !/^\d+$/.test(value) && !/^\d{4}-\d\d?-\d\d?$/.test(value) : null);
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const plainScalar = (value: string): boolean => {
  if (isDigit(value.charCodeAt(0)) && DIGIT_WORD.test(value)) {
    return !NUMBER_LIKE.test(value) || (digitsAndDashes(value) ?? (readsBackUnderYaml11(value) && parseYaml(value) === value));
  }
  return PLAIN_START.test(value) && !NOT_PLAIN.test(value) && !YAML11_WORDS.has(value);
};

/** One value as the `yaml` library writes it, for the values the fast path takes. */
function fastValue(value: FrontMatterValue, date: boolean): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean' || typeof value === 'number') return Number.isFinite(value) || typeof value === 'boolean' ? String(value) : null;
  if (typeof value === 'string') return (date && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value)) || plainScalar(value) ? value : null;
  return null;
}

/**
 * Front matter written directly when every value is one the `yaml` library writes plain (see
 * {@link plainScalar}): what nearly every post has, at a fraction of the cost of building a
 * YAML document. Null when a value needs the library.
 */
function fastYaml({ values, dateKeys }: FrontMatter): string | null {
  if (Object.keys(values).length === 0) return null;
  let out = '---\n';
  for (const [key, value] of Object.entries(values)) {
    if (!/^[a-z_]+$/i.test(key)) return null;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out += `${key}: []\n`;
        continue;
      }
      out += `${key}:\n`;
      for (const item of value) {
        const text = fastValue(item, false);
        if (text === null) return null;
        out += `  - ${text}\n`;
      }
      continue;
    }
    const text = fastValue(value, dateKeys.has(key));
    if (text === null) return null;
    out += `${key}: ${text}\n`;
  }
  return `${out}---\n`;
}

/**
 * YAML front matter between `---` lines, written by the `yaml` library so that quotes,
 * colons, `---`, newlines and non-ASCII round-trip (or directly, when every value is plain;
 * the same text, which a test holds to the library's). Dates stay plain
 * (`2025-11-28T04:54:00Z`) so generators read them as timestamps.
 */
export function yamlFrontMatter(frontMatter: FrontMatter): string {
  return fastYaml(frontMatter) ?? libraryYaml(frontMatter);
}

/** YAML front matter by the `yaml` library, for any values. */
export function libraryYaml({ values, dateKeys }: FrontMatter): string {
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
