/**
 * Turns one .astro file into plain TypeScript sources that oxlint can check for unused variables,
 * which it skips inside .astro files (it cannot see the template that uses frontmatter bindings).
 * Each source keeps the original's offsets (everything else blanked to spaces, newlines kept), so
 * a finding's line and column are the .astro file's own.
 * - frontmatter: its code, then `void [names…]` with every name the template reads (component tags,
 *   `{expressions}`, attribute values), so only bindings the template does not use stay unused;
 * - each <script>: its code alone (the template cannot reach a script's bindings).
 */
import { parse } from '@astrojs/compiler-rs';

export interface AstroSource {
  /** 'frontmatter' or 'script-N' (N counts the file's <script> blocks from 0). */
  part: string;
  code: string;
}

interface Node {
  type?: string;
  start?: number;
  end?: number;
  [key: string]: unknown;
}

/** Source with every character outside [start, end) replaced by a space, line breaks kept. */
function keepRange(source: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  return blank(source.slice(0, start)) + source.slice(start, end) + blank(source.slice(end));
}

/** Names the template reads, and the code ranges of its <script> blocks, in document order. */
function walkTemplate(body: unknown): { names: Set<string>; scripts: Array<{ start: number; end: number }> } {
  const names = new Set<string>();
  const scripts: Array<{ start: number; end: number }> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    if (node.type === 'AstroScript') {
      const program = node.program as Node;
      scripts.push({ start: program.start!, end: program.end! });
      return;
    }
    if (node.type === 'MetaProperty') return; // `import.meta` reads no variable
    if (node.type === 'Identifier') names.add(node.name as string);
    for (const [key, child] of Object.entries(node)) {
      // Property names are not variables: `a.b`, `{ b: 1 }` and `<x b="…">` read no `b`.
      if (key === 'property' && node.type === 'MemberExpression' && !node.computed) continue;
      if (key === 'key' && node.type === 'Property' && !node.computed) continue;
      if (key === 'name' && node.type === 'JSXAttribute') continue;
      if (key === 'closingElement') continue;
      if (key === 'name' && node.type === 'JSXOpeningElement') {
        // A capitalized or dotted tag is a component (a binding); a lower-case one is an HTML element.
        let tag = child as Node;
        while (tag.type === 'JSXMemberExpression') tag = tag.object as Node;
        const dotted = (child as Node).type === 'JSXMemberExpression';
        if (tag.type === 'JSXIdentifier' && (dotted || /^[A-Z]/.test(tag.name as string))) names.add(tag.name as string);
        continue;
      }
      visit(child);
    }
  };
  visit(body);
  return { names, scripts };
}

/** The lintable TypeScript sources of an .astro file (see the module comment); throws on a parse error. */
export function astroSources(source: string, file: string): AstroSource[] {
  const { ast, diagnostics } = parse(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${file}: the Astro compiler cannot parse it: ${errors.map((d) => d.text).join('; ')}`);
  const { names, scripts } = walkTemplate(ast.body);
  const out: AstroSource[] = [];
  const frontmatter = ast.frontmatter?.program as Node | undefined;
  if (frontmatter) {
    const code = keepRange(source, frontmatter.start!, frontmatter.end!);
    const uses = names.size > 0 ? `\nvoid [${[...names].join(', ')}];` : '';
    // Astro reads `Props` to type Astro.props, so declaring it is a use.
    const props = /\b(interface|type)\s+Props\b/.test(code) ? '\nexport type AstroPropsUse = Props;' : '';
    out.push({ part: 'frontmatter', code: code + uses + props + '\n' });
  }
  scripts.forEach((range, i) => out.push({ part: `script-${i}`, code: keepRange(source, range.start, range.end) }));
  return out;
}
