/**
 * A corrupted weight file in the browser (a flipped byte in weights.bin, as a bad host or a broken
 * commit could serve): each example refuses it before building a model, says so in its status line
 * naming the file and the problem, and the page stays usable (no uncaught error, its controls work).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openSite, watchPage } from './browser.ts';
import { exampleRoot, statusText, waitForState } from './exampleHooks.ts';

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

/** The status line must name the blob and the manifest with both digests (the checksum message of src/ml/weightFile.ts). */
const checksumMessage = (dir: string) =>
  new RegExp(
    `^The example stopped: \\S*models/${dir}/weights\\.bin: checksum mismatch: SHA-256 [0-9a-f]{12}…, \\S*models/${dir}/weights\\.json says [0-9a-f]{12}…$`,
  );

describe('a corrupted weight file', () => {
  const cases = [
    { id: 'ddpm-2d', path: '/ddpm/', dir: 'ddpm2d', trains: true },
    { id: 'vae-latent', path: '/vae/', dir: 'vae/latent2', trains: false },
    { id: 'vae', path: '/vae/', dir: 'vae/latent2', trains: true },
    { id: 'hvae', path: '/vae/', dir: 'hvae', trains: true },
  ];
  test.each(cases)(
    'the $id example names the file and the checksum in its status line, and keeps its backend choice (and Reset, where it trains) usable',
    async ({ id, path, dir, trains }) => {
      const { page, problems, close } = await openCorrupted(path, new RegExp(`models/${dir.replace('/', '\\/')}/weights\\.bin$`));
      await exampleRoot(page, id).scrollIntoViewIfNeeded();
      await waitForState(page, id, 'error', 60_000);
      expect(await statusText(page, id)).toMatch(checksumMessage(dir));
      // vae-latent only shows the pretrained decoder: it has no Reset.
      expect(await exampleRoot(page, id).locator('[data-action="reset"]').count()).toBe(trains ? 1 : 0);
      if (trains) expect(await exampleRoot(page, id).locator('[data-action="reset"]').isEnabled()).toBe(true);
      expect(await exampleRoot(page, id).locator('[data-setting="backend"]').isEnabled()).toBe(true);
      expect(problems.consoleErrors).toEqual([]);
      await close();
    },
    90_000,
  );
});
