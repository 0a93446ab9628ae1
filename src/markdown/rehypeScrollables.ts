/**
 * Wraps tables in a horizontally scrollable container, so a wide table scrolls inside the page
 * on a 360 px phone instead of widening the whole page.
 */
import type { Root, Element } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

/** The rehype plugin; see the module comment. */
export default function rehypeScrollables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'] },
        children: [node],
      };
      return SKIP;
    });
  };
}
