/**
 * `npm run bench -- fonts [--runs N] [--json]` (on the built site: `npm run build` first)
 * What the KaTeX font preloads (src/markdown/fontPreloads.ts) buy a reader on a slow phone: each
 * chapter is loaded N times (default 5) as built and N times with its preload links removed,
 * interleaved, in headless Chromium throttled as Lighthouse's mobile default is (slow 4G: 150 ms
 * round trip, 1.6 Mbps down; 4x CPU; 412 px phone). Per page and variant it prints the medians of:
 *   FCP       the first contentful paint (ms from navigation);
 *   fonts     when the last of the fonts the preloads name had arrived (ms): the first screen's
 *             math is invisible until then, since KaTeX's faces block;
 *   TBT       main-thread blocking after the first paint, measured (not simulated): the sum over
 *             long tasks of their time past 50 ms, up to 3 s after the load event.
 * Both variants are served from this machine under the same throttling; compare within a run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { serveStatic } from '../../tests/e2e/server.ts';

const dist = path.resolve('dist');
const PRELOAD = /<link rel="preload" href="([^"]+)" as="font"[^>]*>/g;
const hasPreloads = (file: string) => /<link rel="preload" href="[^"]+" as="font"/.test(readFileSync(file, 'utf8'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** A copy of dist/ whose chapters have no font preloads (every other file is a link to the built one). */
function withoutPreloads(chapters: string[]): { root: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'notes-nopreload-'));
  for (const name of readdirSync(dist)) if (!chapters.includes(name)) symlinkSync(path.join(dist, name), path.join(root, name));
  for (const c of chapters) {
    mkdirSync(path.join(root, c));
    writeFileSync(path.join(root, c, 'index.html'), readFileSync(path.join(dist, c, 'index.html'), 'utf8').replace(PRELOAD, ''));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const i = argv.indexOf('--runs');
  const runs = i < 0 ? 5 : Number(argv[i + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, got "${argv[i + 1] ?? ''}"`);
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  const chapters = readdirSync(dist).filter((c) => existsSync(path.join(dist, c, 'index.html')) && hasPreloads(path.join(dist, c, 'index.html')));
  if (!chapters.length) throw new Error('no built page has font preloads');
  const bare = withoutPreloads(chapters);
  const servers = { preloads: await serveStatic(dist), none: await serveStatic(bare.root) };
  const browser = await launchBrowser();
  const rows: { page: string; variant: string; fcp: number; fonts: number; tbt: number }[] = [];
  try {
    for (const c of chapters) {
      const named = [...readFileSync(path.join(dist, c, 'index.html'), 'utf8').matchAll(PRELOAD)].map((m) => m[1]);
      const seen: Record<string, { fcp: number[]; fonts: number[]; tbt: number[] }> = {
        preloads: { fcp: [], fonts: [], tbt: [] },
        none: { fcp: [], fonts: [], tbt: [] },
      };
      for (let r = 0; r < runs; r++) {
        for (const variant of ['preloads', 'none'] as const) {
          const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: 150,
            downloadThroughput: (1.6 * 1024 * 1024) / 8,
            uploadThroughput: (750 * 1024) / 8,
          });
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
          await page.addInitScript(() => {
            const tasks: { start: number; duration: number }[] = [];
            (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
            }).observe({ type: 'longtask', buffered: true });
          });
          await page.goto(`${servers[variant].origin}/${c}/`, { waitUntil: 'load', timeout: 60_000 });
          await page.waitForTimeout(3000);
          const t = await page.evaluate(async (files) => {
            await document.fonts.ready;
            const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
            const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
            const ends = performance
              .getEntriesByType('resource')
              .filter((e) => files.some((f) => new URL(e.name).pathname === f))
              .map((e) => (e as PerformanceResourceTiming).responseEnd);
            const tbt = tasks.filter((x) => x.start >= fcp).reduce((sum, x) => sum + Math.max(0, x.duration - 50), 0);
            return { fcp, fonts: ends.length === files.length ? Math.max(...ends) : NaN, tbt };
          }, named);
          await context.close();
          if (!Number.isFinite(t.fcp) || !Number.isFinite(t.fonts)) throw new Error(`/${c}/ (${variant}): no first paint, or not every named font was fetched`);
          seen[variant].fcp.push(t.fcp);
          seen[variant].fonts.push(t.fonts);
          seen[variant].tbt.push(t.tbt);
        }
      }
      for (const [variant, s] of Object.entries(seen))
        rows.push({ page: `/${c}/`, variant, fcp: Math.round(median(s.fcp)), fonts: Math.round(median(s.fonts)), tbt: Math.round(median(s.tbt)) });
    }
  } finally {
    await browser.close();
    await servers.preloads.close();
    await servers.none.close();
    bare.remove();
  }
  if (json) {
    console.log(JSON.stringify({ runs, rows }, null, 2));
    return;
  }
  console.log(`throttled phone (slow 4G, 4x CPU), medians of ${runs} loads each`);
  console.log('page'.padEnd(14) + 'variant'.padEnd(11) + 'FCP ms'.padStart(8) + 'fonts ms'.padStart(10) + 'TBT ms'.padStart(8));
  for (const r of rows)
    console.log(r.page.padEnd(14) + r.variant.padEnd(11) + String(r.fcp).padStart(8) + String(r.fonts).padStart(10) + String(r.tbt).padStart(8));
}
