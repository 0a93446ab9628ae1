/**
 * Bad input fails the build loudly: a chapter with broken TeX or with a frontmatter typo stops
 * `astro build` with a message naming the file (and, for TeX, the line and the offending TeX).
 */
import { test, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function buildFixture(name: string): { status: number | null; output: string } {
  const work = mkdtempSync(path.join(tmpdir(), `notes-${name}-`));
  try {
    const result = spawnSync('npx', ['astro', 'build', '--outDir', path.join(work, 'dist')], {
      encoding: 'utf8',
      env: { ...process.env, NOTES_CONTENT_DIR: `tests/fixtures/${name}`, NOTES_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
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
