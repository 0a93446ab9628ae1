/**
 * The content layer rule, which oxlint cannot check (it does not read MDX): a chapter reaches the
 * models only through an island, so an .mdx file imports neither src/ml, src/node nor TF.js.
 */
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';

/** The rule's name, printed with each finding. */
export const MDX_RULE = 'layers/content-through-islands';

export interface MdxFinding {
  line: number;
  source: string;
  message: string;
}

interface EsNode {
  type: string;
  source?: { value?: unknown } | null;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

/** Every module specifier in an ESTree program (static imports, re-exports, dynamic import()) with its line. */
function specifiers(program: unknown): Array<{ source: string; line?: number }> {
  const out: Array<{ source: string; line?: number }> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const node = value as EsNode;
    if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration|ImportExpression)$/.test(node.type) && typeof node.source?.value === 'string') {
      out.push({ source: node.source.value, line: node.loc?.start.line });
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc' && key !== 'range') walk(child);
  };
  walk(program);
  return out;
}

/** True when `source`, imported from `file`, is TF.js or a module of src/ml or src/node under `root`. */
function reachesModels(source: string, file: string, root: string): boolean {
  if (source.startsWith('@tensorflow/')) return true;
  if (!source.startsWith('.') && !source.startsWith('/')) return false;
  const resolved = path.resolve(path.dirname(file), source);
  return ['src/ml', 'src/node'].some((dir) => resolved.startsWith(path.join(root, dir) + path.sep));
}

/** The imports of one .mdx source (at `file`, in the project at `root`) that break the content layer rule. */
export function mdxLayerFindings(source: string, file: string, root: string): MdxFinding[] {
  // Frontmatter is YAML, not MDX: blank it (lines kept) so the parser sees only the body.
  const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  const body = fm ? fm[0].replace(/[^\n]/g, ' ') + source.slice(fm[0].length) : source;
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(body);
  const findings: MdxFinding[] = [];
  visit(tree, (node) => {
    const estree = (node as { data?: { estree?: unknown } }).data?.estree;
    if (!estree) return;
    for (const { source: spec, line } of specifiers(estree)) {
      if (!reachesModels(spec, file, root)) continue;
      findings.push({
        line: line ?? node.position?.start.line ?? 1,
        source: spec,
        message: `imports '${spec}': a chapter reaches the models only through an island (src/islands/<name>/), never src/ml, src/node or TF.js directly`,
      });
    }
  });
  return findings;
}
