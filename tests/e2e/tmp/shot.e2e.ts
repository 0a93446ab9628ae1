import { test } from 'vitest';
import { openSite } from '../browser.ts';
test('shot', async () => {
  const { origin, browser, stop } = await openSite();
  for (const [w, name] of [[1200, 'wide'], [360, 'phone']] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: 2600 } });
    const page = await ctx.newPage();
    await page.goto(`${origin}/vae/`);
    const root = page.locator('[data-example="vae"]');
    await root.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-example="vae"]')?.getAttribute('data-state') === 'idle', null, { timeout: 60000 });
    await root.getByRole('button', { name: /^Train/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-example="vae"]')?.getAttribute('data-state') === 'running');
    await page.waitForFunction(() => Number(document.querySelector('[data-example="vae"]')?.getAttribute('data-step')) >= 400, null, { timeout: 120000 });
    await root.getByRole('button', { name: /^Pause/ }).click();
    await page.waitForTimeout(800);
    await page.locator('#example-vae').screenshot({ path: `/tmp/k1/vae-${name}.png` });
    await ctx.close();
  }
  await stop();
}, 300000);
