/**
 * Named equation terms: KaTeX trusts only \htmlData{term=<known term>}, a bad term fails with the
 * file named, and the rendered term is focusable, named, coloured and outside aria-hidden.
 */
import { test, expect, describe } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { visitParents } from 'unist-util-visit-parents';
import type { Element, Root } from 'hast';
import { renderChapter } from '../helpers/renderChapter.ts';
import { TERMS, katexTrust, stripTermMarks } from '../../src/markdown/terms.ts';

function oneChapter(body: string): { dir: string; file: string; source: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-terms-'));
  const file = path.join(dir, 'x.mdx');
  const source = `---\ntitle: X chapter\ndescription: A throwaway chapter for a test case.\norder: 4\n---\n\n${body}\n`;
  writeFileSync(file, source);
  return { dir, file, source };
}
const cls = (el: Element): string[] => (Array.isArray(el.properties.className) ? el.properties.className.map(String) : []);
/** Elements passing `test`, each with its element ancestors (nearest last). */
function find(root: Root | Element, test: (el: Element) => boolean): { el: Element; ancestors: Element[] }[] {
  const found: { el: Element; ancestors: Element[] }[] = [];
  visitParents(root, 'element', (el: Element, parents) => {
    if (test(el)) found.push({ el, ancestors: parents.filter((p): p is Element => p.type === 'element') });
  });
  return found;
}
const isTerm = (el: Element) => el.properties.dataTerm !== undefined;
const render = async (body: string): Promise<Root> => {
  const { dir, file, source } = oneChapter(body);
  return (await renderChapter(source, file, dir)).hast;
};

describe('stripTermMarks', () => {
  test('replaces each mark by its body, keeping nested and escaped braces', () => {
    expect(stripTermMarks('a + \\htmlData{term=reconstruction}{\\underbrace{b}_{\\text{r}}} - c')).toBe('a + \\underbrace{b}_{\\text{r}} - c');
    expect(stripTermMarks('\\htmlData{term=x}{\\{y\\}} + \\htmlData{term=z}{w}')).toBe('\\{y\\} + w');
    expect(stripTermMarks('no marks \\htmlData{class=x}{y}')).toBe('no marks \\htmlData{class=x}{y}');
  });

  test('names the problem when a body is unbalanced', () => {
    expect(() => stripTermMarks('\\htmlData{term=x}{a')).toThrow('unbalanced braces');
  });
});

describe('katexTrust', () => {
  test('trusts \\htmlData with exactly a known term', () => {
    for (const slug of Object.keys(TERMS)) expect(katexTrust({ command: '\\htmlData', attributes: { 'data-term': slug } })).toBe(true);
  });

  test('refuses other commands, other keys and unknown terms, naming what is wrong', () => {
    expect(() => katexTrust({ command: '\\href', url: 'https://example.org' })).toThrow('\\href is not allowed in chapters');
    expect(() => katexTrust({ command: '\\htmlData', attributes: { 'data-term': 'reconstruction', 'data-x': '1' } })).toThrow(
      'only the key "term" (got term, x)',
    );
    expect(() => katexTrust({ command: '\\htmlData', attributes: { 'data-term': 'recon' } })).toThrow('"recon" is not a known term');
  });
});

describe('rendering a chapter', () => {
  test('a term renders focusable, with its classes, data-term and hidden name, outside aria-hidden', async () => {
    const hast = await render('$$\na = \\htmlData{term=prior-matching}{\\underbrace{b}_{\\text{prior}}} + c\n$$');
    const terms = find(hast, isTerm);
    expect(terms.length).toBe(1);
    const { el, ancestors } = terms[0];
    expect(toHtml(el)).toMatch(
      /^<span class="enclosing term term-prior-matching" data-term="prior-matching" tabindex="0"><span class="visually-hidden">prior matching term<\/span>/,
    );
    // No ancestor of the focus stop is aria-hidden; every child but its name is.
    expect(ancestors.filter((a) => a.properties.ariaHidden === 'true')).toEqual([]);
    const glyphs = el.children.slice(1);
    expect(glyphs.length).toBeGreaterThan(0);
    expect(glyphs.every((c) => c.type === 'element' && c.properties.ariaHidden === 'true')).toBe(true);
    // Everything else in the HTML rendering stays hidden: its only readable text is the term's name.
    const [html] = find(hast, (e) => cls(e).includes('katex-html'));
    const readable: string[] = [];
    visitParents(html.el, 'text', (t, parents) => {
      if (t.value.trim() && !parents.some((p) => p.type === 'element' && p.properties.ariaHidden === 'true')) readable.push(t.value);
    });
    expect(readable).toEqual(['prior matching term']);
    // The TeX annotation (Copy TeX) is plain LaTeX again.
    const [annotation] = find(hast, (e) => e.tagName === 'annotation');
    expect(toHtml(annotation.el)).not.toContain('htmlData');
    expect(toHtml(annotation.el)).toContain('\\underbrace{b}_{\\text{prior}}');
  });

  test("a formula without terms keeps KaTeX's own aria-hidden HTML rendering", async () => {
    const hast = await render('$$\na = b\n$$');
    const [html] = find(hast, (e) => cls(e).includes('katex-html'));
    expect(html.el.properties.ariaHidden).toBe('true');
  });

  test('an unknown term fails the build, naming the file and the term', async () => {
    const { dir, file, source } = oneChapter('$$\na = \\htmlData{term=recon}{b}\n$$');
    await expect(renderChapter(source, file, dir)).rejects.toThrow(
      new RegExp(`Bad math in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*"recon" is not a known term`),
    );
  });

  test('other trust-gated commands and other html extensions still fail the build', async () => {
    for (const tex of ['\\href{https://example.org}{x}', '\\htmlStyle{color: red}{x}', '\\htmlClass{term-reconstruction}{x}']) {
      const { dir, file, source } = oneChapter(`$$\n${tex}\n$$`);
      await expect(renderChapter(source, file, dir), tex).rejects.toThrow(`Bad math in ${file}`);
    }
  });

  test('the chapter "Variational autoencoders" marks both terms of eq. vae-elbo-rewrite, and the three of eq. hvae-elbo-layers', async () => {
    const full = path.resolve('content/vae.mdx');
    const { hast } = await renderChapter(readFileSync(full, 'utf8'), full, path.resolve('content'));
    const all = find(hast, isTerm);
    const terms = all.filter((t) => t.ancestors.some((a) => a.properties.id === 'eq-vae-elbo-rewrite'));
    expect(terms.map((t) => t.el.properties.dataTerm)).toEqual(['reconstruction', 'prior-matching']);
    expect(all.every((t) => t.el.properties.tabIndex === 0)).toBe(true);
    // The chapter's other marks: the two gradient estimators the reparam example plots, each in its own equation.
    const where = (slug: string) =>
      all.filter((t) => t.el.properties.dataTerm === slug).map((t) => t.ancestors.find((a) => String(a.properties.id ?? '').startsWith('eq-'))?.properties.id);
    expect(where('score-function')).toEqual(['eq-vae-score-function']);
    expect(where('pathwise')).toEqual(['eq-vae-pathwise-gradient']);
    // And the three terms of the HVAE bound read by layer, which the hvae example's bars and curves plot.
    for (const slug of ['hvae-reconstruction', 'top-prior-matching', 'consistency']) expect(where(slug)).toEqual(['eq-hvae-elbo-layers']);
    expect(all).toHaveLength(7);
  });
});

describe('term colours (src/styles/global.css)', () => {
  const css = readFileSync(path.resolve('src/styles/global.css'), 'utf8');
  const block = (selector: string) => css.slice(css.indexOf(`${selector} {`)).split('}')[0];
  const color = (text: string, name: string) => /#[0-9a-f]{6}/i.exec(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(text)?.[1] ?? '')?.[0];
  /** WCAG 2 contrast ratio of two #rrggbb colours, computed here from the definition. */
  function contrast(a: string, b: string): number {
    const lum = (hex: string) => {
      const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  test.each([':root', ":root[data-theme='dark']"])('every term has a colour with contrast ≥ 4.5:1 against the background in %s', (selector) => {
    const text = block(selector);
    const bg = color(text, 'bg');
    expect(bg).toBeDefined();
    for (const slug of Object.keys(TERMS)) {
      const fg = color(text, `term-${slug}`);
      expect(fg, `--term-${slug} in ${selector}`).toBeDefined();
      expect(contrast(fg!, bg!), `--term-${slug} in ${selector}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
