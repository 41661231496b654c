import { canClose, canOpen, firstChar, lastChar } from '../flanking.js';
import { isSafeLink } from '../../url-safety.js';
import { hugoSafeCode } from '../hugo.js';
import { fence } from './code.js';
import { destination } from './media.js';
import { closest, hasClass, preformattedText, type DomElement, type DomNode, type MarkdownRule } from './types.js';

/** Elements that stay within a line of text. */
export const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR']);

/** The characters the Markdown of these elements starts and ends with: punctuation. */
const MARKUP_EDGES: Readonly<Record<string, string>> = { A: '[)', IMG: '!)', CODE: '``', SUP: '<>', SUB: '<>' };

/** What a node shows at its start or end in the Markdown: its text, or the markup around it. */
function shownText(node: DomNode, side: 0 | 1): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const edges = MARKUP_EDGES[node.nodeName];
  if (edges) return edges[side] ?? '';
  return node.textContent;
}

/**
 * The character shown next to a node in its line, on one side (undefined at the start or end
 * of a line): the nearest text of its siblings, or of its inline ancestors' siblings.
 */
function charBeside(node: DomNode, side: 'before' | 'after'): string | undefined {
  const step = side === 'before' ? 'previousSibling' : 'nextSibling';
  for (let current: DomNode | null = node; current; current = current.parentNode) {
    for (let sibling = current[step]; sibling; sibling = sibling[step]) {
      if (sibling.nodeName === 'BR') return undefined;
      const text = shownText(sibling, side === 'before' ? 1 : 0);
      if (text !== '') return side === 'before' ? lastChar(text) : firstChar(text);
    }
    if (!current.parentNode || !INLINE.has(current.parentNode.nodeName)) return undefined;
  }
  return undefined;
}

/** Prose punctuation (full-width CJK punctuation too) that may stand outside the delimiters without changing what is read. */
const LEADING = /^(?:[.,:;?"'“”‘’«»…–—：，。！？、；《》「」『』（）【】〈〉〔〕]|!(?!\[))+\s*/u;
const TRAILING = /\s*[.,:;?!"'“”‘’«»…–—：，。！？、；《》「」『』（）【】〈〉〔〕]+$/u;

/**
 * Wraps converted content in the first of `marks` that CommonMark reads as emphasis here
 * (`_` cannot open or close inside a word, `*` can). White space at the edges goes outside the
 * delimiters; where no delimiter fits, prose punctuation at the edges goes outside too
 * (`**Note:**text` becomes `**Note**:text`). Where still none fits (`a<b>-b-</b>c`), the
 * emphasis is written as HTML, which CommonMark reads anywhere: never dropped, never stray marks.
 */
export function delimit(content: string, node: DomNode, marks: ReadonlyArray<'_' | '*' | '**'>): string {
  if (content.trim() === '') return content;
  const [ownLead, ownTrail] = [/^\s*/.exec(content)?.[0] ?? '', /\s*$/.exec(content)?.[0] ?? ''];
  let [lead, trail] = [ownLead, ownTrail];
  let inner = content.slice(lead.length, content.length - trail.length);
  const html = `${ownLead}<${marks[0] === '**' ? 'strong' : 'em'}>${inner}</${marks[0] === '**' ? 'strong' : 'em'}>${ownTrail}`;
  // turndown moves an element's own white space at its edges outside its Markdown: that is
  // what stands beside the delimiters then.
  const text = node.textContent;
  const spaceBefore = /^\s/.test(text) ? ' ' : undefined;
  const spaceAfter = /\s$/.test(text) ? ' ' : undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = lead === '' ? (spaceBefore ?? charBeside(node, 'before')) : lastChar(lead);
    const after = trail === '' ? (spaceAfter ?? charBeside(node, 'after')) : firstChar(trail);
    for (const mark of marks) {
      const m = mark[0] as '*' | '_';
      if (canOpen(m, before, firstChar(inner)) && canClose(m, lastChar(inner), after)) return `${lead}${mark}${edgesEscaped(inner, m)}${mark}${trail}`;
    }
    const head = LEADING.exec(inner)?.[0] ?? '';
    const tail = TRAILING.exec(inner.slice(head.length))?.[0] ?? '';
    if ((head === '' && tail === '') || head.length + tail.length >= inner.length) break;
    lead += head;
    trail = tail + trail;
    inner = inner.slice(head.length, inner.length - tail.length);
  }
  return html;
}

/**
 * The text of emphasis with a literal delimiter character at either edge escaped: beside the
 * delimiters it would join their run (`**9 ***`) and change what is emphasised.
 */
function edgesEscaped(inner: string, mark: '*' | '_'): string {
  let out = inner.startsWith(mark) ? `\\${inner}` : inner;
  // At the end, unless backslashes already escape it (an odd run of them before it).
  const end = /(\\*)([*_])$/.exec(out);
  if (end && end[2] === mark && (end[1] ?? '').length % 2 === 0 && out.length > 1) out = `${out.slice(0, -1)}\\${mark}`;
  return out;
}

/** Whether an ancestor already gives this emphasis (`<strong>` inside `<b>`). */
function insideSame(node: DomNode, names: readonly string[]): boolean {
  for (let current = node.parentNode; current; current = current.parentNode) if (names.includes(current.nodeName)) return true;
  return false;
}

/** Whether a node is in a caption, which the caption rule sets in emphasis once, whatever emphasis it holds. */
function inCaption(node: DomNode): boolean {
  for (let current = node.parentNode; current; current = current.parentNode) {
    if (current.nodeName === 'FIGCAPTION' || hasClass(current, 'wp-caption-text')) return closest(current.parentNode, 'BLOCKQUOTE') === null;
  }
  return false;
}

const EMPHASIS = ['EM', 'I'] as const;
const STRONG = ['STRONG', 'B'] as const;

export const inlineRules: MarkdownRule[] = [
  {
    name: 'emphasis',
    description: '<em> and <i> become _text_, or *text* where CommonMark cannot read _ (inside a word); nested ones, and those in a caption (already in emphasis), once',
    filter: [...EMPHASIS].map((name) => name.toLowerCase()),
    replacement: (content, node) => (insideSame(node, EMPHASIS) || inCaption(node) ? content : delimit(content, node, ['_', '*'])),
  },
  {
    name: 'strong',
    description: '<strong> and <b> become **text**, with the delimiters placed where CommonMark reads them; nested ones once',
    filter: [...STRONG].map((name) => name.toLowerCase()),
    replacement: (content, node) => (insideSame(node, STRONG) ? content : delimit(content, node, ['**'])),
  },
];

/** A code span for text: a backtick fence longer than any run inside, padded where CommonMark needs it. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  if (flat.trim() === '') return flat;
  let fence = '`';
  while (flat.includes(fence)) fence += '`';
  const pad = /^`|`$|^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const CODE_LIKE = new Set(['CODE', 'KBD', 'TT', 'SAMP']);

/** The lines of code written with `<br>`: each `<br>` a line end, the source newline after it not another. */
function brokenLines(node: DomNode): string {
  return preformattedText(node)
    .replace(/\n\r?\n(?=[ \t]*\S)/g, '\n')
    .replace(/^\n+|\n+$/g, '');
}
const struck = (node: DomNode): boolean => node.nodeType === 1 && /text-decoration(-line)?\s*:[^;]*line-through/i.test((node as DomElement).getAttribute('style') ?? '');

/** Inline elements whose meaning Markdown can keep: code-like text, quotations, variables, struck-through spans. */
export const meaningRules: MarkdownRule[] = [
  {
    name: 'inline-code',
    description: '<code>, <kbd>, <tt> and <samp> outside <pre> become code spans of their text (a link around the whole text goes around the span); one holding <br> is a code block',
    filter: (node) => CODE_LIKE.has(node.nodeName) && closest(node.parentNode, 'PRE') === null && !insideSame(node, [...CODE_LIKE]),
    replacement: (_content, node, context) => {
      const text = (code: string): string => (context.hugo ? hugoSafeCode(code) : code);
      if (node.querySelector('br')) return fence(text(brokenLines(node)), '');
      // `<code><a href>f()</a></code>`: the link goes around the code span.
      const links = node.querySelectorAll('a[href]');
      const link = links.length === 1 ? links[0] : undefined;
      const href = link?.getAttribute('href') ?? '';
      if (link && link.textContent.trim() === node.textContent.trim() && isSafeLink(href)) return `[${codeSpan(text(node.textContent))}](${destination(href)})`;
      return codeSpan(text(node.textContent));
    },
  },
  {
    name: 'quotation',
    description: '<q> keeps its quotation marks (“…”)',
    filter: 'q',
    replacement: (content) => (content.trim() === '' ? content : `\u201C${content}\u201D`),
  },
  {
    name: 'variable',
    description: '<var> is set in emphasis, as browsers show it',
    filter: 'var',
    replacement: (content, node) => delimit(content, node, ['_', '*']),
  },
  {
    name: 'struck-span',
    description: 'a span styled text-decoration: line-through becomes ~~text~~',
    filter: (node) => node.nodeName === 'SPAN' && struck(node),
    replacement: (content) => (content.trim() === '' ? content : `~~${content}~~`),
  },
];
