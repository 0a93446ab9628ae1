/**
 * `npm run bench -- pages [--no-build] [--no-lighthouse] [--json]`
 * Builds the site (timed), then prints per page the gzipped bytes of its HTML, of the CSS it links
 * and of the JavaScript it loads up front (module scripts and their static imports; Pagefind and
 * examples load later and are not counted), and runs Lighthouse on each chapter twice: desktop, and
 * mobile (Lighthouse's default: a mid-range phone, throttled CPU and network; goal: performance ≥ 95,
 * accessibility 100).
 * Budget: a chapter ships at most 20 KB of gzipped JS before any example is used.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { serveStatic } from '../../tests/e2e/server.ts';
import { findChromium } from '../find-chromium.ts';

const JS_BUDGET = 20 * 1024;
const dist = path.resolve('dist');

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function htmlPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : htmlPages(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

/** Every JS file a page loads up front: its module scripts and, transitively, their static imports. */
function upfrontScripts(html: string): string[] {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => path.join(dist, m[1]));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
      queue.push(path.resolve(path.dirname(file), m[1]));
    }
  }
  return [...seen];
}

/** Gzipped inline <script>/<style> bytes are part of the HTML figure; linked files are counted here. */
function pageWeights(file: string) {
  const html = readFileSync(file, 'utf8');
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => path.join(dist, m[1]));
  const js = upfrontScripts(html);
  return {
    page: '/' + path.relative(dist, file).replace(/index\.html$/, ''),
    html: gz(file),
    css: css.reduce((s, f) => s + gz(f), 0),
    js: js.reduce((s, f) => s + gz(f), 0),
  };
}

type FormFactor = 'desktop' | 'mobile';

async function lighthouse(urls: string[], formFactor: FormFactor): Promise<Record<string, Record<string, number>>> {
  const chromePath = findChromium();
  if (!chromePath) throw new Error('No Chromium found for Lighthouse (see scripts/find-chromium.ts)');
  const { default: run } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const scores: Record<string, Record<string, number>> = {};
  for (const url of urls) {
    const chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      // No config = Lighthouse's mobile defaults (emulated phone, 4x CPU slowdown, slow 4G).
      const config = formFactor === 'desktop' ? (await import('lighthouse/core/config/desktop-config.js')).default : undefined;
      const result = await run(url, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
      const categories = result?.lhr.categories ?? {};
      scores[url] = Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, Math.round((v.score ?? 0) * 100)]));
    } finally {
      await chrome.kill();
    }
  }
  return scores;
}

export async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  let buildSeconds: number | undefined;
  if (!argv.includes('--no-build')) {
    const started = performance.now();
    execSync('npx astro build', { stdio: json ? 'ignore' : 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    buildSeconds = (performance.now() - started) / 1000;
  }
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: build first or drop --no-build');
  const pages = htmlPages(dist)
    .map(pageWeights)
    .sort((a, b) => a.page.localeCompare(b.page));
  let scores: Record<string, Record<string, number>> = {};
  let mobile: Record<string, Record<string, number>> = {};
  if (!argv.includes('--no-lighthouse')) {
    const { origin, close } = await serveStatic(dist);
    try {
      const chapters = pages.filter((p) => /^\/[^/]+\/$/.test(p.page)).map((p) => origin + p.page);
      const byPage = (raw: Record<string, Record<string, number>>) => Object.fromEntries(Object.entries(raw).map(([u, s]) => [u.slice(origin.length), s]));
      scores = byPage(await lighthouse(chapters, 'desktop'));
      mobile = byPage(await lighthouse(chapters, 'mobile'));
    } finally {
      await close();
    }
  }
  const overBudget = pages.filter((p) => p.js > JS_BUDGET).map((p) => p.page);
  if (json) {
    console.log(JSON.stringify({ buildSeconds, jsBudgetBytes: JS_BUDGET, pages, lighthouse: scores, lighthouseMobile: mobile, overBudget }, null, 2));
  } else {
    if (buildSeconds !== undefined) console.log(`build: ${buildSeconds.toFixed(1)} s`);
    console.log('page'.padEnd(22) + 'HTML'.padStart(10) + 'CSS'.padStart(10) + 'JS'.padStart(10) + '   Lighthouse desktop | mobile (perf/a11y/best/SEO)');
    const fmt = (s?: Record<string, number>) => (s ? `${s.performance}/${s.accessibility}/${s['best-practices']}/${s.seo}` : '');
    for (const p of pages) {
      const lh = scores[p.page] ? `${fmt(scores[p.page]).padEnd(16)} | ${fmt(mobile[p.page])}` : '';
      console.log(p.page.padEnd(22) + kb(p.html).padStart(10) + kb(p.css).padStart(10) + kb(p.js).padStart(10) + '   ' + lh);
    }
    console.log(overBudget.length ? `OVER the ${kb(JS_BUDGET)} JS budget: ${overBudget.join(', ')}` : `all pages within the ${kb(JS_BUDGET)} JS budget`);
  }
  if (overBudget.length) process.exitCode = 1;
}
