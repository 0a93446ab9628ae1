/**
 * The interactive examples (chapters 2 and 3) as a reader meets them, in headless Chromium on the built
 * site: a real static figure without JavaScript, nothing heavy loaded before it scrolls into view,
 * then a model that trains in a worker, pauses, resumes and resets from the keyboard, on the backend
 * it names, with no console error, CSP violation or foreign request, and nothing axe objects to.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS, watchPage, type PageProblems } from './browser.ts';
import { pointAtPlane } from './exampleHooks.ts';

const preview = JSON.parse(readFileSync(path.resolve('public/models/ddpm2d/preview.json'), 'utf8')) as { samples: number[] };

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  // As on a machine without a GPU: WebGPU and WebGL exist, but only in software.
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const example = (page: Page) => page.locator('[data-example="ddpm-2d"]');
const state = (page: Page) => example(page).getAttribute('data-state');
const waitForState = (page: Page, wanted: string, timeout = 60_000) =>
  page.waitForFunction((w) => document.querySelector('[data-example="ddpm-2d"]')?.getAttribute('data-state') === w, wanted, { timeout });
/** The training step the example shows ("1,250 / 3,000" → 1250). */
const shownStep = async (page: Page) => Number((await example(page).locator('[data-stat="step"]').innerText()).split('/')[0].replace(/[^0-9]/g, ''));
const shownLoss = async (page: Page) => Number(await example(page).locator('[data-stat="loss"]').innerText());

/** Opens `url` in each theme, brings the example `tag` into view, waits with `ready`, and runs axe on `scope`. */
async function expectAxeClean(url: string, tag: string, ready: (page: Page) => Promise<unknown>, scope: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(`${origin}${url}`);
    await page.locator(tag).scrollIntoViewIfNeeded();
    await ready(page);
    expect(await axeViolations(page, scope), `${url} in the ${theme} theme`).toEqual([]);
    await context.close();
  }
}

/** Until the VAE example has decoded its first digit. */
const waitForDecoded = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-example="vae-latent"]')?.getAttribute('data-decoded') != null, null, { timeout: 60_000 });

async function openLive(query = ''): Promise<{ page: Page; problems: PageProblems; requests: string[] }> {
  const page = await browser.newPage();
  const problems = watchPage(page, origin);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${origin}/ddpm/${query}`);
  await example(page).scrollIntoViewIfNeeded();
  await waitForState(page, 'idle');
  return { page, problems, requests };
}

describe('the 2-D diffusion example (chapter 4)', () => {
  test('without JavaScript it is a static figure of the pretrained model’s samples, with no dead controls', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/ddpm/`);
    const svg = example(page).locator('.ex-d2-static');
    await expect(svg.isVisible()).resolves.toBe(true);
    // Every preview sample inside the plotted square is drawn (the few outside it are not).
    const drawn = ((await svg.locator('path.ex-sample').getAttribute('d')) ?? '').split('M').length - 1;
    expect(drawn).toBeGreaterThan(0.95 * (preview.samples.length / 2));
    expect(drawn).toBeLessThanOrEqual(preview.samples.length / 2);
    expect(await svg.locator('title').textContent()).toMatch(/8 Gaussians/);
    expect(await example(page).locator('.ex-controls').isVisible()).toBe(false);
    expect(await example(page).locator('.ex-d2-canvas').isVisible()).toBe(false);
    expect(await page.locator('#ex-d2-caption .katex').count()).toBeGreaterThan(0); // the caption's math is typeset
    await context.close();
  });

  test('loads no TensorFlow.js before the example nears the viewport', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}/ddpm/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    expect(requests.filter((u) => /controller|worker|\.wasm|weights/.test(u))).toEqual([]);
    await example(page).scrollIntoViewIfNeeded();
    await waitForState(page, 'idle');
    expect(requests.some((u) => /worker-.*\.js$/.test(u))).toBe(true);
    expect(requests.some((u) => u.endsWith('models/ddpm2d/weights.bin'))).toBe(true);
    await page.close();
  });

  test('shows the pretrained model on the automatic backend and says why it skipped the software GPU backends', async () => {
    const { page, problems } = await openLive();
    expect(await example(page).locator('[data-stat="backend"]').innerText()).toBe('WebAssembly');
    const status = await example(page).locator('.ex-status').innerText();
    expect(status).toMatch(/Running on WebAssembly\. Skipped: WebGPU \(only a software.*\), WebGL \(only a software/);
    expect(await shownStep(page)).toBe(3000);
    expect(await example(page).locator('[data-stat="step"]').innerText()).toMatch(/pretrained/);
    expect(await example(page).locator('.ex-d2-canvas').isVisible()).toBe(true);
    expect(await example(page).locator('.ex-d2-static').isVisible()).toBe(false);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('trains from the keyboard: the loss falls, Pause holds the step, Resume goes on, Reset returns to step 0', async () => {
    const { page, problems } = await openLive();
    await example(page).locator('[data-action="train"]').focus();
    await page.keyboard.press('Enter');
    await waitForState(page, 'running');
    expect(await example(page).locator('[data-stat="step"]').innerText()).not.toMatch(/pretrained/);
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-stat="step"]')
            ?.textContent?.split('/')[0]
            .replace(/[^0-9]/g, ''),
        ) >= 100,
      null,
      { timeout: 60_000 },
    );
    const earlyLoss = await shownLoss(page);
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-stat="step"]')
            ?.textContent?.split('/')[0]
            .replace(/[^0-9]/g, ''),
        ) >= 600,
      null,
      { timeout: 120_000 },
    );
    expect(await shownLoss(page)).toBeLessThan(earlyLoss);
    // Focus moved to Pause when Train was disabled: Space pauses.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('pause');
    await page.keyboard.press('Space');
    await waitForState(page, 'paused');
    const held = await shownStep(page);
    await page.waitForTimeout(800);
    expect(await shownStep(page)).toBe(held);
    expect(await example(page).locator('.ex-status').innerText()).toMatch(/Paused at step/);
    // Resume (focus is back on the Train button, now labelled Resume).
    expect(await example(page).locator('[data-action="train"]').innerText()).toBe('Train (resume)');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('train');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (h) =>
        Number(
          document
            .querySelector('[data-stat="step"]')
            ?.textContent?.split('/')[0]
            .replace(/[^0-9]/g, ''),
        ) > h,
      held,
      { timeout: 60_000 },
    );
    await example(page).locator('[data-action="reset"]').focus();
    await page.keyboard.press('Enter');
    await waitForState(page, 'idle');
    expect(await shownStep(page)).toBe(0);
    expect(await example(page).locator('[data-action="train"]').innerText()).toBe('Train');
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('the reverse-process slider shows x_T as noise and x_0 as samples', async () => {
    const { page } = await openLive();
    const slider = example(page).locator('#ex-d2-frame');
    await slider.focus();
    await page.keyboard.press('Home');
    expect(await example(page).locator('#ex-d2-frame-out').innerText()).toBe('t = 100 (pure noise)');
    await page.keyboard.press('End');
    expect(await example(page).locator('#ex-d2-frame-out').innerText()).toBe('t = 0 (samples)');
    expect(await example(page).locator('.ex-d2-canvas').getAttribute('aria-label')).toMatch(
      /1,000 points of the pretrained model at reverse-process step t = 0/,
    );
    await page.close();
  });

  test('another data set starts a fresh network on it; ?backend=cpu forces the CPU backend', async () => {
    const { page, problems } = await openLive('?backend=cpu');
    expect(await example(page).locator('[data-stat="backend"]').innerText()).toBe('plain JavaScript (CPU)');
    expect(await example(page).locator('[data-setting="backend"]').inputValue()).toBe('cpu');
    await example(page).locator('[data-setting="dataset"]').selectOption('twoMoons');
    await page.waitForFunction(
      () => /after 0 training steps .* Two moons data/.test(document.querySelector('.ex-d2-canvas')?.getAttribute('aria-label') ?? ''),
      null,
      { timeout: 30_000 },
    );
    expect(await state(page)).toBe('idle');
    expect(await shownStep(page)).toBe(0);
    expect(await example(page).locator('[data-stat="step"]').innerText()).not.toMatch(/pretrained/);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test.each([
    ['webgpu', 'WebGPU (google / swiftshader)'],
    ['webgl', 'WebGL (ANGLE'],
  ])('?backend=%s runs the pretrained model there, software adapter or not (the reader asked)', async (name, shown) => {
    const { page, problems } = await openLive(`?backend=${name}`);
    expect(await example(page).locator('[data-stat="backend"]').innerText()).toContain(shown);
    expect(await example(page).locator('.ex-status').innerText()).toMatch(/^Running on Web(GPU|GL)\. Showing the pretrained model/);
    expect(await example(page).locator('.ex-d2-canvas').getAttribute('aria-label')).toMatch(/1,000 points of the pretrained model/);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('axe finds no violation in the running example, in either theme', async () => {
    await expectAxeClean('/ddpm/', '[data-example="ddpm-2d"]', (page) => waitForState(page, 'idle'), '#example-ddpm-2d');
  });
});

describe('the VAE latent-space example (chapter 2)', () => {
  const vae = (page: Page) => page.locator('[data-example="vae-latent"]');
  const decodedAt = (page: Page) => vae(page).getAttribute('data-decoded');
  /** The digit canvas as intensities in [0, 1] (it draws ink dark: v = 255·(1 − p)). */
  const digitPixels = (page: Page) =>
    page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-example="vae-latent"] .ex-vae-digit')!;
      const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      return Array.from({ length: 784 }, (_, i) => 1 - d[4 * i] / 255);
    });

  async function openVae(): Promise<{ page: Page; problems: PageProblems }> {
    const page = await browser.newPage();
    const problems = watchPage(page, origin);
    await page.goto(`${origin}/vae/`);
    await vae(page).scrollIntoViewIfNeeded();
    await waitForDecoded(page);
    return { page, problems };
  }

  test('without JavaScript it is the decoder’s grid of digits, as an image with a full text alternative', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/vae/`);
    const img = vae(page).locator('.ex-vae-preview');
    await img.scrollIntoViewIfNeeded();
    expect(await img.isVisible()).toBe(true);
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(280);
    expect(await img.getAttribute('alt')).toMatch(/10 by 10 grid of digits decoded from the 2-D latent space/);
    expect(await vae(page).locator('.ex-vae-live').isVisible()).toBe(false);
    await context.close();
  });

  test('loads nothing of the model before it nears the viewport', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}/vae/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    expect(requests.filter((u) => /worker|\.wasm|weights|mnist/.test(u))).toEqual([]);
    await vae(page).scrollIntoViewIfNeeded();
    await waitForDecoded(page);
    expect(requests.some((u) => u.endsWith('models/vae/latent2/weights.bin'))).toBe(true);
    expect(requests.some((u) => u.endsWith('data/mnist-test-images.u8'))).toBe(true);
    await page.close();
  });

  test('from the keyboard, the sliders move z and the page shows what src/ml’s decoder gives there', async () => {
    const { page, problems } = await openVae();
    expect(await vae(page).locator('.ex-vae-plane').getAttribute('aria-label')).toMatch(/means of 1000 test digits/);
    await vae(page).locator('[data-z="1"]').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await vae(page).locator('[data-z="2"]').focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('[data-example="vae-latent"]')?.getAttribute('data-decoded') === '0.500,-1.000', null, {
      timeout: 10_000,
    });
    expect(await vae(page).locator('.ex-vae-z').innerText()).toBe('z = (0.50, −1.00)');
    const shown = await digitPixels(page);
    // The same decoder in Node, from the same committed weights.
    const tf = await import('@tensorflow/tfjs');
    const { createVae, decode } = await import('../../src/ml/vae/model.ts');
    const { namedVaeVariables, vaeWeightSpec } = await import('../../src/ml/vae/weights.ts');
    const { assignWeights } = await import('../../src/ml/nn/namedVariables.ts');
    const { readWeights } = await import('../../src/ml/weightFile.ts');
    await tf.setBackend('cpu');
    const json = JSON.parse(readFileSync(path.resolve('public/models/vae/latent2/weights.json'), 'utf8'));
    const weights = await readWeights(
      json,
      new Uint8Array(readFileSync(path.resolve('public/models/vae/latent2/weights.bin'))),
      vaeWeightSpec,
      'latent2/weights.json',
    );
    const model = createVae({ seed: 0, config: weights.config });
    assignWeights(namedVaeVariables(model.params), weights);
    const expected = tf.tidy(() => tf.sigmoid(decode(model.params, tf.tensor2d([[0.5, -1]])))).dataSync();
    model.dispose();
    const worst = Math.max(...shown.map((v, i) => Math.abs(v - expected[i])));
    expect(worst).toBeLessThan(2 / 255); // 8-bit canvas rounding
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('pointing at the plane picks that z; "Sample z from the prior" draws a new one', async () => {
    const { page, problems } = await openVae();
    // Three quarters across and a quarter down: z = (+PLANE/2, +PLANE/2) = (1.75, 1.75).
    await pointAtPlane(page, 'vae-latent', 0.75, 0.25, [1.75, 1.75], 10_000);
    const before = await decodedAt(page);
    await vae(page).locator('[data-action="sample"]').click();
    await page.waitForFunction((b) => document.querySelector('[data-example="vae-latent"]')?.getAttribute('data-decoded') !== b, before, { timeout: 10_000 });
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test('axe finds no violation in the running example, in either theme', async () => {
    await expectAxeClean('/vae/', '[data-example="vae-latent"]', waitForDecoded, '#example-vae-latent');
  });
});

describe('both examples on a phone', () => {
  test.each([
    ['/ddpm/', '[data-example="ddpm-2d"]', (page: Page) => waitForState(page, 'idle')],
    ['/vae/', '[data-example="vae-latent"]', waitForDecoded],
  ] as const)('%s stays within a 360 px wide screen once its example runs', async (url, tag, ready) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${origin}${url}`);
    await page.locator(tag).scrollIntoViewIfNeeded();
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const box = await page.locator(tag).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await context.close();
  });
});
