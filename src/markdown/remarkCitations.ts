/**
 * Citations: `[@key]` or `[@a; @b]` in prose become links to the chapter's reference list, which
 * this plugin appends as a "References" section holding exactly the cited entries, in order of
 * first citation. An unknown key fails the build with file and line.
 */
import type { Root, Text, PhrasingContent, Parent, RootContent, ListItem } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import type { Reference } from '../data/references.ts';

export interface RemarkCitationsOptions {
  references: Record<string, Reference>;
}

const CITATION = /\[((?:\s*@[\w-]+\s*;?)+)\]/g;

/** The remark plugin; see the module comment. */
export default function remarkCitations({ references }: RemarkCitationsOptions) {
  return (tree: Root, file: VFile) => {
    const cited: string[] = [];
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !CITATION.test(node.value)) return;
      CITATION.lastIndex = 0;
      const out: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(CITATION)) {
        const keys = match[1].split(';').map((k) => k.trim().replace(/^@/, ''));
        out.push({ type: 'text', value: node.value.slice(last, match.index) + '(' });
        keys.forEach((key, i) => {
          const ref = references[key];
          if (!ref) {
            const p = node.position?.start;
            throw new Error(`${file.path}${p ? `:${p.line}:${p.column}` : ''}: unknown citation key "@${key}" (add it to src/data/references.ts)`);
          }
          if (!cited.includes(key)) cited.push(key);
          if (i > 0) out.push({ type: 'text', value: '; ' });
          out.push({
            type: 'link',
            url: `#ref-${key}`,
            children: [{ type: 'text', value: ref.label }],
            data: { hProperties: { className: ['cite'], 'data-preview': 'reference' } },
          });
        });
        out.push({ type: 'text', value: ')' });
        last = match.index + match[0].length;
      }
      out.push({ type: 'text', value: node.value.slice(last) });
      (parent as Parent).children.splice(index, 1, ...out.filter((n) => n.type !== 'text' || n.value !== ''));
      return SKIP;
    });
    if (cited.length === 0) return;
    const items: ListItem[] = cited.map((key) => {
      const ref = references[key];
      return {
        type: 'listItem',
        data: { hProperties: { id: `ref-${key}` } },
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: `${ref.authors}. ` },
              { type: 'link', url: ref.url, children: [{ type: 'emphasis', children: [{ type: 'text', value: ref.title }] }] },
              { type: 'text', value: `. ${ref.venue}.` },
            ],
          },
        ],
      };
    });
    tree.children.push(
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'References' }] } as RootContent,
      { type: 'list', ordered: false, spread: false, data: { hProperties: { className: ['references'] } }, children: items } as RootContent,
    );
  };
}
