import type { AnyNode, Element } from 'domhandler';

/** Inline elements whose runs read as one: `<em>a</em><em>b</em>` is `ab` in emphasis. */
const MERGEABLE = new Set(['em', 'i', 'strong', 'b', 'code', 'kbd', 'del', 's', 'strike', 'u', 'mark']);

/**
 * Merges runs of the same inline element that touch (no text between them) into one, before
 * conversion: Markdown would otherwise print `_a__b_` or `` `a``b` ``, which readers take
 * apart differently from the HTML. Only elements without attributes, so nothing is lost.
 */
export function mergeAdjacentInline(root: AnyNode): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!('children' in node)) continue;
    const children = node.children;
    for (let i = 0; i < children.length - 1; i++) {
      const a = children[i] as AnyNode;
      const b = children[i + 1] as AnyNode;
      if (!mergeable(a) || !mergeable(b) || a.name !== b.name) continue;
      for (const child of b.children) child.parent = a;
      a.children.push(...b.children);
      children.splice(i + 1, 1);
      a.next = b.next;
      if (b.next) b.next.prev = a;
      i--; // the merged element may touch the next one too
    }
    for (const child of children) stack.push(child);
  }
}

function mergeable(node: AnyNode): node is Element {
  return node.type === 'tag' && MERGEABLE.has(node.name) && Object.keys(node.attribs).length === 0;
}
