/**
 * Makes the named terms of an equation (`\htmlData{term=…}`, see terms.ts) reachable and readable:
 * - each term element gets `tabindex="0"`, the classes `term term-<slug>` (its colour, global.css)
 *   and a visually hidden name ("reconstruction term"), so focus lands on it and is announced;
 * - KaTeX hides its whole HTML rendering from assistive technology (the MathML half is read instead),
 *   and a focusable element may not sit inside aria-hidden. So in a formula with terms the hiding
 *   moves down: everything except the terms' names stays aria-hidden;
 * - the TeX annotation (Copy TeX, search) loses the marks, so it is plain LaTeX again.
 * Runs after rehype-katex. An unknown term never gets here: KaTeX's trust (terms.ts) rejects it.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { TERMS, isTermSlug, stripTermMarks } from './terms.ts';
import { classesOf } from './hastClasses.ts';

const classes = classesOf;
const isTerm = (el: Element): boolean => el.properties.dataTerm !== undefined;

function containsTerm(node: ElementContent): boolean {
  return node.type === 'element' && (isTerm(node) || node.children.some(containsTerm));
}

function hidden(node: ElementContent): ElementContent {
  if (node.type === 'element') {
    node.properties.ariaHidden = 'true';
    return node;
  }
  if (node.type === 'text' && node.value.trim() === '') return node;
  return { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [node] };
}

/** Gives a term element its focus stop, colour classes and hidden name; hides its rendered glyphs. */
function enhanceTerm(el: Element): void {
  const slug = String(el.properties.dataTerm);
  if (!isTermSlug(slug)) throw new Error(`rehypeTerms: data-term="${slug}" is not a known term`);
  el.properties.className = [...classes(el), 'term', `term-${slug}`];
  el.properties.tabIndex = 0;
  const name: Text = { type: 'text', value: TERMS[slug].name };
  el.children = [{ type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [name] }, ...el.children.map(hidden)];
}

/** Hides every subtree of `el` that holds no term, and enhances the terms. */
function hideAround(el: Element): void {
  el.children = el.children.map((child) => {
    if (child.type === 'element' && isTerm(child)) {
      enhanceTerm(child);
      return child;
    }
    if (child.type === 'element' && containsTerm(child)) {
      hideAround(child);
      return child;
    }
    return hidden(child);
  });
}

/** The rehype plugin; see the module comment. */
export default function rehypeTerms() {
  return (tree: Root) => {
    visit(tree, 'element', (el: Element) => {
      if (!classes(el).includes('katex')) return;
      if (!el.children.some(containsTerm)) return SKIP;
      visit(el, 'element', (inner: Element) => {
        const cls = classes(inner);
        if (cls.includes('katex-html')) {
          delete inner.properties.ariaHidden;
          hideAround(inner);
          return SKIP;
        }
        if (inner.tagName === 'annotation' && inner.properties.encoding === 'application/x-tex') {
          for (const t of inner.children) if (t.type === 'text') t.value = stripTermMarks(t.value);
        }
      });
      return SKIP;
    });
  };
}
