/**
 * The numbers and anchors of every display equation of every chapter, computed from the sources.
 *
 * Why a separate index: a chapter may cite an equation of another chapter ($\eqref{elbo-definition}$),
 * but a remark plugin sees one file at a time. The index parses each chapter with the same
 * micromark extensions the build uses, so its numbering is exactly the numbering the build assigns.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import { load as loadYaml } from 'js-yaml';

export interface EquationEntry {
  /** The `\label{...}` id, or undefined for an unlabelled display. */
  label?: string;
  /** "2.4": chapter order, then the display's position in the chapter. */
  number: string;
  /** The HTML id of the equation block (`eq-<label>` or `eq-2-4`). */
  id: string;
  /** The chapter's route slug, e.g. "vae". */
  slug: string;
  /** The TeX without its label, for previews. */
  tex: string;
  /** Source file and line, for error messages. */
  file: string;
  line: number;
}

export interface ChapterEquations {
  slug: string;
  order: number;
  equations: EquationEntry[];
}

const LABEL = /\\label\{([^}]*)\}/g;
const LABEL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Removes every `\label{...}` from a display's TeX and returns the labels found. */
export function stripLabels(tex: string): { tex: string; labels: string[] } {
  const labels: string[] = [];
  const stripped = tex.replace(LABEL, (_, id: string) => {
    labels.push(id.trim());
    return '';
  });
  return { tex: stripped.trim(), labels };
}

/** The HTML id of an equation block. */
export function equationId(label: string | undefined, number: string): string {
  return label ? `eq-${label}` : `eq-${number.replace('.', '-')}`;
}

/** Splits YAML frontmatter off an MDX source; returns the data and the body offset in lines. */
export function splitFrontmatter(source: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { data: {}, body: source, bodyLine: 1 };
  const data = (loadYaml(match[1]) ?? {}) as Record<string, unknown>;
  return { data, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

/** Numbers the display equations of one chapter source. Throws on malformed or duplicate labels. */
export function indexChapter(source: string, file: string): ChapterEquations {
  const { data, body, bodyLine } = splitFrontmatter(source);
  const order = Number(data.order);
  if (!Number.isInteger(order)) throw new Error(`${file}: frontmatter "order" must be an integer`);
  const slug = path.basename(file).replace(/\.mdx?$/, '');
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(body) as Root;
  const equations: EquationEntry[] = [];
  visit(tree, 'math', (node) => {
    const line = (node.position?.start.line ?? 1) + bodyLine - 1;
    const { tex, labels } = stripLabels(node.value);
    if (labels.length > 1) throw new Error(`${file}:${line}: an equation has more than one \\label: ${labels.join(', ')}`);
    const label = labels[0];
    if (label !== undefined && !LABEL_ID.test(label)) {
      throw new Error(`${file}:${line}: \\label{${label}} must be lowercase letters, digits and hyphens`);
    }
    const number = `${order}.${equations.length + 1}`;
    equations.push({ label, number, id: equationId(label, number), slug, tex, file, line });
  });
  return { slug, order, equations };
}

const cache = new Map<string, { mtimeMs: number; chapter: ChapterEquations }>();

/** Indexes every chapter in a content folder (cached per file modification time). */
export function indexContent(contentDir: string): Map<string, EquationEntry> {
  const byLabel = new Map<string, EquationEntry>();
  for (const name of readdirSync(contentDir).sort()) {
    if (!/\.mdx?$/.test(name)) continue;
    const file = path.join(contentDir, name);
    const { mtimeMs } = statSync(file);
    let hit = cache.get(file);
    if (!hit || hit.mtimeMs !== mtimeMs) {
      hit = { mtimeMs, chapter: indexChapter(readFileSync(file, 'utf8'), file) };
      cache.set(file, hit);
    }
    for (const eq of hit.chapter.equations) {
      if (!eq.label) continue;
      const other = byLabel.get(eq.label);
      if (other) {
        throw new Error(`${eq.file}:${eq.line}: \\label{${eq.label}} is already used at ${other.file}:${other.line}`);
      }
      byLabel.set(eq.label, eq);
    }
  }
  return byLabel;
}
