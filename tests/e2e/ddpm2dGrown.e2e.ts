/**
 * The grown 2-D diffusion example in headless Chromium on the built site: the reader draws a data set
 * from the keyboard on a 360 px phone and trains on it (forced CPU backend, small shapes), the points
 * travel in the link, the per-step denoising matching term L_t has its chart and text twin; the
 * sampler choice keeps the model and changes the reverse process; the slider shows ᾱ_t and SNR(t);
 * a malformed drawing in the link is a notice; axe finds nothing in drawing mode in either theme.
 * Two pages in all: the e2e suite stays fast.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, SOFTWARE_GPU_ARGS } from './browser.ts';
import { exampleRoot, hook, openExample, waitForState, waitForStep } from './exampleHooks.ts';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite(SOFTWARE_GPU_ARGS));
});
afterAll(async () => stop?.());

const ID = 'ddpm-2d';
const NO_PROBLEMS = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
const root = (page: Page) => exampleRoot(page, ID);
/** The loss the trainer last reported (the data-loss hook). */
const loss = async (page: Page) => Number(await hook(page, ID, 'loss'));

/** ᾱ_t of the cosine schedule (Nichol & Dhariwal), T = 100, from its formula: f(t)/f(0). */
function cosineAlphaBar(t: number, T = 100, s = 0.008): number {
  const f = (u: number) => Math.cos(((u / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  return f(t) / f(0);
}

describe('ddpm-2d, grown', () => {
  test('on a 360 px phone: draws a data set from the keyboard and the pointer (Undo), trains on it (CPU) with a falling loss, the points travel in the link, L_t has its text twin, axe-clean in both themes', async () => {
    const query = '?backend=cpu&ddpm-2d.dataset=drawn&ddpm-2d.batch=32&ddpm-2d.samples=100&ddpm-2d.steps=300';
    const { page, problems } = await openExample(browser, origin, '/ddpm/', ID, query, { width: 360, height: 740 });
    expect(await hook(page, ID, 'backend')).toBe('cpu');
    // An empty drawing: nothing to train on yet.
    expect(await root(page).locator('[data-action="train"]').isDisabled()).toBe(true);
    expect(await root(page).locator('.ex-d2-draw').isVisible()).toBe(true);
    const pad = root(page).locator('.ex-d2-stage');
    expect(await pad.getAttribute('tabindex')).toBe('0');
    // Three sprays: at (2, 0), (2, 2) and (−1, 2); each Enter starts a fresh model on the drawing.
    await pad.focus();
    const place = async (keys: string[]) => {
      for (const k of keys) await page.keyboard.press(k);
      await page.keyboard.press('Enter');
      await waitForState(page, ID, 'idle');
    };
    await place(Array<string>(8).fill('ArrowRight'));
    await place(['Shift+ArrowUp', 'Shift+ArrowUp']);
    await place(['Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft']);
    expect(await root(page).locator('.ex-d2-count').innerText()).toMatch(/^15 of at most 500 points\. Cursor at \(-1\.00, 2\.00\)\.$/);
    const points = new URL(page.url()).searchParams.get('ddpm-2d.points') ?? '';
    expect(points).toMatch(/^[A-Za-z0-9_-]{60}$/);
    // A click sprays five more where the pointer is; Undo takes them back, in the link too.
    const box = (await root(page).locator('.ex-d2-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 4, box.y + box.height / 4);
    await waitForState(page, ID, 'idle');
    expect(await root(page).locator('.ex-d2-count').innerText()).toMatch(/^20 of at most 500 points\./);
    await root(page).locator('[data-action="undo-draw"]').click();
    await waitForState(page, ID, 'idle');
    expect(new URL(page.url()).searchParams.get('ddpm-2d.points')).toBe(points);

    const train = root(page).locator('[data-action="train"]');
    expect(await train.isDisabled()).toBe(false);
    await train.focus();
    await page.keyboard.press('Enter');
    await waitForStep(page, ID, 50);
    const early = await loss(page);
    await waitForState(page, ID, 'done', 120_000);
    expect(await loss(page)).toBeLessThan(early);
    // Snapshots at 250 and 300 carry L_t at 34 steps t; the chart's text twin says so, citing eq. vdm-elbo's number.
    expect(await root(page).getAttribute('data-lt-points')).toBe('34');
    const twin = await root(page).locator('.ex-d2-lt .chart .visually-hidden li').innerText();
    expect(twin).toMatch(/^Denoising matching term L_t \(eq\. \d+\.\d+\): 34 points; latest \S+ at t 100; lowest \S+, highest \S+\.$/);
    expect(await root(page).locator('.ex-d2-lt [data-term="denoising-matching"]').count()).toBeGreaterThan(0);
    // The example fits the phone: nothing in it reaches past its right edge (KaTeX clips its own glyph paths).
    const [right, ...outside] = await page.evaluate(() => {
      const figure = document.querySelector('#example-ddpm-2d')!;
      const edge = figure.getBoundingClientRect().right;
      const past = Array.from(figure.querySelectorAll('*')).filter((e) => !e.closest('.katex') && e.getBoundingClientRect().right > edge + 0.5);
      return [edge, ...past.map((e) => `${e.localName}.${e.getAttribute('class')}`)];
    });
    expect(right).toBeLessThanOrEqual(360);
    expect(outside).toEqual([]);
    // Drawing mode, trained, with the pad focused: nothing for axe in either theme (the live part; the caption's prose is the chapter's).
    await root(page).locator('.ex-d2-stage').focus();
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      expect(await axeViolations(page, '[data-example="ddpm-2d"]'), theme).toEqual([]);
    }
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });

  test('the sampler choice keeps the pretrained model and changes the reverse process; the slider shows ᾱ_t and SNR(t); a malformed drawing in the link is a notice', async () => {
    const { page, problems } = await openExample(browser, origin, '/ddpm/', ID, '?backend=wasm&ddpm-2d.points=AB%2BC');
    expect(await root(page).locator('.ex-notice').innerText()).toMatch(
      /ddpm-2d\.points may hold only the letters, digits, - and _ of a drawing \(got “AB\+C”\)/,
    );
    const slider = root(page).locator('#ex-d2-frame');
    expect(await slider.getAttribute('max')).toBe('25');
    await root(page).locator('select[data-setting="sampler"]').selectOption('100');
    await page.waitForFunction(() => document.querySelector('#ex-d2-frame')?.getAttribute('max') === '100');
    expect(await root(page).locator('[data-stat="step"]').innerText()).toMatch(/3,000 \(pretrained\)/);
    expect(new URL(page.url()).searchParams.get('ddpm-2d.sampler')).toBe('100');
    // Frame 50 of 100 is x_50: ᾱ_50 and SNR(50) = ᾱ/(1 − ᾱ) as the cosine schedule's formula gives them.
    await slider.evaluate((el: HTMLInputElement) => {
      el.value = '50';
      el.dispatchEvent(new Event('input'));
    });
    const a = cosineAlphaBar(50);
    expect(await root(page).locator('#ex-d2-frame-out').innerText()).toBe('t = 50 (partly denoised)');
    const [alphaBar, snr] = (await root(page).locator('.ex-d2-snr').innerText()).match(/[\d.]+/g)!.map(Number);
    expect(alphaBar).toBeCloseTo(a, 2);
    expect(snr).toBeCloseTo(a / (1 - a), 2);
    expect(await root(page).locator('.ex-d2-canvas').getAttribute('aria-label')).toMatch(
      /^1,000 points of the pretrained model at reverse-process step t = 50/,
    );
    await page.close();
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
