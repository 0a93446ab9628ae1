/** Every internal link and #anchor in dist/ resolves: no reader ever meets a dead link. */
import { test, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve('dist');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

const files = existsSync(dist) ? htmlFiles(dist) : [];
const ids = new Map(files.map((f) => [f, new Set([...readFileSync(f, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))]));

/** The dist file a site path points at (`/vae/` → dist/vae/index.html). */
function target(pathname: string): string | undefined {
  const clean = decodeURIComponent(pathname);
  const candidates = [path.join(dist, clean), path.join(dist, clean, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

test('dist/ has the pages', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

test.each(files.map((f) => path.relative(dist, f)))('every internal link and anchor in %s resolves', (rel) => {
  const file = path.join(dist, rel);
  const html = readFileSync(file, 'utf8');
  const broken: string[] = [];
  const pagePath = '/' + rel.replace(/index\.html$/, '');
  for (const [, href] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    if (/^(https?:|mailto:|data:)/.test(href)) continue;
    const url = new URL(href.replace(/&amp;/g, '&'), `http://site${pagePath}`);
    const dest = target(url.pathname);
    if (!dest) {
      broken.push(`${href} (no file)`);
      continue;
    }
    const hash = decodeURIComponent(url.hash.slice(1));
    if (hash && dest.endsWith('.html') && !ids.get(dest)?.has(hash)) broken.push(`${href} (no #${hash})`);
  }
  expect(broken).toEqual([]);
});
