import render from 'dom-serializer';
import { Element, Text, type AnyNode, type Document } from 'domhandler';
import { replaceElement, textContent } from 'domutils';
import { compiledSelector } from '../html/index.js';

/**
 * A DOM view of the tree the cleaners leave (domhandler nodes, from htmlparser2), for turndown
 * and the Markdown rules. turndown accepts "an element node" as well as a string; given a
 * string, it parses the HTML again with its own DOM (domino), which cost about 40% of its time.
 * Handing it this view instead means each post is parsed once, by htmlparser2.
 *
 * The view implements the part of the DOM that turndown and the rules use, and no more; the
 * interfaces below say exactly which. Reads and writes go through to the domhandler nodes, so
 * what turndown changes (it collapses white space in place) is seen by both.
 */
export interface DomNode {
  readonly nodeType: number;
  /** Upper case for elements (`P`), `#text` for text, `#comment`, `#document`. */
  readonly nodeName: string;
  /** The text of a text or comment node; null for elements. Writable, as turndown needs. */
  nodeValue: string | null;
  data: string;
  readonly textContent: string;
  readonly parentNode: DomElement | null;
  readonly childNodes: DomNode[];
  readonly firstChild: DomNode | null;
  readonly lastChild: DomNode | null;
  readonly previousSibling: DomNode | null;
  readonly nextSibling: DomNode | null;
  /** The root of the tree the node is in: the whole fragment. */
  readonly ownerDocument: DomElement;
  cloneNode(deep?: boolean): DomNode;
  removeChild(child: DomNode): DomNode;
}

/** An element (or the fragment's document node) in the view. */
export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: DomElement[];
  readonly lastElementChild: DomElement | null;
  readonly attributes: ReadonlyArray<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): DomElement[];
  getElementsByTagName(tagName: string): DomElement[];
  cloneNode(deep?: boolean): DomElement;
  readonly outerHTML: string;
}

const NODE_TYPES: Readonly<Record<string, number>> = {
  tag: 1,
  script: 1,
  style: 1,
  text: 3,
  // In HTML, <![CDATA[ ]]> is a comment; turndown drops both.
  cdata: 8,
  comment: 8,
  directive: 7,
  root: 9,
};

/** Serialised as the cleaned HTML is: UTF-8 text, only what HTML requires escaped. */
const SERIALIZE = { decodeEntities: true, encodeEntities: 'utf8' } as const;

/** Finds descendants of `node` that pass `test`, in document order, without recursion. */
function descendants(node: AnyNode, test: (element: Element) => boolean, first = false): Element[] {
  const found: Element[] = [];
  if (!('children' in node)) return found;
  const stack: AnyNode[] = [];
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode;
    if (current.type === 'tag' || current.type === 'script' || current.type === 'style') {
      if (test(current as Element)) {
        found.push(current as Element);
        if (first) return found;
      }
    }
    if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as AnyNode);
  }
  return found;
}

/**
 * One view per domhandler node, so that what turndown writes on a node (`isBlock`, `isCode`,
 * `flankingWhitespace`) is there when it reads it back through a child's `parentNode`.
 */
class ViewTree {
  private readonly views = new Map<AnyNode, View>();
  /** Parents whose `children` arrays still hold nodes removed through `removeChild`. */
  private readonly dirty = new Set<AnyNode & { children: AnyNode[] }>();

  /**
   * turndown removes the white space between blocks one text node at a time; splicing each out
   * of a `children` array of 20,000 paragraphs made a large post quadratic. Removal unlinks the
   * node at once and leaves the array to be compacted here, before anything walks it.
   */
  removed(parent: AnyNode & { children: AnyNode[] }): void {
    this.dirty.add(parent);
  }

  settle(): void {
    if (this.dirty.size === 0) return;
    for (const parent of this.dirty) parent.children = parent.children.filter((child) => child.parent === parent);
    this.dirty.clear();
  }

  view(node: AnyNode): View;
  view(node: AnyNode | null): View | null;
  view(node: AnyNode | null): View | null {
    if (node === null) return null;
    let view = this.views.get(node);
    if (view === undefined) {
      view = new View(node, this);
      this.views.set(node, view);
    }
    return view;
  }
}

function nameOf(node: AnyNode): string {
  switch (node.type) {
    case 'tag':
    case 'script':
    case 'style':
      return (node as Element).name.toUpperCase();
    case 'text':
      return '#text';
    case 'root':
      return '#document';
    default:
      return '#comment';
  }
}

class View implements DomElement {
  /** Read for every node by every rule's filter, so computed once. */
  readonly nodeType: number;
  readonly nodeName: string;

  constructor(
    /** The domhandler node behind the view. */
    readonly source: AnyNode,
    private readonly tree: ViewTree,
  ) {
    this.nodeType = NODE_TYPES[source.type] ?? 8;
    this.nodeName = nameOf(source);
  }

  get tagName(): string {
    return this.nodeName;
  }

  get nodeValue(): string | null {
    return 'data' in this.source ? this.source.data : null;
  }

  set nodeValue(value: string | null) {
    if ('data' in this.source) this.source.data = value ?? '';
  }

  get data(): string {
    return 'data' in this.source ? this.source.data : '';
  }

  set data(value: string) {
    if ('data' in this.source) this.source.data = value;
  }

  get textContent(): string {
    this.tree.settle();
    return this.source.type === 'comment' ? this.source.data : textContent(this.source);
  }

  get parentNode(): View | null {
    return this.tree.view(this.source.parent);
  }

  get childNodes(): View[] {
    this.tree.settle();
    return 'children' in this.source ? this.source.children.map((child) => this.tree.view(child)) : [];
  }

  get children(): View[] {
    this.tree.settle();
    if (!('children' in this.source)) return [];
    const out: View[] = [];
    for (const child of this.source.children) if (child.type === 'tag' || child.type === 'script' || child.type === 'style') out.push(this.tree.view(child));
    return out;
  }

  get firstChild(): View | null {
    // Without settling: turndown asks for it at every step of its white-space pass.
    if (!('children' in this.source)) return null;
    const parent = this.source;
    return this.tree.view(parent.children.find((child) => child.parent === parent) ?? null);
  }

  get lastChild(): View | null {
    if (!('children' in this.source)) return null;
    const parent = this.source;
    return this.tree.view(parent.children.findLast((child) => child.parent === parent) ?? null);
  }

  get lastElementChild(): View | null {
    return this.children.at(-1) ?? null;
  }

  get previousSibling(): View | null {
    return this.tree.view(this.source.prev);
  }

  get nextSibling(): View | null {
    return this.tree.view(this.source.next);
  }

  get ownerDocument(): View {
    let top: AnyNode = this.source;
    while (top.parent) top = top.parent;
    return this.tree.view(top);
  }

  get attributes(): Array<{ name: string; value: string }> {
    const attribs = (this.source as Element).attribs ?? {};
    return Object.keys(attribs).map((name) => ({ name, value: attribs[name] ?? '' }));
  }

  getAttribute(name: string): string | null {
    return (this.source as Element).attribs?.[name.toLowerCase()] ?? null;
  }

  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }

  removeAttribute(name: string): void {
    const attribs = (this.source as Element).attribs;
    if (attribs) delete attribs[name.toLowerCase()];
  }

  setAttribute(name: string, value: string): void {
    const attribs = (this.source as Element).attribs;
    if (attribs) attribs[name.toLowerCase()] = value;
  }

  querySelector(selector: string): View | null {
    this.tree.settle();
    const test = compiledSelector(selector);
    return this.tree.view(descendants(this.source, test, true)[0] ?? null);
  }

  querySelectorAll(selector: string): View[] {
    this.tree.settle();
    return descendants(this.source, compiledSelector(selector)).map((element) => this.tree.view(element));
  }

  getElementsByTagName(tagName: string): View[] {
    this.tree.settle();
    const name = tagName.toLowerCase();
    return descendants(this.source, (element) => name === '*' || element.name === name).map((element) => this.tree.view(element));
  }

  cloneNode(deep = false): View {
    this.tree.settle();
    return new ViewTree().view(this.source.cloneNode(deep));
  }

  removeChild(child: DomNode): DomNode {
    const node = (child as View).source;
    const parent = this.source;
    if (node.parent !== parent || !('children' in parent)) return child;
    if (node.prev) node.prev.next = node.next;
    if (node.next) node.next.prev = node.prev;
    node.parent = null;
    node.prev = null;
    node.next = null;
    this.tree.removed(parent);
    return child;
  }

  get outerHTML(): string {
    this.tree.settle();
    return render(this.source, SERIALIZE);
  }
}

/** The DOM view of a domhandler node (an element or a document). */
export function domView(node: Element | Document): DomElement {
  return new ViewTree().view(node);
}

/**
 * Replaces an element of a view (a copy the rules made) by a link to `href` showing `text`, or
 * by the text alone when `href` is null. Not a DOM method: the view creates no elements else.
 */
export function replaceWithLink(node: DomElement, href: string | null, text: string): void {
  const source = (node as View).source as Element;
  const replacement = href === null ? new Text(text) : new Element('a', { href }, [new Text(text)]);
  if (replacement instanceof Element) for (const child of replacement.children) child.parent = replacement;
  replaceElement(source, replacement);
}
