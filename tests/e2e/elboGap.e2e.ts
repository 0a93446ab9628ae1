/**
 * The ELBO-gap example (chapter 1) on the built site, in headless Chromium: a static picture without
 * JavaScript, no TF.js or worker at all, bars that move correctly (the gap 0 at the true posterior and
 * positive elsewhere, L_k rising with k), keyboard control, settings in the URL with a notice for a
 * malformed one, the math-term link, 360 px, axe in both themes, and no console error, CSP violation
 * or foreign request.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS } from './browser.ts';
import { exampleRoot, openExample, hook, statusText, waitForState } from './exampleHooks.ts';

const ID = 'elbo-gap';
/** The chapter's numbers (σ² = 1, x = 2): log p(x) = −½ log 4π − 1. */
const LOG_PX = -0.5 * Math.log(4 * Math.PI) - 1;

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const openLive = (query = '', viewport = { width: 1280, height: 900 }) => openExample(browser, origin, '/elbo/', ID, query, viewport);

const stat = (page: Page, name: string) => exampleRoot(page, ID).locator(`[data-stat="${name}"]`).innerText();
/** "−2.266" → -2.266 (the readouts use a true minus sign). */
const num = (s: string) => Number(s.replace('−', '-'));
const gapHook = async (page: Page) => Number(await hook(page, ID, 'loss'));
const iwMean = async (page: Page) => num((await stat(page, 'iw')).split('±')[0].trim());
const iwSd = async (page: Page) => num((await stat(page, 'iw')).split('±')[1].trim());

describe('the ELBO-gap example (chapter 1)', () => {
  test('without JavaScript it shows the bars for q = the prior, with every number in the text alternative', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/elbo/`);
    const svg = exampleRoot(page, ID).locator('svg.eg-bars');
    expect(await svg.isVisible()).toBe(true);
    expect(await svg.getAttribute('role')).toBe('img');
    const title = (await svg.locator('title').textContent()) ?? '';
    expect(title).toMatch(/log p\(x\) = −2\.266 nats; ELBO = −3\.419; KL gap = 1\.153/);
    expect(title).toMatch(/importance-weighted bound with k = 10/);
    expect(await svg.locator('rect[data-term="kl-gap"]').count()).toBe(1);
    expect(await exampleRoot(page, ID).locator('.ex-controls').isVisible()).toBe(false);
    await context.close();
  });

  test('loads no TensorFlow.js, worker or WebAssembly, and updates the hooks when live', async () => {
    const { page, problems, requests } = await openLive();
    expect(requests.filter((u) => /worker|\.wasm|tfjs|tf-|weights/.test(u))).toEqual([]);
    expect(await hook(page, ID, 'step')).toBe('1');
    expect(await gapHook(page)).toBeCloseTo(1.153, 3);
    expect(num(await stat(page, 'evidence'))).toBeCloseTo(LOG_PX, 3);
    expect(await statusText(page, ID)).toMatch(/true posterior N\(1, 0\.5\)/);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('from the keyboard: the gap is exactly 0 at the true posterior and positive one step away', async () => {
    const { page, problems } = await openLive();
    const mean = page.locator('#ex-eg-mean');
    const variance = page.locator('#ex-eg-variance');
    // From m = 0, s² = 1: twenty steps of 0.05 reach m = 1; ten steps down reach s² = 0.5.
    await mean.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await variance.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    expect(await page.locator('[data-eg-out="mean"]').innerText()).toBe('1.00');
    expect(await page.locator('[data-eg-out="variance"]').innerText()).toBe('0.50');
    expect(Math.abs(await gapHook(page))).toBeLessThan(1e-12);
    expect(await stat(page, 'gap')).toBe('0.000');
    expect(num(await stat(page, 'elbo'))).toBeCloseTo(LOG_PX, 3);
    expect(await exampleRoot(page, ID).locator('rect[data-term="kl-gap"]').count()).toBe(0);
    expect(await statusText(page, ID)).toMatch(/the KL gap is 0/);
    // At the posterior every importance weight equals p(x): L_k has no spread.
    expect(await iwMean(page)).toBeCloseTo(LOG_PX, 3);
    expect(await iwSd(page)).toBe(0);
    // One step off in either slider: a positive gap, and the ELBO below log p(x).
    await page.keyboard.press('ArrowLeft');
    expect(await gapHook(page)).toBeGreaterThan(1e-3);
    expect(num(await stat(page, 'elbo'))).toBeLessThan(LOG_PX);
    await page.keyboard.press('ArrowRight');
    await mean.focus();
    await page.keyboard.press('ArrowRight');
    expect(await gapHook(page)).toBeGreaterThan(1e-3);
    // The URL says what is on screen once a slider is released (change event).
    await page.waitForFunction(() => location.search.includes('elbo-gap.mean=1.05'));
    expect(new URL(page.url()).searchParams.get('elbo-gap.variance')).toBe('0.5');
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('the importance-weighted bound rises with k toward log p(x): below it up to k = 100, within 0.05 nats at k = 1000', async () => {
    const { page } = await openLive();
    const k = page.locator('#ex-eg-k');
    await k.focus();
    await page.keyboard.press('Home');
    expect(await page.locator('[data-eg-out="k"]').innerText()).toBe('1');
    const seen: number[] = [await iwMean(page)];
    for (const _ of [10, 100, 1000]) {
      // Positions: 1 → 10 is 4 steps, 10 → 100 is 4, 100 → 1000 is 4.
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      seen.push(await iwMean(page));
    }
    expect(await page.locator('[data-eg-out="k"]').innerText()).toBe('1000');
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    // L_k ≤ log p(x) holds in expectation; at k = 1000 the bias is below the Monte Carlo error of 20 repeats, so only closeness is checked there.
    expect(seen[2]).toBeLessThan(LOG_PX);
    expect(Math.abs(LOG_PX - seen[3])).toBeLessThan(0.05);
    // And k = 1 is the ELBO on average: within a few standard errors of the closed form.
    await page.keyboard.press('Home');
    const sd = await iwSd(page);
    expect(Math.abs((await iwMean(page)) - num(await stat(page, 'elbo')))).toBeLessThan(4 * (sd / Math.sqrt(100)) + 1e-3);
    await page.close();
  });

  test('the buttons set q to the posterior and back to the prior', async () => {
    const { page } = await openLive();
    await page.getByRole('button', { name: 'Set q to the true posterior' }).click();
    expect(Math.abs(await gapHook(page))).toBeLessThan(1e-12);
    await page.getByRole('button', { name: 'Set q to the prior' }).click();
    expect(await gapHook(page)).toBeCloseTo(1.153, 3);
    await page.close();
  });

  test('reads its settings from the URL, and a malformed one is ignored with a notice', async () => {
    const { page, problems } = await openLive('?elbo-gap.mean=2&elbo-gap.variance=0.5');
    expect(await gapHook(page)).toBeCloseTo(1.0, 3); // the table's "wrong mean, right width" row
    await page.close();
    const bad = await openLive('?elbo-gap.variance=banana&elbo-gap.k=5');
    const notice = exampleRoot(bad.page, ID).locator('.ex-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/elbo-gap\.variance is not a number \(got “banana”\)/);
    expect(await gapHook(bad.page)).toBeCloseTo(1.153, 3); // the default variance stayed
    expect(await bad.page.locator('[data-eg-out="k"]').innerText()).toBe('5');
    expect(new URL(bad.page.url()).searchParams.has('elbo-gap.variance')).toBe(false);
    await bad.page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
    expect(bad.problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('pointing at the KL term of eq. elbo-kl-decomposition lights up the gap bar, and the reverse', async () => {
    const { page } = await openLive();
    const eqTerm = page.locator('.katex [data-term="kl-gap"]').first();
    const bar = exampleRoot(page, ID).locator('rect[data-term="kl-gap"]');
    await bar.scrollIntoViewIfNeeded();
    await bar.hover();
    expect(await eqTerm.getAttribute('data-active')).not.toBeNull();
    await page.mouse.move(0, 0);
    expect(await eqTerm.getAttribute('data-active')).toBeNull();
    await eqTerm.scrollIntoViewIfNeeded();
    await eqTerm.hover();
    expect(await bar.getAttribute('data-active')).not.toBeNull();
    await eqTerm.focus();
    await page.mouse.move(0, 0);
    expect(await bar.getAttribute('data-active')).not.toBeNull(); // focus keeps it active
    await page.close();
  });

  test('fits a 360 px phone with nothing scrolling sideways', async () => {
    const { page } = await openLive('', { width: 360, height: 740 });
    const box = (await exampleRoot(page, ID).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    const svgBox = (await exampleRoot(page, ID).locator('svg.eg-bars').boundingBox())!;
    expect(svgBox.x + svgBox.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });

  test('axe finds nothing in either theme, with the example live', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme });
      const page = await context.newPage();
      await page.goto(`${origin}/elbo/`);
      await exampleRoot(page, ID).scrollIntoViewIfNeeded();
      await waitForState(page, ID, 'idle', 20_000);
      expect(await axeViolations(page, '#example-elbo-gap'), `the ${theme} theme`).toEqual([]);
      await context.close();
    }
  });
});
