/**
 * Reading the notes in Chromium (issue 10): every heading and equation anchor lands just below the
 * sticky header (in-page and on a cold load, smooth scrolling or reduced motion), no display is
 * wider than the column at 1024 px (the narrowest desktop column) or 1280 px, and at 360 px the page never scrolls sideways while each
 * over-wide display scrolls in its own box with a cue; the contents list follows the reader;
 * search finds spelling variants; the theme follows the system without JavaScript; axe is clean.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, openSite } from './browser.ts';

const chapters = readdirSync(path.resolve('content'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => stop?.());

/** Every heading and equation anchor of the chapter open in `page`. */
const anchorIds = (page: Page) => page.evaluate(() => [...document.querySelectorAll('article :is(h2, h3, h4)[id], article .equation[id]')].map((e) => e.id));

/** Where `id` sits, in px below the sticky header's bottom edge (0 to 100 is "landed"). */
const offsetBelowHeader = (page: Page, id: string) =>
  page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top - document.querySelector('.site-header')!.getBoundingClientRect().bottom, id);

/** Waits until the page stops scrolling (smooth scrolling takes a few frames). */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = -1;
        let still = 0;
        const tick = () => {
          still = scrollY === last ? still + 1 : 0;
          last = scrollY;
          if (still >= 5) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );

const landed = (y: number) => y >= -1 && y <= 100;

/** Landed, or (for the last anchors of a page, which can never reach the top) the page is at its end with the target in view. */
const landsAt = async (page: Page, id: string) => {
  const y = await offsetBelowHeader(page, id);
  if (landed(y)) return { ok: true, y };
  const atEnd = await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2);
  return { ok: atEnd && y >= 0 && y < (await page.evaluate(() => innerHeight)) - 40, y };
};

/**
 * Jumps to each anchor in turn by setting location.hash, waits until the page stops scrolling, and
 * returns those that did not land (as landsAt judges). The loop runs in the page: one round trip
 * for the whole walk instead of four a jump.
 */
const missedJumps = (page: Page, ids: string[]) =>
  page.evaluate(async (ids) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const missed: string[] = [];
    for (const id of ids) {
      location.hash = id;
      // settle(): five frames in a row without scrolling.
      for (let last = -1, still = 0; still < 5;) {
        await frame();
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
      }
      const y = document.getElementById(id)!.getBoundingClientRect().top - document.querySelector('.site-header')!.getBoundingClientRect().bottom;
      const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
      if (!((y >= -1 && y <= 100) || (atEnd && y >= 0 && y < innerHeight - 40))) missed.push(`#${id}: ${Math.round(y)} px`);
    }
    return missed;
  }, ids);

describe('anchors land within 100 px below the header', () => {
  /**
   * One context and page per chapter and screen size, shared by its in-page and cold-load tests (a
   * chapter's load, with its examples starting as the jumps pass them, costs seconds on CI's 2 cores).
   */
  let open: { key: string; context: BrowserContext; page: Page } | null = null;
  const chapterPage = async (slug: string, size: 'desktop' | 'phone') => {
    if (open?.key !== `${slug} ${size}`) {
      await open?.context.close();
      const context = await browser.newContext({ viewport: size === 'desktop' ? DESKTOP : PHONE });
      const page = await context.newPage();
      await page.goto(`${origin}/${slug}/`, { waitUntil: 'load' });
      open = { key: `${slug} ${size}`, context, page };
    }
    return open.page;
  };
  afterAll(async () => open?.context.close());

  for (const slug of chapters) {
    for (const size of ['desktop', 'phone'] as const) {
      // Reduced motion jumps instantly: every anchor. Smooth scrolling takes ~0.4 s a jump: every 8th (desktop) or 10th (phone)
      // anchor, which keeps this file within CI's time budget (2 cores) while still crossing every part of each page.
      for (const motion of ['reduced', 'smooth'] as const) {
        test(`/${slug}/: heading and equation anchors, in-page, ${size}, ${motion} motion`, async () => {
          const page = await chapterPage(slug, size);
          await page.emulateMedia({ reducedMotion: motion === 'reduced' ? 'reduce' : 'no-preference' });
          // From the top with no fragment, as after a fresh load (an earlier test on this page may have left both).
          await page.evaluate(() => {
            history.replaceState(null, '', location.pathname + location.search);
            scrollTo({ top: 0, behavior: 'instant' });
          });
          const all = await anchorIds(page);
          expect(all.length).toBeGreaterThan(20);
          const step = motion === 'reduced' ? 1 : size === 'desktop' ? 8 : 10;
          const ids = all.filter((_, i) => i % step === 0);
          // Jump through the anchors in page order, then back in big jumps (far jumps both ways).
          const back = ids
            .slice()
            .reverse()
            .filter((_, i) => i % 6 === 1);
          expect(await missedJumps(page, [...ids, ...back])).toEqual([]);
        });
      }

      test(`/${slug}/: cold loads of a sample of its anchors land (${size})`, async () => {
        const page = await chapterPage(slug, size);
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        const ids = await anchorIds(page);
        // The last anchors are the far ones content-visibility used to miss; take them plus every 20th (each is a real load, seconds
        // on CI; every anchor is also jumped to in page above).
        const sample = [...new Set([...ids.filter((_, i) => i % 20 === 3), ...ids.slice(-2)])];
        const missed: string[] = [];
        for (const id of sample) {
          // A real load: from the same page, a URL that differs only in its fragment would be an in-page jump.
          await page.goto('about:blank');
          await page.goto(`${origin}/${slug}/#${id}`, { waitUntil: 'load' });
          await settle(page);
          const { ok, y } = await landsAt(page, id);
          if (!ok) missed.push(`#${id}: ${Math.round(y)} px`);
        }
        expect(missed).toEqual([]);
      });
    }
  }

  test('a contents link, a cross-chapter equation link and the references link land', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${origin}/vae/`, { waitUntil: 'load' });
    await page.locator('.toc a', { hasText: 'Hierarchical VAE' }).first().click();
    await settle(page);
    const hvae = await page.evaluate(() => decodeURIComponent(location.hash.slice(1)));
    expect(landed(await offsetBelowHeader(page, hvae))).toBe(true);
    await page.goto(`${origin}/elbo/#references`, { waitUntil: 'load' });
    await settle(page);
    expect((await landsAt(page, 'references')).ok).toBe(true);
    await page.goto(`${origin}/diffusion/`, { waitUntil: 'load' });
    const link = page.locator('a.eqref[href^="/vae/#eq-hvae-elbo"]').first();
    await link.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL(/\/vae\/#eq-hvae-elbo/), link.click()]);
    await settle(page);
    expect(landed(await offsetBelowHeader(page, 'eq-hvae-elbo'))).toBe(true);
    await context.close();
  });
});

describe('displays', () => {
  /** Turns the wheel a notch, as a reader starts to, and waits until every block has been drawn once (blockSizes.ts). */
  const blocksDrawn = async (page: Page) => {
    await page.mouse.move(20, 300);
    await page.mouse.wheel(0, 40);
    await page.waitForSelector('article[data-blocks-drawn]', { state: 'attached', timeout: 60_000 });
  };

  /**
   * Displays wider than their box, and how far the page itself scrolls sideways. Off-screen blocks
   * skip layout (content-visibility: auto) until the page has drawn each once while idle
   * (blockSizes.ts), which also marks the over-wide displays (`marks`: wait for that); then
   * everything is drawn at once so that every display has a width to measure.
   */
  const overflow = async (page: Page, { marks }: { marks: boolean }) => {
    if (marks) await blocksDrawn(page);
    return page.evaluate(() => {
      document.querySelectorAll<HTMLElement>('article > *').forEach((e) => e.style.setProperty('content-visibility', 'visible', 'important'));
      const displays = [...document.querySelectorAll<HTMLElement>('article .equation')];
      const wide = displays.filter((e) => e.scrollWidth > e.clientWidth + 1);
      const name = (e: HTMLElement) => e.querySelector('.eq-number')?.textContent ?? e.id;
      return {
        wide: wide.map(name),
        cueless: wide
          .filter(
            (e) =>
              !(
                e.hasAttribute('data-overflow') &&
                e.tabIndex === 0 &&
                e.getAttribute('aria-label') &&
                getComputedStyle(e.querySelector('.eq-side')!, '::before').content !== 'none'
              ),
          )
          .map(name),
        // The number stays visible: it sits inside the display's box even when scrolled to the start.
        numberHidden: wide
          .filter((e) => {
            const box = e.getBoundingClientRect();
            const n = e.querySelector('.eq-number')?.getBoundingClientRect();
            return n && !(n.right <= box.right + 1 && n.left >= box.left);
          })
          .map(name),
        pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        header: document.querySelector('.site-header')!.getBoundingClientRect().height,
      };
    });
  };

  test('once the reader first turns the wheel, every block is drawn while the page is idle: off-screen blocks then hold their true height, and every over-wide display is marked', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${origin}/vae/`, { waitUntil: 'load' });
    // Not before the reader moves: the first seconds of a load go to the first screen.
    await page.waitForTimeout(1500);
    expect(await page.locator('article[data-blocks-drawn]').count()).toBe(0);
    await blocksDrawn(page);
    const last = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      marked: document.querySelectorAll('.equation[data-overflow]').length,
    }));
    const drawnHeight = await page.evaluate(() => {
      // Draw everything at once, as a page without content-visibility would, and measure.
      document.querySelectorAll<HTMLElement>('article > *').forEach((e) => e.style.setProperty('content-visibility', 'visible', 'important'));
      return document.documentElement.scrollHeight;
    });
    const wide = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.equation')].filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    await page.close();
    expect(last.height).toBe(drawnHeight);
    expect(wide).toBeGreaterThan(0);
    expect(last.marked).toBe(wide);
  });

  // 1024 px is the narrowest desktop width (the column is 744 px there, 776 px at 1280 with the contents beside it).
  test.each(chapters.flatMap((slug) => [1024, DESKTOP.width].map((width) => [slug, width] as const)))(
    '/%s/ at %i px: no display is wider than the text column',
    async (slug, width) => {
      const page = await browser.newPage({ viewport: { ...DESKTOP, width } });
      await page.goto(`${origin}/${slug}/`, { waitUntil: 'load' });
      const r = await overflow(page, { marks: false });
      await page.close();
      expect(r.wide).toEqual([]);
      expect(r.pageScroll).toBe(0);
    },
  );

  test.each(chapters)(
    '/%s/ at 360 px: the page never scrolls sideways; each over-wide display scrolls in its box, with a fade, focusable and labelled',
    async (slug) => {
      const page = await browser.newPage({ viewport: PHONE });
      await page.goto(`${origin}/${slug}/`, { waitUntil: 'load' });
      const r = await overflow(page, { marks: true });
      const figuresFit = await page.evaluate(() =>
        [...document.querySelectorAll('.figure svg')].every((s) => s.getBoundingClientRect().width <= document.documentElement.clientWidth),
      );
      await page.close();
      expect(r.pageScroll).toBe(0);
      expect(r.wide.length).toBeGreaterThan(0);
      expect(r.cueless).toEqual([]);
      expect(r.numberHidden).toEqual([]);
      expect(figuresFit).toBe(true);
      expect(r.header).toBeLessThanOrEqual(56);
    },
  );
  test('a wide figure far down the page is made keyboard-scrollable when first drawn, not measured while skipped', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${origin}/vae/`, { waitUntil: 'load' });
    const last = page.locator('article > figure .figure-scroll').last();
    // Make the last figure wider than a phone while it is still skipped (far below the first screen).
    const skipped = await last.evaluate((el) => {
      const wide = document.createElement('div');
      wide.style.width = '900px';
      wide.style.height = '1px';
      el.append(wide);
      return !el.checkVisibility({ contentVisibilityAuto: true });
    });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(skipped).toBe(true);
    expect(await last.getAttribute('tabindex')).toBeNull();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.getAttribute('tabindex')).toBe('0');
    expect(await last.getAttribute('role')).toBe('region');
    expect(await last.getAttribute('aria-label')).toBe('Figure, scrolls sideways');
    await page.close();
  });
});

describe('contents', () => {
  test('the contents list marks the section being read and keeps it in view', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${origin}/diffusion/`, { waitUntil: 'load' });
    const links = await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const last = links.at(-1)!;
    for (const href of [links[1], last]) {
      // An instant jump: the page's smooth scrolling would only stretch the wait on a loaded machine.
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ behavior: 'instant' }), href.slice(1));
      await expect.poll(() => page.locator('.toc a[aria-current="true"]').getAttribute('href'), { timeout: 10_000 }).toBe(href);
    }
    expect(await page.locator('.toc a[aria-current="true"]').count()).toBe(1);
    const inView = () =>
      page.evaluate(() => {
        const toc = document.querySelector('.toc')!.getBoundingClientRect();
        const a = document.querySelector('.toc a[aria-current="true"]')!.getBoundingClientRect();
        return a.top >= toc.top && a.bottom <= toc.bottom && toc.bottom <= innerHeight;
      });
    // The list scrolls itself on the frame after the mark moves.
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    await page.close();
  });

  test('on a phone, "On this page" is a disclosure at the top of the chapter whose links land', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${origin}/vae/`, { waitUntil: 'load' });
    const summary = page.locator('.toc-disclosure summary');
    expect(await summary.isVisible()).toBe(true);
    await summary.click();
    const link = page.locator('.toc-disclosure a').nth(3);
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await settle(page);
    expect(landed(await offsetBelowHeader(page, href.slice(1)))).toBe(true);
    await page.close();
  });
});

describe('search', () => {
  const search = async (page: Page, query: string) => {
    await page.fill('#search-input', '');
    await page.fill('#search-input', query);
    await expect.poll(() => page.locator('[data-search-status]').textContent(), { timeout: 15_000 }).toMatch(/result|No results/);
    return page.locator('[data-search-results] a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent! })));
  };
  const pairs: [string, string][] = [
    ['reparametrization', 'reparameterization'],
    ['Kullback-Leibler', 'KL'],
    ['posteriori', 'posterior'],
  ];
  test.each(pairs)('"%s" finds the sections "%s" finds', async (variant, canonical) => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${origin}/`);
    await page.focus('#search-input');
    const a = await search(page, canonical);
    const b = await search(page, variant);
    await page.close();
    expect(a.length).toBeGreaterThan(0);
    expect(new Set(b.map((r) => r.href))).toEqual(new Set(a.map((r) => r.href)));
  });

  test('a section title puts that section first; snippets hold no flattened formulas; choosing a result closes the panel', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${origin}/`);
    await page.focus('#search-input');
    const results = await search(page, 'Hierarchical VAE');
    expect(results[0].href).toMatch(/^\/vae\/#hierarchical-vae/);
    const jensen = await search(page, 'Jensen');
    expect(jensen.every((r) => !/[∑∫]|\d[a-zα-ω]\(/.test(r.text))).toBe(true);
    await page.locator('[data-search-results] a').first().click();
    await settle(page);
    expect(await page.locator('[data-search-panel]').isHidden()).toBe(true);
    const id = await page.evaluate(() => decodeURIComponent(location.hash.slice(1)));
    expect(landed(await offsetBelowHeader(page, id))).toBe(true);
    await page.close();
  });
});

describe('without JavaScript and for assistive technology', () => {
  test('a reader whose system is dark gets the dark theme without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${origin}/elbo/`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await context.close();
    expect(bg).toBe('rgb(22, 24, 29)');
  });

  test('the footer reads "Built from the repository" with its space', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    expect(await page.locator('.site-footer').innerText()).toContain('Built from the repository.');
    await page.close();
  });

  /** Scrolls to the first over-wide display: off-screen blocks are not laid out, so none is marked before a reader reaches it. */
  const showWideDisplay = (page: Page) =>
    page.evaluate(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      for (const e of document.querySelectorAll<HTMLElement>('article .equation')) {
        e.scrollIntoView({ block: 'center', behavior: 'instant' });
        await frame();
        await frame();
        if (e.hasAttribute('data-overflow')) return true;
      }
      return false;
    });

  // A whole phone-sized chapter once (axe on a page of typeset math takes ~20 s); the parts that
  // change with theme and disclosure state (header, contents, the scrolling displays) in all four.
  test('axe finds no violation on a whole phone-sized chapter (dark, contents open)', async () => {
    const context = await browser.newContext({ viewport: PHONE, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${origin}/elbo/`, { waitUntil: 'load' });
    await page.locator('.toc-disclosure summary').click();
    expect(await showWideDisplay(page)).toBe(true);
    const violations = await axeViolations(page);
    await context.close();
    expect(violations).toEqual([]);
  });

  // One phone-sized page for the four states: the theme as the head script sets it from the system's, the disclosure as a reader opens it.
  let partsContext: BrowserContext | null = null;
  let partsPage: Page;
  afterAll(async () => partsContext?.close());

  const combos = (['light', 'dark'] as const).flatMap((theme) => (['closed', 'open'] as const).map((state) => [theme, state] as const));
  test.each(combos)('axe finds no violation in the phone header, contents and an over-wide display, %s theme, contents %s', async (theme, state) => {
    if (!partsContext) {
      partsContext = await browser.newContext({ viewport: PHONE });
      partsPage = await partsContext.newPage();
      await partsPage.goto(`${origin}/vae/`, { waitUntil: 'load' });
    }
    const page = partsPage;
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const details = page.locator('.toc-disclosure details');
    if ((await details.evaluate((d: HTMLDetailsElement) => d.open)) !== (state === 'open')) await page.locator('.toc-disclosure summary').click();
    expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(state === 'open');
    expect(await showWideDisplay(page)).toBe(true);
    expect(await axeViolations(page, ['.site-header', '.toc-disclosure', '.equation[data-overflow]'])).toEqual([]);
  });
});
