/**
 * The chapters as a reader and an editor expect them: they render with zero KaTeX errors, every
 * reference resolves, the frontmatter is valid, headings nest, every expression of the corrected
 * source (equations.tex) is present, and each chapter ends with its list of corrections.
 */
import { describe, test, expect } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { renderChapter, type RenderedChapter } from '../helpers/renderChapter.ts';
import { equationsTexPath, readEquationsTex, sharedEquationsTexPath, squash, withoutLineLayout } from '../helpers/equationsTex.ts';
import { chapterSchema } from '../../src/config/chapterSchema.ts';
import { stripLabels } from '../../src/markdown/equationIndex.ts';
import { stripTermMarks } from '../../src/markdown/terms.ts';

const contentDir = path.resolve('content');
const files = existsSync(contentDir)
  ? readdirSync(contentDir)
      .filter((f) => f.endsWith('.mdx'))
      .sort()
  : [];

/** Which expressions of equations.tex each chapter of the post must contain (by the post's sections). New chapters (npm run new) carry none. */
const coverage: Record<string, (id: string) => boolean> = {
  'elbo.mdx': (id) => id.startsWith('E') && Number(id.slice(1)) <= 54,
  'vae.mdx': (id) => (id.startsWith('E') && Number(id.slice(1)) >= 55 && Number(id.slice(1)) <= 116) || id.startsWith('A1.'),
  'diffusion.mdx': (id) => (id.startsWith('E') && Number(id.slice(1)) >= 117) || /^A[234]\./.test(id),
  // The post's diffusion section ends in chapter 3; chapter 4 holds our additions past the target posterior (the loss, sampling).
  'ddpm.mdx': (id) => /^A[56]\./.test(id),
};
const figureNames = new Set(['overview', 'vae-idea', 'vae-network', 'reparameterization', 'vae-training', 'hvae', 'vdm']);
const texEntries = readEquationsTex();

const rendered = new Map<string, Promise<RenderedChapter>>();
function render(file: string): Promise<RenderedChapter> {
  if (!rendered.has(file)) {
    const full = path.join(contentDir, file);
    rendered.set(file, renderChapter(readFileSync(full, 'utf8'), full, contentDir));
  }
  return rendered.get(file)!;
}

function elements(chapter: RenderedChapter, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(chapter.hast, 'element', (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}
const hasClass = (el: Element, name: string) => Array.isArray(el.properties.className) && el.properties.className.includes(name);

/** The chapters that reproduce the post: the coverage table's, which must all exist. */
const postChapters = Object.keys(coverage);

test('the chapters of the post exist', () => {
  expect(files).toEqual(expect.arrayContaining(postChapters));
});

test('the coverage table gives every expression of equations.tex to exactly one chapter of the post', () => {
  const owners = texEntries.map((e) => postChapters.filter((f) => coverage[f](e.id)).length);
  expect(owners.filter((n) => n !== 1)).toEqual([]);
});

describe.each(files)('%s', (file) => {
  test('renders with the site pipeline, with zero KaTeX errors and every reference resolved', async () => {
    const chapter = await render(file);
    expect(elements(chapter, (el) => hasClass(el, 'katex-error'))).toEqual([]);
  });

  test('has valid frontmatter', async () => {
    const chapter = await render(file);
    expect(() => chapterSchema.parse(chapter.frontmatter)).not.toThrow();
  });

  test('renders every math expression of the source (none silently dropped)', async () => {
    const chapter = await render(file);
    let sources = 0;
    visit(chapter.mdast, (node) => {
      if (node.type === 'math') sources += 1;
      if (node.type === 'inlineMath' && !/^\s*\\eqref\{/.test((node as { value: string }).value)) sources += 1;
    });
    expect(sources).toBeGreaterThan(0);
    expect(elements(chapter, (el) => hasClass(el, 'katex')).length).toBe(sources);
  });

  test('numbers every display equation and gives it an anchor', async () => {
    const chapter = await render(file);
    const displays = elements(chapter, (el) => hasClass(el, 'katex-display'));
    const blocks = elements(chapter, (el) => hasClass(el, 'equation'));
    expect(blocks.length).toBe(displays.length);
    for (const block of blocks) expect(String(block.properties.id)).toMatch(/^eq-[a-z0-9-]+$/);
  });

  test('starts its headings at h2 and never skips a level', async () => {
    const chapter = await render(file);
    let previous = 1;
    visit(chapter.mdast, 'heading', (h) => {
      expect(h.depth, `heading at line ${h.position?.start.line}`).toBeGreaterThanOrEqual(2);
      expect(h.depth, `heading at line ${h.position?.start.line}`).toBeLessThanOrEqual(previous + 1);
      previous = h.depth;
    });
  });

  // Only the post's chapters correct it; a contributor's new chapter has nothing to correct.
  test.runIf(postChapters.includes(file))('ends with "Corrections to the original notes" (chapters of the post)', async () => {
    const chapter = await render(file);
    const h2 = chapter.mdast.children.filter((n) => n.type === 'heading' && n.depth === 2);
    const last = h2.at(-1) as { children: { value?: string }[] } | undefined;
    expect(last?.children.map((c) => c.value ?? '').join('')).toBe('Corrections to the original notes');
  });

  test('uses only figures that exist', async () => {
    const chapter = await render(file);
    visit(chapter.mdast, (node) => {
      const el = node as { type: string; name?: string; attributes?: { name: string; value: unknown }[] };
      if (el.type !== 'mdxJsxFlowElement' || el.name !== 'Figure') return;
      const name = String(el.attributes?.find((a) => a.name === 'name')?.value);
      expect(figureNames, `<Figure name="${name}">`).toContain(name);
      expect(existsSync(path.resolve('src/figures', `${name}.svg`)), `src/figures/${name}.svg`).toBe(true);
      expect(String(el.attributes?.find((a) => a.name === 'caption')?.value ?? '').length).toBeGreaterThan(10);
    });
  });

  // Term marks (\htmlData{term=…}) tie a term to a chart; they are not part of the math, so they are stripped first.
  // The table's entries must all exist (test above) and together cover equations.tex, so a new chapter needs no entry.
  test.runIf(postChapters.includes(file))('contains every corrected expression of its part of equations.tex (chapters of the post)', async () => {
    const chapter = await render(file);
    let math = '';
    visit(chapter.mdast, (node) => {
      if (node.type === 'math' || node.type === 'inlineMath')
        math += squash(withoutLineLayout(stripTermMarks(stripLabels((node as { value: string }).value).tex))) + '\u0000';
    });
    const missing = texEntries.filter((e) => coverage[file](e.id) && !math.includes(squash(withoutLineLayout(e.tex))));
    expect(missing.map((e) => `${e.id}: ${e.tex}`)).toEqual([]);
  });
});

// The copy the tests read: all of the post's 147 expressions (E1…E147) and our 37 additions (A…),
// and, where a checkout has ../shared beside it (the team's machines), identical to the original.
test('tests/fixtures/seed/equations.tex holds the 147 expressions of the post and 37 added ones, as in ../shared', () => {
  const ids = texEntries.map((e) => e.id);
  expect(ids.filter((id) => id.startsWith('E'))).toEqual(Array.from({ length: 147 }, (_, i) => `E${i + 1}`));
  expect(ids.filter((id) => id.startsWith('A')).length).toBe(37);
  if (existsSync(sharedEquationsTexPath)) expect(readFileSync(equationsTexPath, 'utf8')).toBe(readFileSync(sharedEquationsTexPath, 'utf8'));
});
