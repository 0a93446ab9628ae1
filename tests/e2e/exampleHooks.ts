/** Reading and waiting on the kit's test hooks (CONTRIBUTING.md, "Example test hooks") from e2e tests. */
import type { Browser, Locator, Page } from 'playwright-core';
import { watchPage, type PageProblems } from './browser.ts';

/** The example's root (`<live-example data-example="id">`). */
export const exampleRoot = (page: Page, id: string): Locator => page.locator(`[data-example="${id}"]`);

/** One hook attribute of the example's root, or null. */
export const hook = (page: Page, id: string, name: 'state' | 'backend' | 'step' | 'loss' | 'decoded'): Promise<string | null> =>
  page.evaluate(([i, n]) => document.querySelector(`[data-example="${i}"]`)?.getAttribute(`data-${n}`) ?? null, [id, name] as const);

/** Waits until data-state is `state` (one of several, with an array). */
export async function waitForState(page: Page, id: string, state: string | string[], timeout = 90_000): Promise<void> {
  const wanted = Array.isArray(state) ? state : [state];
  await page.waitForFunction(([i, w]) => w.includes(document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-state') ?? ''), [id, wanted] as const, {
    timeout,
  });
}

/** Waits until data-step is at least `step` (polling often: a run can pass a step quickly). */
export async function waitForStep(page: Page, id: string, step: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction(([i, s]) => Number(document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-step') ?? -1) >= s, [id, step] as const, {
    timeout,
    polling: 20,
  });
}

/**
 * Clicks the latent plane of example `id` at a fraction (fx, fy) of its size and waits until the
 * decoded z (data-decoded) is within 0.03 of `z`: about one CSS pixel of a 256 px plane spanning
 * ±3.5. The click waits for the plane to stop moving (Playwright's actionability checks), and the
 * tolerance absorbs the sub-pixel shifts of the layout around it (a readout updating above), which
 * an exact "1.750,1.750" did not.
 */
export async function pointAtPlane(page: Page, id: string, fx: number, fy: number, z: [number, number], timeout = 20_000): Promise<void> {
  const plane = exampleRoot(page, id).locator('.ex-vae-plane');
  const box = (await plane.boundingBox())!;
  await plane.click({ position: { x: box.width * fx, y: box.height * fy } });
  await page.waitForFunction(
    ([i, want]) => {
      const at = document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-decoded')?.split(',').map(Number);
      return at?.length === 2 && Math.abs(at[0] - want[0]) <= 0.03 && Math.abs(at[1] - want[1]) <= 0.03;
    },
    [id, z] as const,
    { timeout },
  );
}

/** The status line's text. */
export const statusText = (page: Page, id: string): Promise<string> => exampleRoot(page, id).locator('.ex-status').innerText();

/** Pretends the tab was hidden (headless pages are never hidden by themselves). */
export async function hideTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Undoes hideTab. */
export async function showTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Opens `path` (plus `query`), watching for problems and recording requests; brings example `id` into view and waits until it is idle. */
export async function openExample(
  browser: Browser,
  origin: string,
  path: string,
  id: string,
  query = '',
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; problems: PageProblems; requests: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems = watchPage(page, origin);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${origin}${path}${query}`);
  await exampleRoot(page, id).scrollIntoViewIfNeeded();
  await waitForState(page, id, 'idle', 20_000);
  return { page, problems, requests };
}
