/**
 * The MNIST diffusion example (chapter 4) on the built site, in headless Chromium: the committed
 * samples as a picture without JavaScript; live on WASM, 16 digits denoised in K = 50 respaced steps
 * with x_t and x̂_0 drawn, a keyboard-operable step slider, "New digits" as a new seed in the URL, all
 * T steps chosen, and sampling that pauses off screen until Resume; forced CPU and WebGL with four 3s asked
 * for, and WebGPU (SwiftShader) with four digits in 10 steps;
 * a malformed URL parameter ignored with a notice; axe in both themes; a 360 px phone; no console error,
 * CSP violation or foreign request. Sampling times are `npm run bench -- examples`, not tests.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS } from './browser.ts';
import { exampleRoot, hook, openExample } from './exampleHooks.ts';

const ID = 'ddpm-digits';
const NO_PROBLEMS = { consoleErrors: [], foreignRequests: [], cspViolations: [] };

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const openLive = (query = '', viewport = { width: 1280, height: 900 }) => openExample(browser, origin, '/ddpm/', ID, query, viewport);
const attr = (page: Page, name: string) => exampleRoot(page, ID).getAttribute(name);

/** Waits until data-sampling is `state` (and, for done, data-frame is `frames`). */
async function waitForSampling(page: Page, state: string, frames?: number, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    ([i, s, f]) => {
      const el = document.querySelector(`[data-example="${i}"]`);
      return el?.getAttribute('data-sampling') === s && (f === null || el.getAttribute('data-frame') === String(f));
    },
    [ID, state, frames ?? null] as const,
    { timeout },
  );
}

/** Share of a canvas's pixels that are not white (ink), read back from the page. */
const inkShare = (page: Page, selector: string) =>
  exampleRoot(page, ID)
    .locator(selector)
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let k = 0; k < d.length; k += 4) if (d[k] < 200) ink++;
      return ink / (d.length / 4);
    });

describe('the ddpm-digits example (chapter 4)', () => {
  test('without JavaScript it shows the committed samples as a picture with a text alternative, and no dead controls', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/ddpm/`);
    const figure = page.locator('#example-ddpm-digits');
    await figure.scrollIntoViewIfNeeded();
    const img = figure.locator('img.ex-dd-preview');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 112)).toBe(true);
    expect(await img.getAttribute('alt')).toMatch(/16 .*digits.*200 reverse steps/);
    expect(await figure.locator('.ex-controls').isVisible()).toBe(false);
    expect(await figure.locator('canvas:visible').count()).toBe(0);
    expect(await figure.locator('figcaption a[href="#eq-vdm-sampling-step"]').count()).toBe(1);
    await context.close();
  });

  test('on WASM: 50 respaced steps draw x_t and x̂_0; the slider scrubs them; new digits, all T steps, and a pause off screen', async () => {
    const { page, problems } = await openLive('?backend=wasm');
    expect(await hook(page, ID, 'backend')).toBe('wasm');
    await waitForSampling(page, 'done', 50);
    expect(Number(await attr(page, 'data-sample-ms'))).toBeGreaterThan(0);
    // MNIST is mostly background: finished digits ink a minority of pixels, pure noise about half of them.
    const inkDone = await inkShare(page, '.ex-dd-xt');
    expect(inkDone).toBeGreaterThan(0.03);
    expect(inkDone).toBeLessThan(0.4);
    expect(await inkShare(page, '.ex-dd-x0')).toBeGreaterThan(0.03);
    // The slider from the keyboard: Home is x_T, pure noise.
    const slider = exampleRoot(page, ID).locator('.ex-dd-frame');
    await slider.focus();
    await page.keyboard.press('Home');
    expect(await exampleRoot(page, ID).locator('.ex-dd-frame-out').innerText()).toMatch(/^Step 0 of 50: t = 200 \(pure noise\)/);
    expect(await inkShare(page, '.ex-dd-xt')).toBeGreaterThan(0.4);
    await page.keyboard.press('End');
    expect(await exampleRoot(page, ID).locator('.ex-dd-xt').getAttribute('aria-label')).toMatch(/t = 0 of 200, the finished samples/);

    // New digits: the next seed, in the URL, and a new chain.
    await exampleRoot(page, ID).getByRole('button', { name: 'New digits' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('seed') === '2');
    await waitForSampling(page, 'done', 50);

    // All T steps, then away from the screen before the chain is done: it pauses, and resumes on request.
    await exampleRoot(page, ID).locator('[data-setting="steps"]').selectOption('200');
    await page.waitForFunction(
      (i) => {
        const el = document.querySelector(`[data-example="${i}"]`);
        return el?.getAttribute('data-sampling') === 'running' && Number(el.getAttribute('data-frame')) >= 1;
      },
      ID,
      { polling: 10 },
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForSampling(page, 'paused');
    // Off screen the figure is not drawn (content-visibility), so its text is read from the DOM, not the layout.
    expect(await exampleRoot(page, ID).locator('.ex-status').textContent()).toMatch(/left the screen/);
    expect(new URL(page.url()).searchParams.get('ddpm-digits.steps')).toBe('200');
    const pausedAt = Number(await attr(page, 'data-frame'));
    await page.waitForTimeout(300);
    expect(Number(await attr(page, 'data-frame'))).toBe(pausedAt);
    await exampleRoot(page, ID).scrollIntoViewIfNeeded();
    await exampleRoot(page, ID).getByRole('button', { name: 'Resume' }).click();
    // Resumed: steps come again (the rest of the 200 are not waited for, to keep the suite fast).
    await page.waitForFunction(([i, f]) => Number(document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-frame')) > f, [ID, pausedAt] as const, {
      timeout: 30_000,
    });
    expect(await attr(page, 'data-sampling')).toMatch(/running|done/);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  }, 180_000);

  test.each(['cpu', 'webgl'])(
    'forced %s with four 3s asked for; a malformed steps value is ignored with a notice',
    async (backend) => {
      const { page, problems } = await openLive(`?backend=${backend}&ddpm-digits.digits=4&ddpm-digits.steps=7&ddpm-digits.digit=3&ddpm-digits.guidance=3`);
      expect(await hook(page, ID, 'backend')).toBe(backend);
      const notice = exampleRoot(page, ID).locator('.ex-notice');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toMatch(/ddpm-digits\.steps must be one of 200, 100, 50, 25, 10 \(got “7”\)/);
      await waitForSampling(page, 'done', 50, 120_000);
      expect(
        await exampleRoot(page, ID)
          .locator('.ex-dd-xt')
          .evaluate((c: HTMLCanvasElement) => c.width),
      ).toBe(56); // 2 × 2 digits
      expect(await exampleRoot(page, ID).locator('.ex-status').innerText()).toMatch(/Done: 4 digits \(only 3s, guidance w = 3\) from 50 reverse steps/);
      expect(await exampleRoot(page, ID).locator('[data-setting="digit"]').inputValue()).toBe('3');
      await page.close();
      expect(problems).toEqual(NO_PROBLEMS);
    },
    180_000,
  );

  test('forced WebGPU (software, small shapes: four digits, 10 steps) samples digits, not noise', async () => {
    const { page, problems } = await openLive('?backend=webgpu&ddpm-digits.digits=4&ddpm-digits.steps=10');
    expect(await hook(page, ID, 'backend')).toBe('webgpu');
    await waitForSampling(page, 'done', 10, 120_000);
    const ink = await inkShare(page, '.ex-dd-xt');
    expect(ink).toBeGreaterThan(0.03);
    expect(ink).toBeLessThan(0.4);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  }, 180_000);

  test('axe finds nothing in either theme once sampled, and it fits a 360 px phone', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${origin}/ddpm/?ddpm-digits.digits=4&ddpm-digits.steps=10`);
      await exampleRoot(page, ID).scrollIntoViewIfNeeded();
      await waitForSampling(page, 'done', 10);
      expect(await axeViolations(page, '#example-ddpm-digits'), `the ${theme} theme`).toEqual([]);
      const box = (await exampleRoot(page, ID).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await context.close();
    }
  }, 120_000);
});
