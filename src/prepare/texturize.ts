/**
 * WordPress's wptexturize (wp-includes/formatting.php), which the_content, the_title and
 * the_excerpt run: straight quotes become curly, `--` a dash, `...` an ellipsis, `9x9` a times
 * sign; text inside `pre`, `code`, `kbd`, `style`, `script`, `tt` and the shortcodes WordPress
 * knows (their attributes) is left alone. The English defaults, as WordPress has them without
 * a translation.
 */

const SPACES = '[\\r\\n\\t ]|\\xA0|&nbsp;';
const OPEN_Q = '\u201C';
const CLOSE_Q = '\u201D';
const OPEN_SQ = '\u2018';
const CLOSE_SQ = '\u2019';
const APOS = '\u2019';
const PRIME = '\u2032';
const DOUBLE_PRIME = '\u2033';
// Stand-ins while quotes are decided, as WordPress uses HTML comments.
const OPEN_Q_FLAG = '\uE000oq\uE000';
const OPEN_SQ_FLAG = '\uE000osq\uE000';
const APOS_FLAG = '\uE000apos\uE000';

const COCKNEY = ["'tain't", "'twere", "'twas", "'tis", "'twill", "'til", "'bout", "'nuff", "'round", "'cause", "'em"];
const STATIC: ReadonlyArray<readonly [string, string]> = [
  ['...', '\u2026'],
  ['``', OPEN_Q],
  ["''", CLOSE_Q],
  [' (tm)', ' \u2122'],
  ...COCKNEY.map((word): [string, string] => [word, word.replaceAll("'", APOS)]),
];

const APOS_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`'(\\d\\d)'(?=$|[.,:;!?)}\\-\\]]|&gt;|${SPACES})`, 'g'), `${APOS_FLAG}$1${CLOSE_SQ}`],
  [new RegExp(`'(\\d\\d)"(?=$|[.,:;!?)}\\-\\]]|&gt;|${SPACES})`, 'g'), `${APOS_FLAG}$1${CLOSE_Q}`],
  [/'(?=\d\d(?:$|(?![%\d]|[.,]\d)))/g, APOS_FLAG],
  [new RegExp(`(?<=^|${SPACES})'(\\d[.,\\d]*)'`, 'g'), `${OPEN_SQ_FLAG}$1${CLOSE_SQ}`],
  [new RegExp(`(?<=^|[([{"\\-]|&lt;|${SPACES})'`, 'g'), OPEN_SQ_FLAG],
  [new RegExp(`(?<!${SPACES})'(?!$|[.,:;!?"'(){}[\\]\\-]|&[lg]t;|${SPACES})`, 'g'), APOS_FLAG],
];

const QUOTE_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`(?<=^|${SPACES})"(\\d[.,\\d]*)"`, 'g'), `${OPEN_Q_FLAG}$1${CLOSE_Q}`],
  [new RegExp(`(?<=^|[([{\\-]|&lt;|${SPACES})"(?!${SPACES})`, 'g'), OPEN_Q_FLAG],
];

const DASH_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/---/g, '\u2014'],
  [new RegExp(`(?<=^|${SPACES})--(?=$|${SPACES})`, 'g'), '\u2014'],
  [/(?<!xn)--/g, '\u2013'],
  [new RegExp(`(?<=^|${SPACES})-(?=$|${SPACES})`, 'g'), '\u2013'],
];

const apply = (text: string, rules: ReadonlyArray<readonly [RegExp, string]>): string => rules.reduce((out, [pattern, by]) => out.replace(pattern, by), text);

/** wptexturize_primes: which of the remaining quotes close a quotation and which are primes (9' or 9"). */
function primes(text: string, needle: "'" | '"', prime: string, openFlag: string, close: string): string {
  const flag = '\uE000pq\uE000';
  const quote = new RegExp(`${needle}(?=$|[.,:;!?)}\\-\\]]|&gt;|${SPACES})`, 'g');
  const primeAfterDigit = new RegExp(`(?<=\\d)${needle}`, 'g');
  return text
    .split(openFlag)
    .map((sentence, key) => {
      if (!sentence.includes(needle)) return sentence;
      let out = sentence;
      if (key !== 0 && !out.includes(close)) {
        const count = (out.match(quote) ?? []).length;
        out = out.replace(quote, flag);
        if (count > 1) {
          let replaced = 0;
          out = out.replace(new RegExp(`(?<!\\d)${flag}`, 'g'), () => (replaced++, close));
          if (replaced === 0) {
            const at = out.includes(`${flag}.`) ? out.lastIndexOf(`${flag}.`) : out.lastIndexOf(flag);
            out = out.slice(0, at) + close + out.slice(at + flag.length);
          }
          out = out.replace(primeAfterDigit, prime).replace(new RegExp(`(?<=\\d)${flag}`, 'g'), prime).replaceAll(flag, close);
        } else if (count === 1) out = out.replaceAll(flag, close).replace(primeAfterDigit, prime);
        else out = out.replace(primeAfterDigit, prime);
      } else out = out.replace(primeAfterDigit, prime).replace(quote, close);
      return needle === '"' ? out.replaceAll('"', close) : out;
    })
    .join(openFlag);
}

/** One run of text outside tags and shortcodes. */
function texturizeText(text: string): string {
  let out = STATIC.reduce((t, [from, to]) => t.replaceAll(from, to), text);
  if (out.includes("'")) out = primes(apply(out, APOS_RULES), "'", PRIME, OPEN_SQ_FLAG, CLOSE_SQ).replaceAll(APOS_FLAG, APOS).replaceAll(OPEN_SQ_FLAG, OPEN_SQ);
  if (out.includes('"')) out = primes(apply(out, QUOTE_RULES), '"', DOUBLE_PRIME, OPEN_Q_FLAG, CLOSE_Q).replaceAll(OPEN_Q_FLAG, OPEN_Q);
  if (out.includes('-')) out = apply(out, DASH_RULES);
  if (/(?<=\d)x\d/.test(out)) out = out.replace(/\b(\d(?:(?<=0)[\d.,]+|[\d.,]*))x(\d[\d.,]*)\b/g, '$1\u00D7$2');
  return out;
}

const NO_TEXTURIZE = new Set(['pre', 'code', 'kbd', 'style', 'script', 'tt']);

/** Tags, comments and anything shaped like a shortcode tag: the delimiters between texts. */
const SPLIT = /(<!--[\s\S]*?-->|<[^>]*>|\[\[?\/?[A-Za-z][\w-]*\b[^\[\]<>]*\]\]?)/;

/** Text and delimiters alternating, a bracketed text that is no known shortcode kept in its text. */
function splitKnown(html: string, known: (tag: string) => boolean): string[] {
  const parts = html.split(SPLIT);
  const out: string[] = [parts[0] ?? ''];
  for (let i = 1; i < parts.length; i += 2) {
    const part = parts[i] ?? '';
    const name = part.startsWith('[') ? (/^\[\[?\/?([A-Za-z][\w-]*)/.exec(part)?.[1] ?? '') : null;
    if (name !== null && !known(name)) out[out.length - 1] += part + (parts[i + 1] ?? '');
    else out.push(part, parts[i + 1] ?? '');
  }
  return out;
}

/**
 * Texturizes HTML (or plain text, which has no tags): tags, comments and the shortcodes
 * `known` takes (WordPress's registered ones) are delimiters, and nothing inside `pre`,
 * `code`, `kbd`, `style`, `script` or `tt` changes. A bracketed text that is no known
 * shortcode is text.
 */
export function texturize(html: string, known: (tag: string) => boolean = () => false): string {
  const open: string[] = [];
  return splitKnown(html, known)
    .map((part, i) => {
      if (i % 2 === 1) {
        const tag = /^<(\/?)([a-z][\w-]*)/i.exec(part);
        const name = tag?.[2]?.toLowerCase() ?? '';
        if (tag && NO_TEXTURIZE.has(name) && !part.endsWith('/>')) {
          if (tag[1] === '') open.push(name);
          else if (open.at(-1) === name) open.pop();
        }
        return part;
      }
      return part.trim() === '' || open.length > 0 ? part : texturizeText(part);
    })
    .join('');
}
