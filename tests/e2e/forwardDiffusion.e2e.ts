/**
 * The forward-diffusion example (chapter 3) on the built site, in headless Chromium: a static picture
 * without JavaScript, no TF.js or worker, scrubbing t from the keyboard (ᾱ_t and log SNR follow), the
 * schedule choice, one-step vs chain draws agreeing within Monte Carlo error, URL settings with a notice
 * for a malformed one, 360 px, axe in both themes, and no console error, CSP violation or foreign request;
 * and a test digit: picked from the URL or the select, drawn pixel for pixel, scrubbed, compared.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS } from './browser.ts';
import { exampleRoot, openExample, hook, waitForState } from './exampleHooks.ts';

const ID = 'forward-diffusion';
/** ᾱ_t of the linear schedule (β from 1e-4 to 0.02, T = 1000), computed here independently of the site. */
function linearAlphaBar(t: number): number {
  let ab = 1;
  for (let s = 1; s <= t; s++) ab *= 1 - (1e-4 + ((0.02 - 1e-4) * (s - 1)) / 999);
  return ab;
}

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const openLive = (query = '', viewport = { width: 1280, height: 900 }) => openExample(browser, origin, '/diffusion/', ID, query, viewport);

const stat = (page: Page, name: string) => exampleRoot(page, ID).locator(`[data-stat="${name}"]`).innerText();

describe('the forward-diffusion example (chapter 3)', () => {
  test('without JavaScript it shows x_t at t = 250, the two curves and the comparison table', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/diffusion/`);
    const root = exampleRoot(page, ID);
    // As a reader gets there: far off screen the figure is not drawn (content-visibility), so it has no innerText yet.
    await root.scrollIntoViewIfNeeded();
    expect(await root.locator('svg.fd-scatter').isVisible()).toBe(true);
    expect((await root.locator('svg.fd-scatter title').textContent()) ?? '').toMatch(/8 Gaussians: 600 points x_t at t = 250/);
    expect(await root.locator('svg.fd-curve').count()).toBe(2);
    // The digit mode as a strip of x_t, built from the same closed form (digitStrip.ts).
    const strip = root.locator('img.fd-digit-strip');
    expect(await strip.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 5 * 28 + 4 * 4 && el.naturalHeight === 28)).toBe(true);
    expect(await strip.getAttribute('alt')).toMatch(/^Test digit No\. 0, a seven, under the same forward process: x_t at t = 0, 100, 250, 500, 1000/);
    expect(Number(await stat(page, 'alphabar'))).toBeCloseTo(linearAlphaBar(250), 3);
    expect(await stat(page, 'agreement')).toMatch(/standard errors at most \(t = 250, 1000 draws each\)/);
    expect(await root.locator('.ex-controls').isVisible()).toBe(false);
    await context.close();
  });

  test('live, from the keyboard: t moves ᾱ_t and log SNR; End is noise, Home is the data', async () => {
    const { page, problems, requests } = await openLive();
    expect(requests.filter((u) => /worker|\.wasm|tfjs|weights/.test(u))).toEqual([]);
    const t = page.locator('#ex-fd-t');
    await t.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-fd-out="t"]').innerText()).toBe('251');
    expect(Number(await hook(page, ID, 'loss'))).toBeCloseTo(linearAlphaBar(251), 6);
    await page.keyboard.press('End');
    expect(Number(await stat(page, 'alphabar'))).toBeLessThan(0.001);
    expect(await stat(page, 'logsnr')).toMatch(/^−1\d\./);
    await page.keyboard.press('Home');
    expect(await stat(page, 'alphabar')).toBe('1.000');
    expect(await stat(page, 'logsnr')).toBe('∞');
    expect((await exampleRoot(page, ID).locator('svg.fd-scatter title').textContent()) ?? '').toMatch(/the data itself/);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('one step and the chain agree within Monte Carlo error, and match the closed form', async () => {
    const { page, problems } = await openLive('?forward-diffusion.t=600');
    await page.getByRole('button', { name: 'Compare one step with the chain' }).click();
    const z = Number(await exampleRoot(page, ID).getAttribute('data-agreement'));
    expect(z).toBeLessThan(4);
    const ab = linearAlphaBar(600);
    expect(Number((await stat(page, 'mean1-exact')).replace('−', '-'))).toBeCloseTo(2 * Math.sqrt(ab), 3);
    for (const method of ['one', 'chain']) {
      expect(Math.abs(Number((await stat(page, `mean1-${method}`)).replace('−', '-')) - 2 * Math.sqrt(ab))).toBeLessThan(4.5 * Math.sqrt((1 - ab) / 1000));
      expect(Math.abs(Number(await stat(page, `var2-${method}`)) - (1 - ab))).toBeLessThan(4.5 * (1 - ab) * Math.sqrt(2 / 999));
    }
    expect(await exampleRoot(page, ID).locator('.ex-status').innerText()).toMatch(/within Monte Carlo error/);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('the cosine schedule keeps more signal at mid t than the linear one, and the choice goes into the URL', async () => {
    const { page } = await openLive('?forward-diffusion.t=500');
    const linear = Number(await stat(page, 'alphabar'));
    await page.locator('[data-fd="schedule"]').selectOption('cosine');
    const cosine = Number(await stat(page, 'alphabar'));
    expect(cosine).toBeGreaterThan(linear);
    expect(new URL(page.url()).searchParams.get('forward-diffusion.schedule')).toBe('cosine');
    await page.locator('[data-fd="dataset"]').selectOption('twoMoons');
    expect((await exampleRoot(page, ID).locator('svg.fd-scatter title').textContent()) ?? '').toMatch(/^Two moons/);
    await page.close();
  });

  test('a malformed URL parameter is ignored with a notice', async () => {
    const { page, problems } = await openLive('?forward-diffusion.schedule=quadratic');
    const notice = exampleRoot(page, ID).locator('.ex-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/forward-diffusion\.schedule must be one of linear, cosine \(got “quadratic”\)/);
    expect(Number(await stat(page, 'alphabar'))).toBeCloseTo(linearAlphaBar(250), 3);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
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
      await page.goto(`${origin}/diffusion/`);
      await exampleRoot(page, ID).scrollIntoViewIfNeeded();
      await waitForState(page, ID, 'idle', 20_000);
      expect(await axeViolations(page, '#example-forward-diffusion'), `the ${theme} theme`).toEqual([]);
      await context.close();
    }
  });

  test('a test digit: picked in the URL and the select, drawn pixel for pixel, scrubbed to noise, one step and the chain agree', async () => {
    const images = new Uint8Array(readFileSync(path.resolve('public/data/mnist-test-images.u8')));
    const { page, problems, requests } = await openLive('?forward-diffusion.dataset=digit&forward-diffusion.digit=3&forward-diffusion.t=0');
    const root = exampleRoot(page, ID);
    const canvas = root.locator('canvas.fd-digit');
    const digitShown = (i: string) =>
      page.waitForFunction((d) => document.querySelector('[data-example="forward-diffusion"]')?.getAttribute('data-digit') === d, i);
    /** The canvas's red channel (grey): ink dark, 255 − p at t = 0. */
    const greys = () =>
      canvas.evaluate((c: HTMLCanvasElement) =>
        Array.from(
          c
            .getContext('2d')!
            .getImageData(0, 0, 28, 28)
            .data.filter((_, i) => i % 4 === 0),
        ),
      );
    await digitShown('3');
    expect(await root.locator('svg.fd-scatter').isVisible()).toBe(false);
    expect(await canvas.evaluate((c) => [getComputedStyle(c).imageRendering, c.getBoundingClientRect().width])).toEqual(['pixelated', 196]);
    expect(await canvas.getAttribute('aria-label')).toMatch(/^Test digit No\. 3, a zero: x_t at t = 0 .*the digit itself/);
    expect(await greys()).toEqual(Array.from(images.subarray(3 * 784, 4 * 784), (p) => 255 - p));
    // Its bytes were fetched once, and nothing of TF.js or a worker.
    expect(requests.filter((u) => u.endsWith('mnist-test-images.u8'))).toHaveLength(1);
    expect(requests.filter((u) => /worker|\.wasm|tfjs|weights/.test(u))).toEqual([]);

    // Scrubbed to T the digit is gone: its pixels no longer follow the digit's.
    const t = page.locator('#ex-fd-t');
    await t.focus();
    await page.keyboard.press('End');
    expect(await canvas.getAttribute('aria-label')).toMatch(/at t = 1000 .*almost pure noise/);
    const noisy = await greys();
    const ink = Array.from(images.subarray(3 * 784, 4 * 784), (p) => p / 255);
    const corr = (a: number[], b: number[]) => {
      const m = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
      const [ma, mb] = [m(a), m(b)];
      const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i] - mb), 0);
      return cov / Math.sqrt(a.reduce((s, x) => s + (x - ma) ** 2, 0) * b.reduce((s, x) => s + (x - mb) ** 2, 0));
    };
    expect(Math.abs(corr(noisy, ink))).toBeLessThan(0.15);

    // Another digit from the select; the URL follows.
    await root.locator('[data-fd="digit"]').selectOption('1');
    await digitShown('1');
    expect(new URL(page.url()).searchParams.get('forward-diffusion.digit')).toBe('1');

    // Compare at t = 100 (Home, then PageUp: a tenth of the range).
    await t.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('PageUp');
    expect(await page.locator('[data-fd-out="t"]').innerText()).toBe('100');
    await page.getByRole('button', { name: 'Compare one step with the chain' }).click();
    await page.waitForFunction(() => document.querySelector('[data-example="forward-diffusion"]')?.hasAttribute('data-agreement'), null, { timeout: 60_000 });
    expect(Number(await root.getAttribute('data-agreement'))).toBeLessThan(1.3);
    const ab = linearAlphaBar(100);
    expect(Number(await stat(page, 'var1-exact'))).toBeCloseTo(1 - ab, 3);
    for (const method of ['one', 'chain']) {
      expect(Math.abs(Number(await stat(page, `var1-${method}`)) - (1 - ab))).toBeLessThan(0.01);
      expect(Math.abs(Number(await stat(page, `mean2-${method}`)) - 1)).toBeLessThan(0.15);
    }
    expect(await root.locator('[data-fd-row="mean2"]').innerText()).toBe('Pixel means: RMS z vs closed form');
    expect(await root.locator('.ex-status').innerText()).toMatch(/as Monte Carlo error alone would give/);
    expect(await axeViolations(page, '#example-forward-diffusion')).toEqual([]);

    // Back to a 2-D set: the scatter returns.
    await root.locator('[data-fd="dataset"]').selectOption('twoMoons');
    expect(await root.locator('svg.fd-scatter').isVisible()).toBe(true);
    expect(await canvas.isVisible()).toBe(false);
    expect(await root.locator('[data-fd-row="mean2"]').innerText()).toBe('Mean of x₂');
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });
});
