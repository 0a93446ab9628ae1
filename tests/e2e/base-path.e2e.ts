/**
 * A GitHub Pages deploy serves the site under the repository's name (src/config/site.ts,
 * NOTES_REPOSITORY): built under /nogm-base/, every link, asset, script, worker, WASM file, model
 * file and the search index resolve to a built file under that base, and nothing points at the root.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BASE = '/nogm-base/';
let work: string;
let dist: string;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : ext.test(name) ? [full] : [];
  });
}

/** The built file a URL path under BASE names, or why there is none. */
function resolve(urlPath: string): string | null {
  if (!urlPath.startsWith(BASE)) return `${urlPath} is outside ${BASE}`;
  const rel = decodeURIComponent(urlPath.slice(BASE.length));
  const hit = [path.join(dist, rel), path.join(dist, rel, 'index.html')].find((c) => existsSync(c) && statSync(c).isFile());
  return hit ? null : `${urlPath} has no file`;
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'notes-base-'));
  dist = path.join(work, 'dist');
  const run = spawnSync('npx', ['astro', 'build', '--outDir', dist], {
    encoding: 'utf8',
    env: { ...process.env, NOTES_REPOSITORY: 'test-owner/nogm-base', NOTES_CACHE_DIR: path.join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (run.status !== 0) throw new Error(`the build under ${BASE} failed:\n${run.stdout}\n${run.stderr}`);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('every href and src of every page resolves to a built file under the base', () => {
  const broken: string[] = [];
  const pages = files(dist, /\.html$/).filter((f) => !f.includes(`${path.sep}pagefind${path.sep}`));
  expect(pages.length).toBeGreaterThanOrEqual(5);
  for (const page of pages) {
    const pagePath = BASE + path.relative(dist, page).replace(/index\.html$/, '');
    for (const [, href] of readFileSync(page, 'utf8').matchAll(/\s(?:href|src|data-base)="([^"]*)"/g)) {
      if (/^(https?:|mailto:|data:)/.test(href)) continue;
      const problem = resolve(new URL(href.replace(/&amp;/g, '&'), `http://site${pagePath}`).pathname);
      if (problem) broken.push(`${path.relative(dist, page)}: ${problem}`);
    }
  }
  expect(broken).toEqual([]);
});

test('scripts, workers, WASM files and the search index are referenced under the base and exist', () => {
  const scripts = files(path.join(dist, '_astro'), /\.js$/);
  const referenced = new Set<string>();
  for (const file of scripts) {
    for (const [, url] of readFileSync(file, 'utf8').matchAll(/["'`](\/[\w./-]+\.(?:js|wasm|css|json|bin))["'`]/g)) referenced.add(url);
  }
  const problems = [...referenced].map(resolve).filter((p) => p !== null);
  expect(problems).toEqual([]);
  expect(
    scripts.some((f) => /worker-[\w-]+\.js$/.test(f)),
    'a worker chunk',
  ).toBe(true);
  expect(files(path.join(dist, '_astro'), /\.wasm$/).length, 'WASM files').toBeGreaterThanOrEqual(3);
  expect(
    [...referenced].some((u) => u === `${BASE}pagefind/pagefind.js`),
    'the search script under the base',
  ).toBe(true);
  expect(existsSync(path.join(dist, 'pagefind', 'pagefind-entry.json'))).toBe(true);
});

test('the sitemap and canonical URLs use the Pages origin and the base', () => {
  const sitemap = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
  expect(sitemap).toContain(`<loc>https://test-owner.github.io${BASE}elbo/</loc>`);
  expect(readFileSync(path.join(dist, 'elbo', 'index.html'), 'utf8')).toContain(`href="https://test-owner.github.io${BASE}elbo/"`);
});
