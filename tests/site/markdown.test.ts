/**
 * The markdown plugins as a specification: equations are numbered per chapter and linkable,
 * references resolve across chapters, citations build the reference list, and bad input fails
 * with the file and line.
 */
import { test, expect } from 'vitest';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { renderChapter } from '../helpers/renderChapter.ts';
import { stripLabels, indexChapter } from '../../src/markdown/equationIndex.ts';

const fixtures = path.resolve('tests/fixtures/good');
const html = async (file: string) => {
  const full = path.join(fixtures, file);
  const { hast } = await renderChapter(readFileSync(full, 'utf8'), full, fixtures);
  return toHtml(hast as never);
};

/** A throwaway content folder holding one chapter. */
function oneChapter(body: string): { dir: string; file: string; source: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-md-'));
  const file = path.join(dir, 'x.mdx');
  const source = `---\ntitle: X chapter\ndescription: A throwaway chapter for a test case.\norder: 4\n---\n\n${body}\n`;
  writeFileSync(file, source);
  return { dir, file, source };
}

test('\\label is removed from the TeX and returned', () => {
  expect(stripLabels('a = b \\label{eq-one}')).toEqual({ tex: 'a = b', labels: ['eq-one'] });
});

test('display equations are numbered chapter.position, with label anchors or positional ones', async () => {
  const out = await html('first.mdx');
  expect(out).toContain('<div class="equation" id="eq-first-bound">');
  expect(out).toContain('<a href="#eq-first-bound" class="eq-number" aria-label="Equation 1.1">(1.1)</a>');
  expect(out).toContain('<div class="equation" id="eq-1-2">');
  expect(out).not.toContain('\\label');
});

test('\\eqref links to the equation, in the same chapter or in another one', async () => {
  expect(await html('first.mdx')).toContain('<a href="#eq-first-bound" class="eqref" data-preview="equation">(1.1)</a>');
  expect(await html('first.mdx')).toContain('<a href="/second/#eq-second-thing" class="eqref" data-preview="equation">(2.1)</a>');
  expect(await html('second.mdx')).toContain('<a href="/first/#eq-first-bound" class="eqref" data-preview="equation">(1.1)</a>');
});

test('citations link to a generated reference list holding exactly the cited works', async () => {
  const out = await html('second.mdx');
  expect(out).toContain('(<a href="#ref-ho2020" class="cite" data-preview="reference">Ho et al., 2020</a>; <a href="#ref-luo2022"');
  expect(out).toContain('<h2 id="references">References');
  expect(out).toContain('<li id="ref-ho2020">');
  expect(out).toContain('<li id="ref-luo2022">');
  expect(out).not.toContain('ref-kingma2013');
});

test('an unknown equation label fails with the file and line', async () => {
  const { dir, file, source } = oneChapter('Some text.\n\nSee $\\eqref{nowhere}$.');
  await expect(renderChapter(source, file, dir)).rejects.toThrow(`${file}:9:5: \\eqref{nowhere} names no equation`);
});

test('an unknown citation key fails with the file and line', async () => {
  const { dir, file, source } = oneChapter('As shown by [@nobody1999].');
  await expect(renderChapter(source, file, dir)).rejects.toThrow(`${file}:7:1: unknown citation key "@nobody1999"`);
});

test('bad TeX fails with the file, the line and the TeX', async () => {
  const { dir, file, source } = oneChapter('Fine.\n\n$$\n\\frac{1}{2\n$$');
  await expect(renderChapter(source, file, dir)).rejects.toThrow(
    new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:1: KaTeX error[^]*TeX: \\\\frac\\{1\\}\\{2`),
  );
});

test('LaTeX-incompatible input (a Unicode letter in math) is an error, not a console warning', async () => {
  const { dir, file, source } = oneChapter('Inline $é$ here.');
  await expect(renderChapter(source, file, dir)).rejects.toThrow(/KaTeX error/);
});

test('a label used twice is an error naming both places', async () => {
  expect(() => indexChapter('---\norder: 1\n---\n\n$$\na \\label{x}\n$$\n\n$$\nb \\label{y} \\label{z}\n$$\n', 'c.mdx')).toThrow(/more than one \\label/);
  const { dir } = oneChapter('$$\na \\label{dup}\n$$\n\n$$\nb \\label{dup}\n$$');
  await expect(renderChapter(readFileSync(path.join(dir, 'x.mdx'), 'utf8'), path.join(dir, 'x.mdx'), dir)).rejects.toThrow(/\\label\{dup\} is already used at/);
});
