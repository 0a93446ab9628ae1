/**
 * The `hvae` example of chapter 2 in headless Chromium on the built site: the pretrained model without
 * JavaScript (bars drawn at build time, curve table, images); live, the pretrained model's held-out
 * bars as the worker evaluates them; with β = 4 a run from scratch on WASM whose loss falls and whose
 * top layer stays collapsed, tied to the equation's terms, pausing off screen; the CPU backend and a
 * malformed URL parameter; axe in both themes and a 360 px phone. Small shapes except where the
 * numbers are the point. Timings are `npm run bench -- examples`, not tests.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite } from './browser.ts';
import { exampleRoot, hook, openExample, statusText, waitForState, waitForStep } from './exampleHooks.ts';
import preview from '../../public/models/hvae/preview.json';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => stop?.());

const ID = 'hvae';
const NO_PROBLEMS = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
const root = (page: Page) => exampleRoot(page, ID);
const TERMS = ['hvae-reconstruction', 'consistency', 'top-prior-matching'];
/** The three numbers of the bars, read from the SVG's value labels. */
const barValues = (page: Page) =>
  root(page)
    .locator('.ex-hv-bars .hv-value')
    .allTextContents()
    .then((t) => t.map((s) => Number(s.replace('−', '-'))));

describe('the hvae example (chapter 2)', () => {
  test('without JavaScript: the pretrained model’s bars, tied to the equation’s terms, its curve table and pictures, no dead controls', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/vae/`);
    const figure = page.locator('#example-hvae');
    await figure.scrollIntoViewIfNeeded();
    expect(await figure.locator('.ex-hv-bars rect[data-term]').evaluateAll((els) => els.map((e) => e.getAttribute('data-term')))).toEqual(TERMS);
    expect(await figure.locator('.ex-hv-bars svg title').textContent()).toContain(`reconstruction ${preview.heldOut.reconstruction.toFixed(1)}`);
    expect(await figure.locator('.ex-hv-bars-text').innerText()).toMatch(/^−ELBO [\d.]+ nats per digit/);
    expect(await figure.locator('table.ex-hv-table tbody tr').count()).toBe(10);
    for (const img of await figure.locator('img').all()) expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await figure.locator('.ex-controls').isVisible()).toBe(false);
    expect(await figure.locator('canvas:visible').count()).toBe(0);
    expect(await figure.locator('.ex-hv-legend a').getAttribute('href')).toBe('#eq-hvae-elbo-layers');
    // Each term is marked once in the equation.
    for (const t of TERMS) expect(await page.locator(`#eq-hvae-elbo-layers [data-term="${t}"]`).count()).toBe(1);
    await context.close();
  });

  test('live on WASM: the pretrained bars as evaluated here; with β = 4 from scratch the loss falls, the top layer stays collapsed, it pauses off screen', async () => {
    const { page, problems } = await openExample(browser, origin, '/vae/', ID, '?backend=wasm');
    expect(await hook(page, ID, 'backend')).toBe('wasm');
    expect(await hook(page, ID, 'step')).toBe('4690');
    await page.waitForSelector('.ex-hv-bars[data-step="4690"]'); // the worker's evaluation replaced the build's bars
    const [rec, kl1, kl2] = await barValues(page);
    // The worker evaluates the same 1,000 digits with the same noise seed as the build script did (a backend's rounding aside).
    expect(Math.abs(rec - preview.heldOut.reconstruction)).toBeLessThan(0.5);
    expect(Math.abs(kl1 - preview.heldOut.klZ1)).toBeLessThan(0.5);
    expect(kl2).toBeGreaterThan(5); // on the ELBO the top layer is used

    // β = 4 is a new recipe: a fresh model; full width, small batches so that a few hundred steps are quick.
    await root(page).locator('[data-setting="beta"]').selectOption('4');
    await waitForState(page, ID, 'idle');
    expect(await hook(page, ID, 'step')).toBe('0');
    const losses: number[] = [];
    await root(page)
      .getByRole('button', { name: /^Train/ })
      .click();
    for (const step of [20, 200]) {
      await waitForStep(page, ID, step, 180_000);
      losses.push(Number(await hook(page, ID, 'loss')));
    }
    await page.waitForFunction(() => Number(document.querySelector('.ex-hv-bars')?.getAttribute('data-step')) >= 200, null, { timeout: 60_000 });
    expect(await root(page).locator('.ex-hv-bars-who').innerText()).toMatch(/^step [\d,]+$/);
    expect(losses[1]).toBeLessThan(losses[0] - 50);
    const [, layer1, top] = await barValues(page);
    expect(top).toBeLessThan(0.5); // collapsed
    expect(layer1).toBeGreaterThan(top);
    expect(await root(page).locator('.ex-hv-bars-text').innerText()).toMatch(/the top layer has collapsed/);

    // The bars and the equation's terms light up together.
    const bar = root(page).locator('.ex-hv-bars rect[data-term="top-prior-matching"]');
    await bar.hover();
    expect(await page.locator('#eq-hvae-elbo-layers [data-term="top-prior-matching"]').getAttribute('data-active')).not.toBeNull();
    await page.mouse.move(1, 1);

    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForState(page, ID, 'paused');
    expect(await statusText(page, ID)).toMatch(/because the example left the screen/);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });

  test('trains on the CPU backend; a malformed URL parameter is ignored with a notice', async () => {
    const { page, problems } = await openExample(browser, origin, '/vae/', ID, '?backend=cpu&hvae.beta=7&hvae.width=16&hvae.batch=8');
    const notice = root(page).locator('.ex-notice');
    expect(await notice.innerText()).toMatch(/hvae\.beta must be one of 1, 4 \(got “7”\)/);
    expect(await root(page).locator('[data-setting="beta"]').inputValue()).toBe('1');
    await root(page)
      .getByRole('button', { name: /^Train/ })
      .click();
    await waitForStep(page, ID, 40);
    expect(await hook(page, ID, 'backend')).toBe('cpu');
    expect(Number(await hook(page, ID, 'loss'))).toBeGreaterThan(0);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });

  test('axe finds no violation with a run on screen, in either theme, and it fits a 360 px phone', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const viewport = colorScheme === 'dark' ? { width: 360, height: 740 } : { width: 1280, height: 900 };
      const context = await browser.newContext({ colorScheme, viewport });
      const page = await context.newPage();
      await page.goto(`${origin}/vae/?hvae.width=16&hvae.batch=8&hvae.steps=20000`);
      await root(page).scrollIntoViewIfNeeded();
      await waitForState(page, ID, 'idle');
      await root(page)
        .getByRole('button', { name: /^Train/ })
        .click();
      await waitForStep(page, ID, 20);
      // Paused with the run on screen (live bars, curves, pictures): axe on this long page is slow enough without a worker competing.
      await root(page)
        .getByRole('button', { name: /^Pause/ })
        .click();
      await waitForState(page, ID, 'paused');
      expect(await axeViolations(page, '#example-hvae'), `the ${colorScheme} theme`).toEqual([]);
      if (colorScheme === 'dark') {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        const box = (await page.locator('#example-hvae').boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(360);
      }
      await context.close();
    }
  }, 240_000);
});
