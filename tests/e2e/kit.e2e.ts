/**
 * What the example kit promises for every example, in headless Chromium on the built site, through
 * the documented test hooks only (CONTRIBUTING.md): training pauses off screen and in a hidden tab and
 * resumes only on request; Reset clears the old run's readouts; every backend trains (small shapes,
 * set through the URL); a diverging learning rate from the URL stops with the message and the last
 * good weights; malformed URL parameters show a notice; new settings never discard a run silently;
 * the receipt's weight hash is deterministic, and the same as Node's for the same run.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openSite, SOFTWARE_GPU_ARGS, watchPage, type PageProblems } from './browser.ts';
import { exampleRoot, hideTab, hook, showTab, statusText, waitForState, waitForStep } from './exampleHooks.ts';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const NO_PROBLEMS = { consoleErrors: [], foreignRequests: [], cspViolations: [] };

/** The training examples, where they live, and URL settings that make their steps small. */
const TRAINABLE = [
  { id: 'vae', page: '/vae/', small: 'vae.width=16&vae.batch=8' },
  // Each snapshot samples 100 points through K = 10 respaced steps (not 1,000 through 25): these tests are about training.
  { id: 'ddpm-2d', page: '/ddpm/', small: 'ddpm-2d.batch=16&ddpm-2d.samples=100&ddpm-2d.sampler=10' },
] as const;

async function open(pagePath: string, id: string, query: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems = watchPage(page, origin);
  await page.goto(`${origin}${pagePath}?${query}`);
  await exampleRoot(page, id).scrollIntoViewIfNeeded();
  await waitForState(page, id, 'idle');
  return { page, problems };
}

const button = (page: Page, id: string, name: RegExp | string) => exampleRoot(page, id).getByRole('button', { name });

describe.each(TRAINABLE)('$id on the kit', ({ id, page: pagePath, small }) => {
  test('pauses when it leaves the screen and when the tab is hidden, says so, resumes only on request; Reset clears the run', async () => {
    const { page, problems } = await open(pagePath, id, small);
    await button(page, id, /^Train/).click();
    await waitForStep(page, id, 1);
    expect(await hook(page, id, 'state')).toBe('running');

    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForState(page, id, 'paused');
    expect(await statusText(page, id)).toMatch(/Paused at step [\d,]+ because the example left the screen/);
    const held = await hook(page, id, 'step');
    await exampleRoot(page, id).scrollIntoViewIfNeeded();
    await page.waitForTimeout(700);
    expect(await hook(page, id, 'state')).toBe('paused'); // back on screen, still paused
    expect(await hook(page, id, 'step')).toBe(held);

    await button(page, id, /^Train/).click();
    await waitForState(page, id, 'running');
    await hideTab(page);
    await waitForState(page, id, 'paused');
    expect(await statusText(page, id)).toMatch(/because the tab was hidden/);
    await showTab(page);
    await page.waitForTimeout(500);
    expect(await hook(page, id, 'state')).toBe('paused');

    expect(await hook(page, id, 'loss')).not.toBeNull();
    await button(page, id, /^Reset/).click();
    await waitForState(page, id, 'idle');
    expect(await hook(page, id, 'step')).toBe('0');
    expect(await hook(page, id, 'loss')).toBeNull();
    expect(await exampleRoot(page, id).locator('[data-stat="ms"]').innerText()).toBe('–');
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });

  test('a learning rate that diverges, set through the URL, stops the run with the message and the last good weights', async () => {
    const { page, problems } = await open(pagePath, id, `${small}&${id}.lr=1000000`);
    await button(page, id, /^Train/).click();
    await waitForState(page, id, 'diverged');
    const status = await statusText(page, id);
    const [, restored] = /the weights of step ([\d,]+) were restored/.exec(status) ?? [];
    expect(status).toMatch(/The loss became NaN at step [\d,]+: training stopped/);
    expect(Number(restored.replace(/,/g, ''))).toBe(Number(await hook(page, id, 'step')));
    expect(await button(page, id, /^Train/).isDisabled()).toBe(true);
    expect(await button(page, id, /^Reset/).isEnabled()).toBe(true);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe('every backend trains the vae (small shapes)', () => {
  // One page per backend for the vae and vae-latent checks on it (both examples are on /vae/; a load costs seconds on CI's 2 cores).
  let current: { backend: string; page: Page; problems: PageProblems } | null = null;
  const closeOpen = async () => {
    if (!current) return;
    await current.page.close();
    const { problems } = current;
    current = null;
    expect(problems).toEqual(NO_PROBLEMS);
  };
  const backendPage = async (backend: string) => {
    if (current?.backend !== backend) {
      await closeOpen();
      current = { backend, ...(await open('/vae/', 'vae', `backend=${backend}&vae.width=16&vae.batch=8&vae.steps=20`)) };
    }
    return current.page;
  };
  afterAll(closeOpen);

  for (const backend of ['wasm', 'cpu', 'webgl', 'webgpu']) {
    test(`?backend=${backend}`, async () => {
      const page = await backendPage(backend);
      expect(await hook(page, 'vae', 'backend')).toBe(backend);
      await button(page, 'vae', /^Train/).click();
      await waitForState(page, 'vae', 'done');
      expect(await hook(page, 'vae', 'step')).toBe('20');
      expect(Number.isFinite(Number(await hook(page, 'vae', 'loss')))).toBe(true);
      expect(current!.problems).toEqual(NO_PROBLEMS);
    });

    if (backend !== 'wasm') {
      test(`vae-latent decodes on ?backend=${backend}`, async () => {
        const page = await backendPage(backend);
        await exampleRoot(page, 'vae-latent').scrollIntoViewIfNeeded();
        await page.waitForFunction(() => document.querySelector('[data-example="vae-latent"]')?.getAttribute('data-decoded') != null, null, {
          timeout: 90_000,
        });
        expect(await hook(page, 'vae-latent', 'backend')).toBe(backend);
        await closeOpen();
      });
    }
  }

  test('ddpm-2d trains on the CPU backend too', async () => {
    const { page, problems } = await open('/ddpm/', 'ddpm-2d', 'backend=cpu&ddpm-2d.batch=16&ddpm-2d.samples=100&ddpm-2d.sampler=10&ddpm-2d.steps=50');
    expect(await hook(page, 'ddpm-2d', 'backend')).toBe('cpu');
    await button(page, 'ddpm-2d', /^Train/).click();
    await waitForState(page, 'ddpm-2d', 'done');
    expect(await hook(page, 'ddpm-2d', 'step')).toBe('50');
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe('settings and the URL', () => {
  test('malformed parameters are ignored with a visible notice, and the URL is cleaned', async () => {
    const { page, problems } = await open('/vae/', 'vae', 'vae.latent=7&seed=abc&vae.colour=red');
    const notice = exampleRoot(page, 'vae').locator('.ex-notice');
    expect(await notice.isVisible()).toBe(true);
    const text = await notice.innerText();
    expect(text).toMatch(/vae\.latent must be one of 2, 20 \(got “7”\)/);
    expect(text).toMatch(/seed is not a number \(got “abc”\)/);
    expect(text).toMatch(/vae\.colour is not a setting of this example/);
    expect(await exampleRoot(page, 'vae').locator('[data-setting="latent"]').inputValue()).toBe('2');
    const params = new URL(page.url()).searchParams;
    expect([params.get('vae.latent'), params.get('seed'), params.get('vae.colour')]).toEqual([null, null, null]);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });

  test('a new setting during a run asks first: Keep keeps the run and its setting, Start over replaces it and writes the URL', async () => {
    const { page, problems } = await open('/vae/', 'vae', 'vae.width=16&vae.batch=8');
    const root = exampleRoot(page, 'vae');
    await button(page, 'vae', /^Train/).click();
    await waitForStep(page, 'vae', 20);
    await button(page, 'vae', /^Pause/).click();
    await waitForState(page, 'vae', 'paused');
    const step = await hook(page, 'vae', 'step');
    await root.locator('[data-setting="latent"]').selectOption('20');
    expect(await root.locator('.ex-confirm').isVisible()).toBe(true);
    expect(await hook(page, 'vae', 'state')).toBe('paused');
    await root.getByRole('button', { name: 'Keep the current run' }).click();
    expect(await root.locator('.ex-confirm').isVisible()).toBe(false);
    expect(await root.locator('[data-setting="latent"]').inputValue()).toBe('2');
    expect(await hook(page, 'vae', 'step')).toBe(step);

    await root.locator('[data-setting="latent"]').selectOption('20');
    await root.getByRole('button', { name: 'Start over with the new settings' }).click();
    await waitForState(page, 'vae', 'idle');
    expect(await hook(page, 'vae', 'step')).toBe('0');
    expect(new URL(page.url()).searchParams.get('vae.latent')).toBe('20');
    await root.getByRole('button', { name: 'Copy link' }).click();
    expect(await root.locator('.ex-link').innerText()).toMatch(/vae\.latent=20.*seed=1/);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

const SMALL_VAE = 'vae.width=16&vae.batch=8';

/** Trains the small vae shown in `page` to the end, opens the receipt, checks what it says, and returns its weights hash. */
async function receiptHash(page: Page, backend: string, seed: number, steps: number): Promise<string> {
  await button(page, 'vae', /^Train/).click();
  await waitForState(page, 'vae', 'done');
  await button(page, 'vae', /^Receipt/).click();
  const cell = exampleRoot(page, 'vae').locator('[data-weights-hash]');
  await cell.waitFor();
  const hash = (await cell.getAttribute('data-weights-hash'))!;
  expect(await exampleRoot(page, 'vae').locator('.ex-receipt').innerText()).toMatch(
    new RegExp(`Seed\\s+${seed}[\\s\\S]*Backend\\s+${backend}[\\s\\S]*Steps\\s+${steps}`),
  );
  return hash;
}

/** Opens a fresh page with the small vae on `backend` with `seed`, to `steps`. */
const openSmallVae = (backend: string, seed: number, steps: number) => open('/vae/', 'vae', `backend=${backend}&seed=${seed}&${SMALL_VAE}&vae.steps=${steps}`);

/** Trains the small vae to `steps` on `backend` with `seed` in a fresh page and returns the receipt's hash. */
async function browserHash(backend: string, seed: number, steps: number): Promise<string> {
  const { page, problems } = await openSmallVae(backend, seed, steps);
  const hash = await receiptHash(page, backend, seed, steps);
  await page.close();
  expect(problems).toEqual(NO_PROBLEMS);
  return hash;
}

/** The same run in Node: the kit's worker runtime itself, with files read from public/. */
async function nodeHash(backend: string, seed: number, steps: number): Promise<string> {
  const tf = await import('@tensorflow/tfjs');
  const { createRuntime } = await import('../../src/islands/kit/runtime.ts');
  const { parseSettings } = await import('../../src/islands/kit/settings.ts');
  const { SPEC } = await import('../../src/islands/vae/config.ts');
  const { settings } = parseSettings(SPEC, 'vae', `?${SMALL_VAE}&vae.steps=${steps}`);
  const messages: { type: string; [k: string]: unknown }[] = [];
  const handle = createRuntime({
    post: (msg) => messages.push(msg as unknown as (typeof messages)[number]),
    loadAdapter: async () => (await import('../../src/islands/vae/adapter.ts')).createAdapter,
    fetch: (async (url: string) => new Response(await readFile(path.resolve('public', String(url))))) as typeof fetch,
  });
  await tf.ready(); // some backend must exist before tf.memory() can count
  const tensorsBefore = tf.memory().numTensors;
  await handle({ type: 'init', example: 'vae', backend: backend as 'wasm', settings, seed, base: '' });
  await handle({ type: 'train' });
  for (let i = 0; i < 3000 && !messages.some((m) => m.type === 'state' && m.state === 'done'); i++) await new Promise((r) => setTimeout(r, 20));
  await handle({ type: 'receipt' });
  await handle({ type: 'dispose' });
  // The model, the trainer and the adapter's held-out digits are all freed.
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  const receipt = messages.find((m) => m.type === 'receipt');
  if (!receipt) throw new Error(`no receipt: ${JSON.stringify(messages.filter((m) => m.type === 'error'))}`);
  return receipt.hash as string;
}

describe('run receipts', () => {
  /** Chromium's hash for seed 5 and 40 steps, by backend: the first test's, which the Node comparison reuses (it is the same run). */
  const chromium = new Map<string, string>();

  test.each(['wasm', 'cpu'])('on %s the same settings and seed give the same weights hash, and a different seed another', async (backend) => {
    const a = await browserHash(backend, 5, 40);
    chromium.set(backend, a);
    // A second fresh page, then another seed there: the reader confirms that it replaces the finished run.
    const { page, problems } = await openSmallVae(backend, 5, 40);
    const b = await receiptHash(page, backend, 5, 40);
    const seed = exampleRoot(page, 'vae').locator('[data-setting="seed"]');
    await seed.fill('6');
    await seed.dispatchEvent('change');
    await button(page, 'vae', 'Start over with the new settings').click();
    await waitForState(page, 'vae', 'idle');
    const c = await receiptHash(page, backend, 6, 40);
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  test.each(['wasm', 'cpu'])('on %s Node, running the same worker runtime, gets the hash Chromium gets', async (backend) => {
    expect(await nodeHash(backend, 5, 40)).toBe(chromium.get(backend) ?? (await browserHash(backend, 5, 40)));
  });
});
