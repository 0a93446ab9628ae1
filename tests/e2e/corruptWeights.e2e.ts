/**
 * A corrupted weight file in the browser (a flipped byte in weights.bin, as a bad host or a broken
 * commit could serve): each example refuses it before building a model, says so in its status line
 * naming the file and the problem, and the page stays usable (no uncaught error, its controls work).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openSite, watchPage } from './browser.ts';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => stop?.());

/** Opens `path` in a context whose requests for `blob` (worker ones included) get one byte flipped. */
async function openCorrupted(path: string, blob: RegExp): Promise<{ page: Page; problems: ReturnType<typeof watchPage>; close: () => Promise<void> }> {
  const context = await browser.newContext();
  await context.route(blob, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length >> 1] ^= 0x01;
    await route.fulfill({ response, body });
  });
  const page = await context.newPage();
  const problems = watchPage(page, origin);
  await page.goto(`${origin}${path}`);
  return { page, problems, close: () => context.close() };
}

const waitForError = (page: Page, tag: string) =>
  page.waitForFunction((t) => document.querySelector(t)?.getAttribute('data-state') === 'error', tag, { timeout: 60_000 });

describe('a corrupted weight file', () => {
  test('the 2-D diffusion example names the file and the checksum in its status line, and can be restarted', async () => {
    const { page, problems, close } = await openCorrupted('/diffusion/', /models\/ddpm2d\/weights\.bin$/);
    await page.locator('diffusion-2d').scrollIntoViewIfNeeded();
    await waitForError(page, 'diffusion-2d');
    expect(await page.locator('diffusion-2d .ex-status').innerText()).toMatch(/^The example stopped: \S*models\/ddpm2d\/weights\.bin: checksum mismatch: SHA-256 [0-9a-f]{12}…, \S*models\/ddpm2d\/weights\.json says [0-9a-f]{12}…$/);
    expect(await page.locator('diffusion-2d [data-action="reset"]').isEnabled()).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    await close();
  }, 90_000);

  test('the VAE example names the file and the checksum in its status line, and keeps its backend choice usable', async () => {
    const { page, problems, close } = await openCorrupted('/vae/', /models\/vae\/latent2\/weights\.bin$/);
    await page.locator('vae-latent').scrollIntoViewIfNeeded();
    await waitForError(page, 'vae-latent');
    expect(await page.locator('vae-latent .ex-status').innerText()).toMatch(/^The example stopped: \S*models\/vae\/latent2\/weights\.bin: checksum mismatch: SHA-256 [0-9a-f]{12}…, \S*models\/vae\/latent2\/weights\.json says [0-9a-f]{12}…$/);
    expect(await page.locator('vae-latent [data-setting="backend"]').isEnabled()).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    await close();
  }, 90_000);
});
