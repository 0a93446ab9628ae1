/**
 * Numbers display equations and turns `$\eqref{label}$` into links.
 *
 * - Every display (`$$ … $$`) becomes `<div class="equation" id="eq-…">` holding the formula and a
 *   self-link "(2.4)" (chapter order . position) in `<span class="eq-side">`, so each equation is linkable.
 * - `\label{id}` inside a display names its anchor `#eq-id` and is removed before KaTeX sees it.
 * - `$\eqref{id}$` in prose becomes `<a class="eqref" href="…#eq-id">(2.4)</a>`, across chapters too.
 * An unknown label fails the build with file and line.
 */
import path from 'node:path';
import type { Root, Link, Parent, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { indexContent, stripLabels, equationId, type EquationEntry } from './equationIndex.ts';

export interface RemarkEquationsOptions {
  /** Absolute path of the chapters folder (for cross-chapter references). */
  contentDir: string;
  /** Base path of the site ('/'), for links to other chapters. */
  base: string;
}

const EQREF = /^\s*\\eqref\{([^}]*)\}\s*$/;

/** Chapter order from Astro's frontmatter on the file, if present. */
function chapterOrder(file: VFile): number | undefined {
  const fm = (file.data as { astro?: { frontmatter?: { order?: unknown } } }).astro?.frontmatter;
  const order = Number(fm?.order);
  return Number.isInteger(order) ? order : undefined;
}

function where(file: VFile, node: { position?: { start: { line: number; column: number } } }): string {
  const p = node.position?.start;
  return `${file.path}${p ? `:${p.line}:${p.column}` : ''}`;
}

/** The remark plugin; see the module comment. */
export default function remarkEquations(options: RemarkEquationsOptions) {
  return (tree: Root, file: VFile) => {
    const global = indexContent(options.contentDir);
    const slug = path.basename(file.path ?? 'page').replace(/\.mdx?$/, '');
    const ownIndexEntry = [...global.values()].find((e) => path.resolve(e.file) === path.resolve(file.path ?? ''));
    const order = chapterOrder(file) ?? (ownIndexEntry ? Number(ownIndexEntry.number.split('.')[0]) : undefined);
    if (order === undefined) throw new Error(`${file.path}: frontmatter "order" is required to number equations`);

    // Pass 1: number this file's displays; wrap each in a linkable block.
    const local = new Map<string, EquationEntry>();
    let count = 0;
    visit(tree, 'math', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const { tex, labels } = stripLabels(node.value);
      if (labels.length > 1) throw new Error(`${where(file, node)}: an equation has more than one \\label`);
      count += 1;
      const number = `${order}.${count}`;
      const id = equationId(labels[0], number);
      node.value = tex;
      const code = (node.data as { hChildren?: Array<{ children: Array<{ value: string }> }> } | undefined)?.hChildren?.[0];
      if (code?.children[0]) code.children[0].value = tex;
      if (labels[0]) local.set(labels[0], { label: labels[0], number, id, slug, tex, file: file.path, line: node.position?.start.line ?? 0 });
      const selfLink: Link = {
        type: 'link',
        url: `#${id}`,
        children: [{ type: 'text', value: `(${number})` }],
        data: { hProperties: { className: ['eq-number'], 'aria-label': `Equation ${number}` } },
      };
      // The block is the horizontal scroller of a wide formula; its number sits in a sticky side
      // column, so it stays visible and keeps the scroller keyboard-reachable.
      const side = { type: 'equationSide', children: [selfLink], data: { hName: 'span', hProperties: { className: ['eq-side'] } } };
      const block = {
        type: 'equationBlock',
        children: [node, side],
        data: { hName: 'div', hProperties: { className: ['equation'], id } },
      } as unknown as RootContent;
      (parent as Parent).children[index] = block;
      return SKIP;
    });

    // Pass 2: resolve references.
    visit(tree, 'inlineMath', (node, index, parent) => {
      const match = EQREF.exec(node.value);
      if (!match || !parent || index === undefined) return;
      const label = match[1].trim();
      const target = local.get(label) ?? global.get(label);
      if (!target) throw new Error(`${where(file, node)}: \\eqref{${label}} names no equation (no display has \\label{${label}})`);
      const sameChapter = local.has(label);
      const trimmedBase = options.base.replace(/\/$/, '');
      const link: Link = {
        type: 'link',
        url: sameChapter ? `#${target.id}` : `${trimmedBase}/${target.slug}/#${target.id}`,
        children: [{ type: 'text', value: `(${target.number})` }],
        data: { hProperties: { className: ['eqref'], 'data-preview': 'equation' } },
      };
      (parent as Parent).children[index] = link;
      return SKIP;
    });
  };
}
