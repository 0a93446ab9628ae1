/**
 * `npm run bench -- pages [--no-build] [--no-lighthouse] [--runs N] [--json]`
 * Builds the site (timed), then prints per page the gzipped bytes of its HTML, of the CSS it links
 * and of the JavaScript it loads up front (module scripts and their static imports; Pagefind and
 * examples load later and are not counted) and the number of elements its HTML builds, and runs Lighthouse on each chapter: desktop once, and
 * mobile (Lighthouse's default: a mid-range phone, throttled CPU and network; goal: performance ≥ 95,
 * accessibility 100) N times (default 3), reporting the median run, as Lighthouse's own guide on
 * variability advises.
 *
 * Mobile runs in headless Chromium are bimodal: in some runs the first frame is presented a whole
 * second or two after the page is ready to paint (viz stops sending BeginFrames for a while;
 * GoogleChrome/lighthouse#17148, which reproduces it on PageSpeed Insights too). Its signature is an
 * observed first paint after the load event; a plain 0.8 MB text page, with no CSS or script, shows
 * it too. Lighthouse's simulation then counts every font that finished before that late paint into
 * FCP, and the late filmstrip into Speed Index; so the table says how many of the N runs were held
 * and gives the metrics of the median run.
 * Budget: a chapter ships at most 20 KB of gzipped JS before any example is used.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fromHtml } from 'hast-util-from-html';
import type { Nodes } from 'hast';
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

/**
 * The elements a browser builds from `html` (html, head and body included). A chapter's load cost is
 * mostly parsing and laying out its KaTeX (HTML and MathML for every formula), so this, not the
 * gzipped bytes, is the figure that tracks a page's blocking time on a phone.
 */
export function countElements(html: string): number {
  const walk = (node: Nodes): number => (node.type === 'element' ? 1 : 0) + ('children' in node ? node.children.reduce((n, c) => n + walk(c), 0) : 0);
  return walk(fromHtml(html));
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
    elements: countElements(html),
  };
}

type FormFactor = 'desktop' | 'mobile';
type Scores = Record<string, number>;

/** One Lighthouse run: category scores, the metrics behind performance, and whether the first frame was held. */
interface LighthouseRun {
  scores: Scores;
  /** Simulated metrics (ms; CLS unitless) and the observed first paint and load (ms). */
  metrics: { fcp: number; lcp: number; si: number; tbt: number; cls: number; observedFcp: number; observedLoad: number };
  /** The first frame came after the load event (GoogleChrome/lighthouse#17148's signature). */
  held: boolean;
}

/** The median run by performance score (the lower middle for an even count). */
export function medianRun(runs: LighthouseRun[]): LighthouseRun {
  const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function lighthouse(url: string, formFactor: FormFactor): Promise<LighthouseRun> {
  const chromePath = findChromium();
  if (!chromePath) throw new Error('No Chromium found for Lighthouse (see scripts/find-chromium.ts)');
  const { default: run } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    // No config = Lighthouse's mobile defaults (emulated phone, 4x CPU slowdown, slow 4G).
    const config = formFactor === 'desktop' ? (await import('lighthouse/core/config/desktop-config.js')).default : undefined;
    const result = await run(url, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const categories = result.lhr.categories;
    const scores = Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, Math.round((v.score ?? 0) * 100)]));
    const m = (result.lhr.audits.metrics?.details as { items?: Record<string, number>[] } | undefined)?.items?.[0] ?? {};
    const metrics = {
      fcp: m.firstContentfulPaint,
      lcp: m.largestContentfulPaint,
      si: m.speedIndex,
      tbt: m.totalBlockingTime,
      cls: m.cumulativeLayoutShift,
      observedFcp: m.observedFirstContentfulPaint,
      observedLoad: m.observedLoad,
    };
    return { scores, metrics, held: metrics.observedFcp > metrics.observedLoad };
  } finally {
    await chrome.kill();
  }
}

interface MobileResult {
  median: LighthouseRun;
  /** Performance scores of all runs, in run order. */
  performance: number[];
  held: number;
}

async function mobileRuns(url: string, runs: number): Promise<MobileResult> {
  const all: LighthouseRun[] = [];
  for (let i = 0; i < runs; i++) all.push(await lighthouse(url, 'mobile'));
  return { median: medianRun(all), performance: all.map((r) => r.scores.performance), held: all.filter((r) => r.held).length };
}

function runsOption(argv: string[]): number {
  const i = argv.indexOf('--runs');
  if (i < 0) return 3;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--runs takes a whole number ≥ 1, got "${argv[i + 1] ?? ''}"`);
  return n;
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
  const runs = runsOption(argv);
  const desktop: Record<string, Scores> = {};
  const mobile: Record<string, MobileResult> = {};
  if (!argv.includes('--no-lighthouse')) {
    const { origin, close } = await serveStatic(dist);
    try {
      for (const p of pages.filter((p) => /^\/[^/]+\/$/.test(p.page))) {
        desktop[p.page] = (await lighthouse(origin + p.page, 'desktop')).scores;
        mobile[p.page] = await mobileRuns(origin + p.page, runs);
      }
    } finally {
      await close();
    }
  }
  const overBudget = pages.filter((p) => p.js > JS_BUDGET).map((p) => p.page);
  if (json) {
    console.log(JSON.stringify({ buildSeconds, jsBudgetBytes: JS_BUDGET, pages, lighthouse: desktop, lighthouseMobile: mobile, overBudget }, null, 2));
  } else {
    if (buildSeconds !== undefined) console.log(`build: ${buildSeconds.toFixed(1)} s`);
    console.log(
      'page'.padEnd(22) +
        'HTML'.padStart(10) +
        'CSS'.padStart(10) +
        'JS'.padStart(10) +
        'elements'.padStart(10) +
        `   Lighthouse desktop | mobile, median of ${runs} (perf/a11y/best/SEO)`,
    );
    const fmt = (s?: Scores) => (s ? `${s.performance}/${s.accessibility}/${s['best-practices']}/${s.seo}` : '');
    for (const p of pages) {
      const lh = desktop[p.page] ? `${fmt(desktop[p.page]).padEnd(16)} | ${fmt(mobile[p.page]?.median.scores)}` : '';
      console.log(
        p.page.padEnd(22) +
          kb(p.html).padStart(10) +
          kb(p.css).padStart(10) +
          kb(p.js).padStart(10) +
          p.elements.toLocaleString('en').padStart(10) +
          '   ' +
          lh,
      );
    }
    if (Object.keys(mobile).length) {
      console.log("\nmobile (ms; the median run's simulated metrics, then what the browser observed)");
      // Each run's score takes up to 4 characters ("100 "): the column grows with --runs.
      const perfWidth = Math.max(18, 4 * runs + 2);
      console.log(
        'page'.padEnd(14) +
          'perf, each run'.padEnd(perfWidth) +
          'held'.padEnd(7) +
          ['FCP', 'LCP', 'SI', 'TBT', 'CLS', 'seen FCP', 'seen load'].map((h) => h.padStart(10)).join(''),
      );
      for (const [page, r] of Object.entries(mobile)) {
        const m = r.median.metrics;
        const cells = [m.fcp, m.lcp, m.si, m.tbt]
          .map((v) => Math.round(v).toString())
          .concat(m.cls.toFixed(3), Math.round(m.observedFcp).toString(), Math.round(m.observedLoad).toString());
        console.log(page.padEnd(14) + r.performance.join(' ').padEnd(perfWidth) + `${r.held}/${runs}`.padEnd(7) + cells.map((c) => c.padStart(10)).join(''));
      }
      console.log('held: the first frame came after the load event (GoogleChrome/lighthouse#17148), which inflates FCP and SI');
    }
    console.log(overBudget.length ? `OVER the ${kb(JS_BUDGET)} JS budget: ${overBudget.join(', ')}` : `all pages within the ${kb(JS_BUDGET)} JS budget`);
  }
  if (overBudget.length) process.exitCode = 1;
}
