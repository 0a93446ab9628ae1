/**
 * src/ml is plain TypeScript on TF.js: it runs in Node, in a Web Worker and in the page alike.
 * So it touches no DOM, no Astro, and no unseeded randomness.
 */
import { test, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve('src/ml');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}
/** Source without comments and string literals, so prose about "the window" does not count. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
}
const files = sources(root);

test('src/ml has modules to check', () => {
  expect(files.length).toBeGreaterThan(10);
});

test.each(files.map((f) => path.relative(root, f)))('%s uses no DOM global, no Math.random and no Astro', (rel) => {
  const text = code(path.join(root, rel));
  expect(text).not.toMatch(/\b(window|document|localStorage|HTMLElement|HTMLCanvasElement)\b/);
  expect(text).not.toMatch(/(^|[^.\w])self\./);
  expect(text).not.toMatch(/Math\.random/);
  const imports = [...readFileSync(path.join(root, rel), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  expect(imports.filter((i) => /^astro|\.astro$|^node:/.test(i))).toEqual([]);
});
