/**
 * Keeps inline math from breaking badly across lines (issue 10):
 * - punctuation right after a formula (". ", ", ", ")") is bound to it, so no line starts with it;
 * - a KaTeX break point right after an opening bracket ("[ −" | "1/L ∑ …]") is removed, by binding
 *   the part that ends with the bracket (and a sign) to the part after it.
 * Both wrap the pieces in `<span class="nowrap">` (white-space: nowrap); display math is left alone.
 */
import type { Root, Element, ElementContent } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { classesOf } from './hastClasses.ts';

const LEADING_PUNCTUATION = /^[.,;:!?)\]’”…]+/;

const classes = classesOf;
const nowrap = (children: ElementContent[]): Element => ({ type: 'element', tagName: 'span', properties: { className: ['nowrap'] }, children });

// KaTeX 0.19 prefixes its classes (katex-base); 0.16 did not (base).
const isBase = (node: ElementContent | undefined) => !!node && classes(node).some((c) => c === 'base' || c === 'katex-base');
const text = (node: ElementContent): string => (node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(text).join('') : '');

/**
 * True when a part ends with an opening bracket (and maybe a sign): "[ −" must not end a line. A part
 * that merely holds an open bracket is left alone, so a long bracketed formula can still break.
 */
function endsOpen(node: ElementContent): boolean {
  return /[([{⟨][−+-]?$/.test(text(node).replace(/[\s\u200b]/g, ''));
}

/** In one inline formula's `.katex-html`, joins each `.base` that leaves a bracket open with the next one. */
export function bindOpenBrackets(katexHtml: Element): void {
  const out: ElementContent[] = [];
  const kids = katexHtml.children;
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i];
    const next = kids[i + 1];
    if (isBase(node) && isBase(next) && endsOpen(node)) {
      out.push(nowrap([node, next!]));
      i += 1;
    } else out.push(node);
  }
  katexHtml.children = out;
}

/** The rehype plugin (after rehype-katex); see the module comment. */
export default function rehypeInlineMathBreaks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!classes(node).includes('katex-display') && classes(node).includes('katex') && parent && index !== undefined) {
        const html = node.children.find((c): c is Element => classes(c).includes('katex-html'));
        if (html) bindOpenBrackets(html);
        const after = parent.children[index + 1];
        const punct = after?.type === 'text' ? LEADING_PUNCTUATION.exec(after.value)?.[0] : undefined;
        if (after?.type === 'text' && punct) {
          after.value = after.value.slice(punct.length);
          parent.children.splice(index, 1, nowrap([node, { type: 'text', value: punct }]));
        }
        return SKIP;
      }
      if (classes(node).includes('katex-display')) return SKIP;
    });
  };
}
