import { test } from 'vitest';
import { openSite, watchPage } from '../browser.ts';
test('probe vae', async () => {
  const { origin, browser, stop } = await openSite();
  const page = await browser.newPage();
  const problems = watchPage(page, origin);
  await page.addInitScript(() => {
    const w = window as unknown as { __lt: number[] };
    w.__lt = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__lt.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${origin}/vae/`);
  const root = page.locator('[data-example="vae"]');
  await root.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-example="vae"]')?.getAttribute('data-state') === 'idle', null, { timeout: 60000 });
  console.log('status:', await root.locator('.ex-status').innerText(), '| step', await root.getAttribute('data-step'));
  const lt0 = await page.evaluate(() => (window as any).__lt.length);
  const t0 = Date.now();
  await root.getByRole('button', { name: /^Train/ }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-example="vae"]')?.getAttribute('data-step')) > 0 && document.querySelector('[data-example="vae"]')?.getAttribute('data-state') === 'running', null, { timeout: 60000 });
  console.log('first metrics ms', Date.now() - t0, 'step', await root.getAttribute('data-step'), 'loss', await root.getAttribute('data-loss'));
  const seen: Record<number, string> = {};
  for (const target of [300, 500]) {
    await page.waitForFunction((t) => Number(document.querySelector('[data-example="vae"]')?.getAttribute('data-step')) >= t, target, { timeout: 120000, polling: 10 });
    seen[target] = `${await root.getAttribute('data-step')}:${await root.getAttribute('data-loss')} ms ${await root.locator('[data-stat="ms"]').innerText()}`;
  }
  console.log(seen, 'elapsed', Date.now() - t0);
  const lts = await page.evaluate((a) => (window as any).__lt.slice(a), lt0);
  console.log('long tasks while training', lts);
  console.log(await root.locator('.ex-vae-curves').innerText());
  await root.getByRole('button', { name: /^Pause/ }).click();
  await page.waitForFunction(() => document.querySelector('[data-example="vae"]')?.getAttribute('data-state') === 'paused');
  await root.getByRole('button', { name: /^Receipt/ }).click();
  await page.waitForSelector('[data-example="vae"] [data-weights-hash]');
  console.log(await root.locator('.ex-receipt').innerText());
  await page.screenshot({ path: '/tmp/k1/vae.png', fullPage: false });
  await root.screenshot({ path: '/tmp/k1/vae-root.png' });
  console.log(problems);
  await stop();
}, 300000);
