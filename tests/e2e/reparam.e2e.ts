/**
 * The gradient-variance example (chapter 2) on the built site, in headless Chromium: a static picture
 * without JavaScript, no TF.js or worker, the reparameterized variance below the score-function one and
 * both near the chapter's closed forms, Draw samples accumulating draws, keyboard control, URL settings
 * with a notice for a malformed one, 360 px, axe in both themes, and no console error, CSP violation or
 * foreign request.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS } from './browser.ts';
import { exampleRoot, openExample, hook, waitForState } from './exampleHooks.ts';

const ID = 'reparam';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const openLive = (query = '', viewport = { width: 1280, height: 900 }) => openExample(browser, origin, '/vae/', ID, query, viewport);

const stat = async (page: Page, name: string) => Number(await exampleRoot(page, ID).locator(`[data-stat="${name}"]`).innerText());

describe('the gradient-variance example (chapter 2)', () => {
  test('without JavaScript it shows both histograms and the variances, with the numbers in the text alternative', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/vae/`);
    // As a reader gets there: far off screen the figure is not drawn (content-visibility), so it has no innerText yet.
    await exampleRoot(page, ID).scrollIntoViewIfNeeded();
    const svg = exampleRoot(page, ID).locator('svg.rp-hists');
    expect(await svg.isVisible()).toBe(true);
    expect(await svg.locator('g[data-term="score-function"] rect').count()).toBeGreaterThan(10);
    expect(await svg.locator('g[data-term="pathwise"] rect').count()).toBeGreaterThan(3);
    expect((await svg.locator('title').textContent()) ?? '').toMatch(/μ = 1\.0, 10,000 draws: .*closed form 30\.00.*closed form 4\.00/);
    expect(await stat(page, 'score-exact')).toBe(30);
    expect(await exampleRoot(page, ID).locator('.ex-controls').isVisible()).toBe(false);
    await context.close();
  });

  test('live: no TF.js or worker; the reparameterized variance is below the score-function one and both are near their closed forms', async () => {
    const { page, problems, requests } = await openLive();
    expect(requests.filter((u) => /worker|\.wasm|tfjs|weights/.test(u))).toEqual([]);
    const score = await stat(page, 'score');
    const reparam = await stat(page, 'reparam');
    expect(reparam).toBeLessThan(score);
    expect(Math.abs(reparam / 4 - 1)).toBeLessThan(0.1);
    expect(Math.abs(score / 30 - 1)).toBeLessThan(0.25); // heavy tails: a looser bound for 10,000 draws
    expect(Number(await hook(page, ID, 'loss'))).toBeCloseTo(score / reparam, 1);
    // The running-variance chart has the two estimators and the two closed forms.
    expect(await exampleRoot(page, ID).locator('.rp-curves path.chart-line').count()).toBe(4);
    expect(await exampleRoot(page, ID).locator('.rp-curves path[data-term="pathwise"]').count()).toBe(1);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('from the keyboard: μ = 2 gives the closed form 87, and the score-function variance grows with |μ| while the other stays near 4', async () => {
    const { page, problems } = await openLive();
    const mu = page.locator('#ex-rp-mu');
    await mu.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-rp-out="mu"]').innerText()).toBe('2.0');
    expect(await stat(page, 'score-exact')).toBe(87);
    const at2 = await stat(page, 'score');
    await page.keyboard.press('Home');
    expect(await page.locator('[data-rp-out="mu"]').innerText()).toBe('-3.0');
    expect(await stat(page, 'score-exact')).toBe(222); // 81 + 126 + 15
    expect(await stat(page, 'score')).toBeGreaterThan(at2);
    expect(Math.abs((await stat(page, 'reparam')) / 4 - 1)).toBeLessThan(0.1);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('reparam.mu') === '-3');
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('Draw samples accumulates draws from 2 to all of them, and the slider steps through them', async () => {
    const { page, problems } = await openLive();
    const before = Number(await hook(page, ID, 'step'));
    await page.getByRole('button', { name: 'Draw samples' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-rp-out="n"]')?.textContent === '10,000' && document.querySelector('[data-action="draw"]')?.textContent === 'Draw samples',
      null,
      { timeout: 20_000 },
    );
    expect(Number(await hook(page, ID, 'step')) - before).toBeGreaterThan(5); // many redraws on the way
    const n = page.locator('#ex-rp-n');
    await n.focus();
    await page.keyboard.press('Home');
    expect(await page.locator('[data-rp-out="n"]').innerText()).toBe('2');
    await page.keyboard.press('End');
    expect(await page.locator('[data-rp-out="n"]').innerText()).toBe('10,000');
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('reads μ from the URL, and a malformed value is ignored with a notice', async () => {
    const { page } = await openLive('?reparam.mu=0');
    expect(await stat(page, 'score-exact')).toBe(15);
    await page.close();
    const bad = await openLive('?reparam.mu=9');
    const notice = exampleRoot(bad.page, ID).locator('.ex-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/reparam\.mu must be between -3 and 3 \(got “9”\)/);
    expect(await stat(bad.page, 'score-exact')).toBe(30);
    await bad.page.close();
    expect(bad.problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('pointing at the score-function term of its equation lights up its histogram and curve', async () => {
    const { page } = await openLive();
    const eqTerm = page.locator('.katex [data-term="score-function"]').first();
    await eqTerm.scrollIntoViewIfNeeded();
    await eqTerm.hover();
    expect(await exampleRoot(page, ID).locator('g.rp-hist[data-term="score-function"]').getAttribute('data-active')).not.toBeNull();
    expect(await exampleRoot(page, ID).locator('.rp-curves path[data-term="score-function"]').getAttribute('data-active')).not.toBeNull();
    await page.close();
  });

  test('fits a 360 px phone with nothing scrolling sideways', async () => {
    const { page } = await openLive('', { width: 360, height: 740 });
    const box = (await exampleRoot(page, ID).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });

  test('axe finds nothing in either theme, with the example live', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme });
      const page = await context.newPage();
      await page.goto(`${origin}/vae/`);
      await exampleRoot(page, ID).scrollIntoViewIfNeeded();
      await waitForState(page, ID, 'idle', 20_000);
      expect(await axeViolations(page, '#example-reparam'), `the ${theme} theme`).toEqual([]);
      await context.close();
    }
  });
});
