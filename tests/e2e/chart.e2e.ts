/**
 * The chart kit (src/islands/kit/chart.ts) on the built chapter 2 page, at phone width: it draws
 * thousands of points as a few hundred, links its term curves and legend to the equation's terms
 * both ways, shows the equation's number as a link, keeps a text twin, clears, and leaves no CSP
 * violation or axe finding in either theme. The kit is bundled here and served from the site's origin.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, watchPage } from './browser.ts';

const bundleDir = path.resolve('dist/_e2e-chart');
let browser: Browser;
let origin: string;
let stop: () => Promise<void>;
let css: string | undefined;

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'error',
    build: { outDir: bundleDir, emptyOutDir: true, lib: { entry: path.resolve('tests/e2e/chart-page/main.ts'), formats: ['es'], fileName: 'chart' } },
  });
  css = readdirSync(bundleDir).find((f) => f.endsWith('.css'));
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => {
  await stop?.();
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Opens /vae/ at `width` px, loads the kit and mounts a three-series chart right after eq. vae-elbo-rewrite. */
async function mount(page: Page, options: { logY?: boolean; points?: number } = {}): Promise<void> {
  await page.goto(`${origin}/vae/`);
  await page.addScriptTag({ url: '/_e2e-chart/chart.js', type: 'module' });
  if (css) await page.addStyleTag({ url: `/_e2e-chart/${css}` });
  await page.waitForFunction(() => 'createLineChart' in window);
  await page.evaluate(
    ({ logY, points }) => {
      type Chart = { append(id: string, x: number, y: number): void; clear(): void; destroy(): void };
      const w = window as unknown as { createLineChart: (c: HTMLElement, o: object) => Chart; chart: Chart };
      const host = document.createElement('div');
      host.id = 'chart-host';
      document.getElementById('eq-vae-elbo-rewrite')!.after(host);
      w.chart = w.createLineChart(host, {
        title: 'Training objective',
        xLabel: 'step',
        yLabel: 'nats',
        logY,
        series: [
          { id: 'rec', label: 'Reconstruction', term: 'reconstruction', equation: 'vae-elbo-rewrite' },
          { id: 'kl', label: 'Prior matching', term: 'prior-matching', equation: 'vae-elbo-rewrite' },
          { id: 'neg', label: '−ELBO' },
        ],
      });
      for (let i = 1; i <= points; i++) {
        const rec = 160 + 380 * Math.exp(-i / 300);
        const kl = 2 + 4 * (1 - Math.exp(-i / 200));
        w.chart.append('rec', i, rec);
        w.chart.append('kl', i, kl);
        w.chart.append('neg', i, rec + kl);
      }
    },
    { logY: options.logY ?? false, points: options.points ?? 3000 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const commands = (page: Page, id: number) => page.$$eval('#chart-host .chart-line', (els, i) => (els[i].getAttribute('d') ?? '').split(/[ML]/).length - 1, id);
// The chapter's own vae example (a figure.example) has a legend tied to the same terms: only the test chart and the equation count.
const active = (page: Page) =>
  page.$$eval('[data-active]', (els) =>
    els
      .filter((el) => el.closest('#chart-host') || !el.closest('figure.example'))
      .map((el) => `${el.getAttribute('data-term')}:${el.tagName.toLowerCase()}`)
      .sort(),
  );

describe('the chart kit on a chapter page, 360 px wide', () => {
  test('draws 3,000 points per series as a few hundred, within the phone width, with axes, legend and equation links', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const problems = watchPage(page, origin);
    await mount(page);
    for (const i of [0, 1, 2]) {
      const n = await commands(page, i);
      expect(n).toBeGreaterThan(50);
      expect(n).toBeLessThan(800);
    }
    const box = (await page.locator('#chart-host .chart-svg').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.locator('#chart-host .chart-tick').count()).toBeGreaterThan(4);
    const links = page.locator('#chart-host .chart-legend a');
    expect(await links.allTextContents()).toEqual(['(2.4)', '(2.4)']);
    expect(await links.first().getAttribute('href')).toBe('#eq-vae-elbo-rewrite');
    expect(await page.locator('#eq-vae-elbo-rewrite .eq-number').textContent()).toBe('(2.4)');
    expect(problems.cspViolations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.close();
  });

  test('a term curve and the equation term light up together, from the legend, the equation and the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await mount(page);
    await page.locator('#chart-host .chart-key[data-term="prior-matching"]').hover();
    expect(await active(page)).toEqual(['prior-matching:li', 'prior-matching:path', 'prior-matching:span']);
    // The curve thickens; only the legend entry and the equation term are outlined.
    expect(
      await page.locator('#chart-host .chart-line[data-active]').evaluate((el) => [getComputedStyle(el).strokeWidth, getComputedStyle(el).outlineStyle]),
    ).toEqual(['3.5px', 'none']);
    await page.locator('#eq-vae-elbo-rewrite [data-term="reconstruction"]').hover();
    expect(await active(page)).toEqual(['reconstruction:li', 'reconstruction:path', 'reconstruction:span']);
    await page.mouse.move(0, 0);
    await page.locator('#chart-host .chart-legend a').first().focus();
    expect(await active(page)).toEqual(['reconstruction:li', 'reconstruction:path', 'reconstruction:span']);
    await page.close();
  });

  test('the text twin names each series with its latest value, and clear() empties the drawing', async () => {
    const page = await browser.newPage();
    await mount(page);
    await page.waitForFunction(() => document.querySelector('#chart-host .visually-hidden li')?.textContent?.includes('3,000 points'), null, { timeout: 5000 });
    const twin = await page.locator('#chart-host .visually-hidden li').allTextContents();
    expect(twin[0]).toMatch(/^Reconstruction \(eq\. 2\.4\): 3,000 points; latest 160 at step 3,000; lowest 160, highest 538\.7\.$/);
    expect(twin[2]).toMatch(/^−ELBO: 3,000 points/);
    await page.evaluate(() => (window as unknown as { chart: { clear(): void } }).chart.clear());
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await commands(page, 0)).toBe(0);
    await page.waitForFunction(() => document.querySelector('#chart-host .visually-hidden li')?.textContent?.endsWith('no data yet.'), null, { timeout: 5000 });
    await page.evaluate(() => (window as unknown as { chart: { destroy(): void } }).chart.destroy());
    expect(await page.locator('#chart-host .chart').count()).toBe(0);
    await page.close();
  });

  test('a log-scale chart labels decades and says so on its axis', async () => {
    const page = await browser.newPage();
    await mount(page, { logY: true });
    // Data from 2 to 541, drawn from 10^0.25 to 10^2.75.
    expect(await page.locator('#chart-host .chart-tick-y').allTextContents()).toEqual(['10', '100']);
    expect(await page.locator('#chart-host .chart-label').allTextContents()).toContain('nats (log scale)');
    await page.close();
  });

  test('axe finds nothing in the chart in either theme', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await mount(page);
      await page.locator('#chart-host .chart-key[data-term="reconstruction"]').hover();
      expect(await axeViolations(page, '#chart-host'), `${theme} theme`).toEqual([]);
      await context.close();
    }
  });
});
