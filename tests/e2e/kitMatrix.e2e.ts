/**
 * The rest of the kit's test matrix (issue 9) for the three worker examples, beside what kit.e2e.ts,
 * examples.e2e.ts and vae.e2e.ts already check: ddpm-2d on forced WASM, WebGL and WebGPU (small
 * shapes), its malformed URL parameters, its deterministic receipt, axe while it trains in both themes
 * and 360 px while it trains; vae-latent's malformed parameters and forced WASM; and, for all three,
 * that `pagehide` terminates the example's worker and a page back from the back-forward cache starts a
 * new one. Each describe shares one page (CI has 2 cores): its tests run in order on it.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page, Worker as PwWorker } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS, watchPage, type PageProblems } from './browser.ts';
import { exampleRoot, hook, openExample, statusText, waitForState, waitForStep } from './exampleHooks.ts';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const NO_PROBLEMS = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
const button = (page: Page, id: string, name: RegExp | string) => exampleRoot(page, id).getByRole('button', { name });

/**
 * Records every Worker the page makes (by its name: the kit names each after its example) and whether
 * the page terminated it. Playwright's own worker `close` events confirm the thread really ended.
 */
async function recordWorkers(page: Page): Promise<{ closed: () => number; opened: () => number }> {
  await page.addInitScript(() => {
    const log: { name: string; terminated: boolean }[] = [];
    (window as unknown as { __workers: typeof log }).__workers = log;
    const Original = window.Worker;
    window.Worker = class extends Original {
      #entry: { name: string; terminated: boolean };
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.#entry = { name: options?.name ?? '', terminated: false };
        log.push(this.#entry);
      }
      terminate(): void {
        this.#entry.terminated = true;
        super.terminate();
      }
    };
  });
  let opened = 0;
  let closed = 0;
  page.on('worker', (w: PwWorker) => {
    opened++;
    w.on('close', () => closed++);
  });
  return { closed: () => closed, opened: () => opened };
}

/** The workers the page made so far: name and whether it was terminated. */
const workerLog = (page: Page) => page.evaluate(() => (window as unknown as { __workers: { name: string; terminated: boolean }[] }).__workers);

/** Fires what the browser fires when the page is put into, then taken out of, the back-forward cache. */
const pageHide = (page: Page) => page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
const pageShow = (page: Page) => page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));

/** Trains to the end (small `steps` in the URL), opens the receipt, and returns its weights hash. */
async function trainedHash(page: Page, id: string): Promise<string> {
  await button(page, id, /^Train/).click();
  await waitForState(page, id, 'done');
  await button(page, id, /^Receipt/).click();
  const cell = exampleRoot(page, id).locator('[data-weights-hash]');
  await cell.waitFor();
  return (await cell.getAttribute('data-weights-hash'))!;
}

describe('ddpm-2d through the matrix, on one page', () => {
  const id = 'ddpm-2d';
  let page: Page;
  let problems: PageProblems;
  let workers: Awaited<ReturnType<typeof recordWorkers>>;

  beforeAll(async () => {
    ({ page, problems } = await openExample(
      browser,
      origin,
      '/ddpm/',
      id,
      // Small shapes: a batch of 16 and, for every snapshot, 100 points through K = 10 respaced steps (software WebGPU takes ms a kernel).
      '?backend=wasm&seed=3&ddpm-2d.batch=16&ddpm-2d.steps=20&ddpm-2d.samples=100&ddpm-2d.sampler=10&ddpm-2d.dataset=moons&ddpm-2d.lr=-1',
    ));
  });
  afterAll(async () => page?.close());

  test('malformed parameters are named in a notice and the defaults used; the URL keeps only the valid ones', async () => {
    const notice = await exampleRoot(page, id).locator('.ex-notice').innerText();
    expect(notice).toMatch(/ddpm-2d\.dataset must be one of eightGaussians, twoMoons, swissRoll, checkerboard, drawn \(got “moons”\)/);
    expect(notice).toMatch(/ddpm-2d\.lr must be between 0\.000001 and 1000000 \(got “-1”\)/);
    expect(await exampleRoot(page, id).locator('[data-setting="dataset"]').inputValue()).toBe('eightGaussians');
    const params = new URL(page.url()).searchParams;
    expect([params.get('ddpm-2d.dataset'), params.get('ddpm-2d.lr'), params.get('ddpm-2d.steps'), params.get('backend')]).toEqual([null, null, '20', 'wasm']);
  });

  test('on forced WASM the receipt is deterministic: Reset and train again with the seed, the same hash; another seed, another', async () => {
    expect(await hook(page, id, 'backend')).toBe('wasm');
    const first = await trainedHash(page, id);
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    expect(await exampleRoot(page, id).locator('.ex-receipt').innerText()).toMatch(/Seed\s+3[\s\S]*Backend\s+wasm[\s\S]*Steps\s+20/);
    await button(page, id, /^Reset/).click();
    await waitForState(page, id, 'idle');
    expect(await trainedHash(page, id)).toBe(first);
    // A new seed replaces a finished run only once the reader says so.
    await exampleRoot(page, id).locator('[data-setting="seed"]').fill('4');
    await exampleRoot(page, id).locator('[data-setting="seed"]').dispatchEvent('change');
    await button(page, id, 'Start over with the new settings').click();
    await waitForState(page, id, 'idle');
    expect(await trainedHash(page, id)).not.toBe(first);
  });

  test.each([
    ['webgl', 'WebGL'],
    ['webgpu', 'WebGPU'],
  ])('forced %s (software, small shapes) trains to the end with a finite loss', async (backend, shown) => {
    await exampleRoot(page, id).locator('[data-setting="backend"]').selectOption(backend);
    // The run on screen is finished: the reader confirms that a new backend starts over.
    await button(page, id, 'Start over with the new settings').click();
    await waitForState(page, id, 'idle');
    expect(await hook(page, id, 'backend')).toBe(backend);
    expect(await exampleRoot(page, id).locator('[data-stat="backend"]').innerText()).toContain(shown);
    await button(page, id, /^Train/).click();
    await waitForState(page, id, 'done');
    expect(await hook(page, id, 'step')).toBe('20');
    expect(Number.isFinite(Number(await hook(page, id, 'loss')))).toBe(true);
    expect(new URL(page.url()).searchParams.get('backend')).toBe(backend);
  });

  test('while it trains: axe finds nothing in either theme, and the page fits a 360 px screen', async () => {
    workers = await recordWorkers(page); // for the next test: from this navigation on
    await page.goto(`${origin}/ddpm/?ddpm-2d.batch=16&ddpm-2d.steps=20000`);
    await exampleRoot(page, id).scrollIntoViewIfNeeded();
    await waitForState(page, id, 'idle');
    await button(page, id, /^Train/).click();
    await waitForStep(page, id, 20);
    for (const colorScheme of ['light', 'dark'] as const) {
      // The head script reads the system theme once, at load: set data-theme as it would have (the media alone changes nothing).
      await page.emulateMedia({ colorScheme });
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), colorScheme);
      expect(await hook(page, id, 'state'), colorScheme).toBe('running');
      expect(await axeViolations(page, `#example-${id}`), `the ${colorScheme} theme`).toEqual([]);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await exampleRoot(page, id).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const box = (await exampleRoot(page, id).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // The reflow may have taken it off screen for a moment (it pauses then): train on for the next test.
    await page.setViewportSize({ width: 1280, height: 900 });
    await exampleRoot(page, id).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // an off-screen pause, if any, has arrived by now
    if ((await hook(page, id, 'state')) === 'paused') await button(page, id, /^Train/).click();
    await waitForState(page, id, 'running');
  });

  test('pagehide terminates its worker mid-run; back from the cache it starts a new one and shows a fresh model', async () => {
    expect(await hook(page, id, 'state')).toBe('running');
    // This example's workers; the next example (ddpm-digits) may have loaded its own when it came near the
    // screen during the 360 px reflow, and pagehide ends that one too.
    const mine = async () => (await workerLog(page)).filter((w) => w.name === id);
    expect(await mine()).toEqual([{ name: id, terminated: false }]);
    const opened = workers.opened();
    await pageHide(page);
    expect(await mine()).toEqual([{ name: id, terminated: true }]);
    expect((await workerLog(page)).every((w) => w.terminated)).toBe(true);
    await expect.poll(workers.closed).toBe(opened);
    await pageShow(page);
    await waitForState(page, id, 'idle');
    expect(await mine()).toEqual([
      { name: id, terminated: true },
      { name: id, terminated: false },
    ]);
    expect(await hook(page, id, 'step')).toBe('0');
    expect(await statusText(page, id)).toMatch(/A fresh, untrained network/);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe('vae and vae-latent on the VAE chapter, on one page', () => {
  let page: Page;
  let problems: PageProblems;
  let workers: Awaited<ReturnType<typeof recordWorkers>>;
  const decoded = (p: Page) =>
    p.waitForFunction(() => document.querySelector('[data-example="vae-latent"]')?.getAttribute('data-decoded') != null, null, { timeout: 90_000 });

  beforeAll(async () => {
    page = await browser.newPage();
    workers = await recordWorkers(page);
    problems = watchPage(page, origin);
    await page.goto(`${origin}/vae/?backend=wasm&seed=abc&vae-latent.zoom=2&vae.width=16&vae.batch=8`);
  });
  afterAll(async () => page?.close());

  test('vae-latent on forced WASM decodes, and names the malformed parameters in its notice', async () => {
    await exampleRoot(page, 'vae-latent').scrollIntoViewIfNeeded();
    await decoded(page);
    expect(await hook(page, 'vae-latent', 'backend')).toBe('wasm');
    const notice = exampleRoot(page, 'vae-latent').locator('.ex-notice');
    expect(await notice.isVisible()).toBe(true);
    const text = await notice.innerText();
    expect(text).toMatch(/seed is not a number \(got “abc”\)/);
    expect(text).toMatch(/vae-latent\.zoom is not a setting of this example \(it has no settings of its own\) \(got “2”\)/);
    expect(new URL(page.url()).searchParams.get('vae-latent.zoom')).toBeNull();
  });

  test('pagehide terminates both examples’ workers; back from the cache each starts a new one', async () => {
    await exampleRoot(page, 'vae').scrollIntoViewIfNeeded();
    await waitForState(page, 'vae', 'idle');
    await button(page, 'vae', /^Train/).click();
    await waitForStep(page, 'vae', 5);
    const names = (await workerLog(page)).map((w) => w.name).sort();
    expect(names).toEqual(['vae', 'vae-latent']);
    await pageHide(page);
    expect((await workerLog(page)).every((w) => w.terminated)).toBe(true);
    await expect.poll(workers.closed).toBe(2);
    await pageShow(page);
    await waitForState(page, 'vae', 'idle');
    await waitForState(page, 'vae-latent', 'idle');
    expect(await hook(page, 'vae', 'step')).toBe('0');
    const log = await workerLog(page);
    expect(
      log
        .filter((w) => !w.terminated)
        .map((w) => w.name)
        .sort(),
    ).toEqual(['vae', 'vae-latent']);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
