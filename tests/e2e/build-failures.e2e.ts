/**
 * Bad input fails the build loudly: a chapter with broken TeX or with a frontmatter typo stops
 * `astro build` with a message naming the file (and, for TeX, the line and the offending TeX).
 */
import { test, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Builds tests/fixtures/<name> as the content folder; `inspect` reads the built dist before it is removed. */
function buildFixture(name: string, inspect?: (dist: string) => void): { status: number | null; output: string } {
  const work = mkdtempSync(path.join(tmpdir(), `notes-${name}-`));
  try {
    const result = spawnSync('npx', ['astro', 'build', '--outDir', path.join(work, 'dist')], {
      encoding: 'utf8',
      env: { ...process.env, NOTES_CONTENT_DIR: `tests/fixtures/${name}`, NOTES_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    if (inspect && result.status === 0) inspect(path.join(work, 'dist'));
    return { status: result.status, output };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('a chapter with broken TeX fails the build, naming file, line and TeX', () => {
  const { status, output } = buildFixture('bad-tex');
  expect(status).not.toBe(0);
  expect(output).toContain('tests/fixtures/bad-tex/broken.mdx:11:1: KaTeX error');
  expect(output).toContain('TeX: \\frac{1}{\\mathbf{x}');
});

test('a chapter with a misspelt frontmatter key fails the build, naming file and key', () => {
  const { status, output } = buildFixture('bad-frontmatter');
  expect(status).not.toBe(0);
  expect(output).toContain('tests/fixtures/bad-frontmatter/typo.mdx');
  expect(output).toContain('Unrecognized key: "ordr"');
});

test('well-formed fixture chapters build, with cross-chapter equation references', () => {
  const { status, output } = buildFixture('good');
  expect(output).not.toContain('[ERROR]');
  expect(status).toBe(0);
});

test('two chapters with the same order fail the build, naming both files', () => {
  const { status, output } = buildFixture('dup-order');
  expect(status).not.toBe(0);
  expect(output).toMatch(/tests\/fixtures\/dup-order\/one\.mdx and tests\/fixtures\/dup-order\/two\.mdx both have order 1/);
});

test('two chapter files with the same slug fail the build, naming both files', () => {
  const { status, output } = buildFixture('dup-slug');
  expect(status).not.toBe(0);
  expect(output).toContain('same slug: `chapter-one`');
  expect(output).toContain('tests/fixtures/dup-slug/chapter-one.mdx');
  expect(output).toContain('tests/fixtures/dup-slug/chapter one.mdx');
});

test('a chapter without a title fails the build, naming file and field', () => {
  const { status, output } = buildFixture('missing-title');
  expect(status).not.toBe(0);
  expect(output).toContain('tests/fixtures/missing-title/untitled.mdx');
  expect(output).toMatch(/title\W.*(Required|expected string)/i);
});

test('a draft chapter is left out of the production build; updated and authors are shown', () => {
  const pages: Record<string, boolean> = {};
  let published = '';
  let sitemap = '';
  const { status, output } = buildFixture('draft', (dist) => {
    pages.wip = existsSync(path.join(dist, 'wip', 'index.html'));
    pages.published = existsSync(path.join(dist, 'published', 'index.html'));
    published = readFileSync(path.join(dist, 'published', 'index.html'), 'utf8');
    sitemap = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
  });
  expect(output).not.toContain('[ERROR]');
  expect(status).toBe(0);
  expect(pages).toEqual({ wip: false, published: true });
  expect(sitemap).not.toContain('/wip/');
  expect(published).not.toContain('Work in progress');
  expect(published).toContain('Last updated <time datetime="2026-11-30">30 November 2026</time>');
  expect(published).toContain('By Ada Lovelace and Alan Turing');
});
