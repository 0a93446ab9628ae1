/**
 * Reads the reference list of corrected expressions: tests/fixtures/seed/equations.tex, a copy of
 * ../shared/seed/equations.tex kept in the repository so that a clone tests on its own.
 */
import { readFileSync } from 'node:fs';

export interface TexEntry {
  /** "E12" or "A3.4". */
  id: string;
  display: boolean;
  tex: string;
}

/** The copy in the repository (what the tests read). */
export const equationsTexPath = new URL('../fixtures/seed/equations.tex', import.meta.url);

/** The project's shared original, beside the checkout where it exists (see tests/content). */
export const sharedEquationsTexPath = new URL('../../../shared/seed/equations.tex', import.meta.url);

/** Splits equations.tex into its entries (header comment + TeX lines). */
export function readEquationsTex(path: URL = equationsTexPath): TexEntry[] {
  const entries: TexEntry[] = [];
  let current: TexEntry | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const header = /^% ([EA][\d.]+) .*\| (inline|display) \|/.exec(line);
    if (header) {
      current = { id: header[1], display: header[2] === 'display', tex: '' };
      entries.push(current);
    } else if (line.startsWith('%')) {
      continue;
    } else if (current) {
      current.tex += line + '\n';
    }
  }
  return entries.map((e) => ({ ...e, tex: e.tex.trim() }));
}

/** Whitespace-free form, for "appears verbatim up to whitespace" comparisons. */
export function squash(tex: string): string {
  return tex.replace(/\s+/g, '');
}

/**
 * The expression without the markup that only lays it out on several lines (an `aligned` block,
 * its `&` and `\\`, the `\quad` indent of a continued line, and the `\right.`/`\left.` that close
 * and reopen a bracket across the break): a display broken into lines still "contains" the
 * one-line expression. Applied to both sides of a comparison.
 */
export function withoutLineLayout(tex: string): string {
  return tex.replace(/\\(begin|end)\{aligned\}|\\right\.|\\left\.|\\\\|&|\\qquad|\\quad/g, '');
}
