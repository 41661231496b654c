import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * HTML that Markdown cannot hold (a table whose cells hold blocks, a reversed list), written as
 * JSX for MDX: every element closed (`<br />`), attributes under their React names (`className`,
 * `colSpan`), a `style` as an object, and text whose `{`, `}`, `<` and `>` would be read as code
 * written as expressions (`{"{"}`). MDX reads the result as the same elements.
 */

/** Elements that have no end tag in HTML. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** HTML attribute names that JSX spells otherwise. */
const JSX_NAMES: Readonly<Record<string, string>> = {
  class: 'className',
  for: 'htmlFor',
  colspan: 'colSpan',
  rowspan: 'rowSpan',
  tabindex: 'tabIndex',
  srcset: 'srcSet',
  datetime: 'dateTime',
  crossorigin: 'crossOrigin',
  allowfullscreen: 'allowFullScreen',
  frameborder: 'frameBorder',
  readonly: 'readOnly',
  maxlength: 'maxLength',
  cellpadding: 'cellPadding',
  cellspacing: 'cellSpacing',
  usemap: 'useMap',
  accesskey: 'accessKey',
  contenteditable: 'contentEditable',
};

/** Characters of text that JSX would read as code, as expressions. */
export function jsxText(text: string): string {
  return text.replace(/[{}<>]/g, (c) => `{${JSON.stringify(c)}}`);
}

/** A `style` attribute as a JSX object literal (`{{ textAlign: "center" }}`). */
function styleObject(style: string): string {
  const entries = style
    .split(';')
    .map((declaration) => declaration.split(':'))
    .filter(([property, ...value]) => property?.trim() && value.join(':').trim())
    .map(([property = '', ...value]) => {
      const name = property.trim().startsWith('--') ? JSON.stringify(property.trim()) : property.trim().toLowerCase().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      return `${name}: ${JSON.stringify(value.join(':').trim())}`;
    });
  return `{{ ${entries.join(', ')} }}`;
}

function attribute(name: string, value: string): string {
  const jsxName = JSX_NAMES[name] ?? (name.startsWith('data-') || name.startsWith('aria-') ? name : name.replace(/[^A-Za-z0-9_-]/g, ''));
  if (jsxName === '') return '';
  if (name === 'style') return ` style=${styleObject(value)}`;
  // `reversed`, `open`, `hidden`…: present means true, which JSX writes as the bare name.
  if (value === '' || value.toLowerCase() === name) return ` ${jsxName}`;
  // A plain string when nothing in it needs care, else a string expression.
  return /^[^"&{}<>\\]*$/.test(value) ? ` ${jsxName}="${value}"` : ` ${jsxName}={${JSON.stringify(value)}}`;
}

function node(n: AnyNode): string {
  if (n.type === 'text') return jsxText((n as unknown as { data: string }).data);
  if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') return ''; // comments and the like
  const element = n as Element;
  const attributes = Object.entries(element.attribs).map(([name, value]) => attribute(name, value)).join('');
  if (VOID.has(element.name)) return `<${element.name}${attributes} />`;
  return `<${element.name}${attributes}>${element.children.map(node).join('')}</${element.name}>`;
}

/** HTML as the same elements in JSX. */
export function htmlToJsx(html: string): string {
  return parseDocument(html).children.map(node).join('');
}

/** MDX reads `{`, `}` and `<` in text as code: each one not escaped yet gets a backslash. */
export function escapeForMdx(text: string): string {
  let out = '';
  let backslashes = 0;
  for (const c of text) {
    if ((c === '{' || c === '}' || c === '<') && backslashes % 2 === 0) out += '\\';
    backslashes = c === '\\' ? backslashes + 1 : 0;
    out += c;
  }
  return out;
}
