/**
 * Gives every h2–h4 an id (github-slugger, as GitHub and Astro do) and a visible "#" self-link
 * after its text, so readers can copy a link to any section.
 */
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import { toText } from 'hast-util-to-text';
import GithubSlugger from 'github-slugger';

const HEADINGS = new Set(['h2', 'h3', 'h4']);

/** The rehype plugin; see the module comment. */
export default function rehypeHeadingAnchors() {
  return (tree: Root) => {
    const slugger = new GithubSlugger();
    visit(tree, 'element', (node: Element) => {
      if (!HEADINGS.has(node.tagName)) return;
      const text = toText(node).trim();
      const id = typeof node.properties.id === 'string' ? node.properties.id : slugger.slug(text);
      node.properties.id = id;
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, 'aria-label': `Link to section: ${text}` },
        children: [{ type: 'text', value: '#' }],
      });
    });
  };
}
