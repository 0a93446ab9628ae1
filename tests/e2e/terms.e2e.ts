/**
 * Named equation terms on the built site: chapter 2's equation vae-elbo-rewrite has its two terms
 * as focus stops with data-term; pointing at or focusing one marks every element of that term active
 * (an element added later with the same data-term too, as a chart's curve would be), with KaTeX
 * still rendered, no CSP violation, and nothing axe objects to in either theme.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSite, watchPage } from './browser.ts';

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => stop?.());

const equation = '#eq-vae-elbo-rewrite';
const term = (page: Page, slug: string) => page.locator(`${equation} [data-term="${slug}"]`);
/** Active term elements outside the chapter's examples (the vae example's own links are tested in vae.e2e.ts). */
const activeTerms = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-active]')]
      .filter((el) => !el.closest('figure.example'))
      .map((el) => `${el.getAttribute('data-term')}:${el.id || el.tagName.toLowerCase()}`)
      .sort(),
  );

/** Adds, after the page has loaded, an element that names `slug` (as a chart's legend entry would), after the equation. */
const injectTwin = (page: Page, slug: string) =>
  page.evaluate((s) => {
    const twin = document.createElement('button');
    twin.type = 'button';
    twin.id = `twin-${s}`;
    twin.dataset.term = s;
    twin.textContent = `${s} curve`;
    // Right after the equation: far down the page, content-visibility would shift it under the pointer.
    document.getElementById('eq-vae-elbo-rewrite')!.after(twin);
  }, slug);

describe('the terms of eq. vae-elbo-rewrite (chapter 2)', () => {
  test('both terms render in KaTeX with their data-term, tabindex, colour class and name', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page, origin);
    await page.goto(`${origin}/vae/`);
    expect(await page.locator(`${equation} .katex-display`).count()).toBe(1);
    expect(await page.locator('.katex-error').count()).toBe(0);
    for (const [slug, name] of [
      ['reconstruction', 'reconstruction term'],
      ['prior-matching', 'prior matching term'],
    ]) {
      const el = term(page, slug);
      expect(await el.count()).toBe(1);
      expect(await el.getAttribute('tabindex')).toBe('0');
      expect(await el.getAttribute('class')).toContain(`term-${slug}`);
      expect(await el.locator('.visually-hidden').textContent()).toBe(name);
      const box = await el.boundingBox();
      expect(box!.width).toBeGreaterThan(20); // typeset, not collapsed
    }
    // The two terms are drawn in different colours.
    const colours = await page.$$eval(`${equation} [data-term]`, (els) => els.map((el) => getComputedStyle(el).color));
    expect(new Set(colours).size).toBe(2);
    expect(problems.cspViolations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await page.close();
  });

  test('pointing at a term marks it and a later-added element of the same term active, and only while pointed at', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/vae/`);
    await injectTwin(page, 'reconstruction');
    await term(page, 'reconstruction').scrollIntoViewIfNeeded();
    await term(page, 'reconstruction').hover();
    expect(await activeTerms(page)).toEqual(['reconstruction:span', 'reconstruction:twin-reconstruction']);
    // The active term is outlined, not only coloured.
    expect(await term(page, 'reconstruction').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.mouse.move(1, 1);
    expect(await activeTerms(page)).toEqual([]);
    // And the other way round: pointing at the added element lights up the equation's term.
    await page.locator('#twin-reconstruction').hover();
    expect(await activeTerms(page)).toEqual(['reconstruction:span', 'reconstruction:twin-reconstruction']);
    await page.close();
  });

  test('keyboard focus on a term marks it active; moving focus on moves the mark', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/vae/`);
    await injectTwin(page, 'prior-matching');
    await term(page, 'reconstruction').focus();
    expect(await activeTerms(page)).toEqual(['reconstruction:span']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-term'))).toBe('prior-matching');
    expect(await activeTerms(page)).toEqual(['prior-matching:span', 'prior-matching:twin-prior-matching']);
    await page.keyboard.press('Tab');
    expect(await activeTerms(page)).toEqual([]);
    await page.close();
  });

  test('axe finds nothing in the equation with a term active, in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme });
      const page = await context.newPage();
      await page.goto(`${origin}/vae/`);
      await term(page, 'prior-matching').focus();
      expect(await axeViolations(page, equation), `${theme} theme`).toEqual([]);
      await context.close();
    }
  });
});
