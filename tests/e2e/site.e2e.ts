/**
 * The built site as a reader meets it, in headless Chromium: every page loads cleanly under its
 * CSP, math is all there, search finds what it should, previews and the theme toggle work, axe
 * finds nothing in either theme, and every internal link lands.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations, openSite, watchPage } from './browser.ts';
import { renderChapter } from '../helpers/renderChapter.ts';
import { visit } from 'unist-util-visit';
import { SKIPPABLE } from '../../src/scripts/blockSizes.ts';

const dist = path.resolve('dist');
const contentDir = path.resolve('content');
const chapters = readdirSync(contentDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));
const pages = ['/', ...chapters.map((c) => `/${c}/`), '/404.html'];

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => stop?.());

describe('every page', () => {
  test.each(pages)('%s loads with no console error, no CSP violation and no request to another origin', async (p) => {
    const page = await browser.newPage();
    const problems = watchPage(page, origin);
    const response = await page.goto(origin + p, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(p === '/404.html' ? 200 : 200);
    // Exercise the enhancements too: focus search (loads Pagefind) and hover a preview link.
    await page.keyboard.press('/');
    await page.keyboard.type('elbo');
    await page.waitForTimeout(400);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });

  test.each(pages)('%s carries a strict Content-Security-Policy', async (p) => {
    const html = readFileSync(path.join(dist, p.endsWith('/') ? `${p}index.html` : p), 'utf8');
    const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });
});

describe('math', () => {
  test.each(chapters)('/%s/ shows every equation of its source, and no KaTeX error', async (slug) => {
    const file = path.join(contentDir, `${slug}.mdx`);
    const { mdast } = await renderChapter(readFileSync(file, 'utf8'), file, contentDir);
    let displays = 0;
    let inline = 0;
    visit(mdast, (node) => {
      if (node.type === 'math') displays += 1;
      if (node.type === 'inlineMath' && !/^\s*\\eqref\{/.test((node as { value: string }).value)) inline += 1;
    });
    const page = await browser.newPage();
    await page.goto(`${origin}/${slug}/`);
    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await page.locator('.equation .katex-display').count()).toBe(displays);
    expect(await page.locator('.katex').count()).toBe(displays + inline);
    await page.close();
  });

  test('KaTeX’s style classes apply as the inline styles they replaced would: each classed span computes the same as a twin with those declarations inline', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/diffusion/`);
    const r = await page.evaluate(() => {
      for (const el of document.querySelectorAll('article > *')) el.classList.add('draw-now'); // lay every block out
      const rules = new Map<string, string>();
      for (const sheet of document.styleSheets)
        for (const rule of sheet.cssRules)
          if (rule instanceof CSSStyleRule && /^\.ks[0-9a-z]+$/.test(rule.selectorText))
            rules.set(rule.selectorText.slice(1), rule.style.cssText.replaceAll(' !important', ''));
      const spans = [...document.querySelectorAll<HTMLElement>('.katex-html span[class*="ks"]')];
      const mismatches: string[] = [];
      let compared = 0;
      for (const el of spans) {
        const name = [...el.classList].find((c) => rules.has(c));
        if (!name) continue;
        // The same span with its old inline style and without the class, beside it: same parent, same font size.
        const twin = el.cloneNode(false) as HTMLElement;
        twin.classList.remove(name);
        twin.style.cssText = rules.get(name)!;
        el.after(twin);
        const a = getComputedStyle(el);
        const b = getComputedStyle(twin);
        for (const prop of twin.style) {
          compared++;
          if (a.getPropertyValue(prop) !== b.getPropertyValue(prop))
            mismatches.push(`${name} ${prop}: ${a.getPropertyValue(prop)} ≠ ${b.getPropertyValue(prop)}`);
        }
        twin.remove();
      }
      return { spans: spans.length, classes: rules.size, compared, mismatches: mismatches.slice(0, 10) };
    });
    expect(r.classes).toBeGreaterThan(100);
    expect(r.spans).toBeGreaterThan(5000);
    expect(r.compared).toBeGreaterThan(r.spans);
    expect(r.mismatches).toEqual([]);
    await page.close();
  });

  test('reads without JavaScript: text, math and figures are in the HTML', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/${chapters[0]}/`);
    expect(await page.locator('main .katex').count()).toBeGreaterThan(10);
    expect(await page.locator('main p').count()).toBeGreaterThan(10);
    await context.close();
  });
});

describe('fonts', () => {
  // The browser's own cascade decides the faces here, independently of the build's reading of the CSS.
  const widths = chapters.flatMap((c) => [1280, 360].map((w) => [c, w] as const));
  test.each(widths)('/%s/ at %i px preloads exactly the KaTeX faces of the blocks drawn at load, and uses each', async (slug, width) => {
    const page = await browser.newPage({ viewport: { width, height: width > 400 ? 900 : 740 } });
    await page.goto(`${origin}/${slug}/`, { waitUntil: 'load' });
    const { preloaded, alwaysDrawn, loaded } = await page.evaluate(async (skippable) => {
      await document.fonts.ready;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      // KaTeX's files are named family-variant: KaTeX_Main-Bold, KaTeX_Math-BoldItalic, KaTeX_AMS-Regular.
      const name = (family: string, style: string, weight: string) =>
        `${family.replace(/"/g, '')}-${`${weight === '700' || weight === 'bold' ? 'Bold' : ''}${style === 'italic' ? 'Italic' : ''}` || 'Regular'}`;
      const faces = new Set<string>();
      for (const el of document.querySelectorAll('body *')) {
        // Blocks past the twelfth may be skipped, depending on the window: the build leaves them out.
        if (el.closest(skippable) || !el.checkVisibility()) continue;
        if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.replace(/\u200b/g, '').trim())) continue;
        const cs = getComputedStyle(el);
        const family = cs.fontFamily.split(',')[0].trim();
        if (family.replace(/"/g, '').startsWith('KaTeX_')) faces.add(name(family, cs.fontStyle, cs.fontWeight));
      }
      return {
        preloaded: [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="font"]')]
          .map((l) => new URL(l.href).pathname.split('/').pop()!.split('.')[0])
          .sort(),
        alwaysDrawn: [...faces].sort(),
        loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => name(f.family, f.style, f.weight)),
      };
    }, SKIPPABLE);
    await page.close();
    expect(alwaysDrawn.length).toBeGreaterThan(0);
    expect(preloaded).toEqual(alwaysDrawn);
    for (const font of preloaded) expect(loaded, font).toContain(font);
  });
});

describe('search', () => {
  const cases: [string, string][] = [
    ['reparameterization', '/vae/'],
    ['denoising matching', '/diffusion/'],
    ['Tweedie', '/ddpm/'],
    ['Jensen', '/elbo/'],
  ];
  test.each(cases)('finds "%s" on %s, linking to a section', async (query, expected) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.keyboard.press('/');
    await page.keyboard.type(query);
    const first = page.locator('[data-search-results] a').first();
    await first.waitFor({ timeout: 15_000 });
    const hrefs = await page.locator('[data-search-results] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.startsWith(expected) && h.includes('#'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname !== '/');
    expect(new URL(page.url()).pathname).toBe(expected);
    await page.close();
  });

  test('does not index the TeX source behind each formula', async () => {
    // "operatorname" is in dozens of formulas' TeX and in no sentence (Pagefind matches word
    // prefixes and stems, so commands like "mathrm" would hit the word "math" in prose).
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    for (const noise of ['operatorname']) {
      await page.fill('#search-input', noise);
      await expect.poll(() => page.locator('[data-search-status]').textContent(), { timeout: 15_000 }).toBe('No results.');
    }
    await page.close();
  });
});

describe('reading aids', () => {
  test('hovering or focusing an equation reference previews the equation, which stays open while the pointer is on it', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/${chapters.find((c) => c === 'vae') ?? chapters[0]}/`);
    const ref = page.locator('a.eqref').first();
    await ref.hover();
    const tip = page.locator('#preview-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.locator('.katex').count()).toBeGreaterThan(0);
    // The reader can move onto the preview (to read or select it) without it closing.
    await tip.hover();
    await page.waitForTimeout(400);
    expect(await tip.isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    await expect.poll(() => tip.isVisible()).toBe(false);
    await ref.focus();
    await expect.poll(() => tip.isVisible()).toBe(true);
    await page.close();
  });

  test('the theme toggle switches to dark, persists, and the system theme applies first', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.click('[data-theme-toggle]');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await context.close();
  });

  test('every numbered equation offers its TeX to copy', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${origin}/${chapters[0]}/`);
    const blocks = await page.locator('.equation').count();
    // The buttons are made in idle time after load, so they arrive within moments, not at once.
    await expect.poll(() => page.locator('.equation .copy-tex').count()).toBe(blocks);
    await page.locator('.equation').first().scrollIntoViewIfNeeded();
    await page.locator('.equation').first().hover();
    await page.locator('.equation .copy-tex').first().click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.length).toBeGreaterThan(3);
    expect(copied).not.toContain('\\label');
    await context.close();
  });
});

describe('responsive layout', () => {
  test.each(pages)('%s fits a 360 px wide phone without sideways page scrolling', async (p) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(origin + p, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    // Force layout of every block (off-screen ones are skipped by content-visibility).
    await page.evaluate(() => document.querySelectorAll('article > *').forEach((el) => ((el as HTMLElement).style.contentVisibility = 'visible')));
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    await context.close();
  });
});

describe('accessibility', () => {
  const combos = pages.flatMap((p) => (['light', 'dark'] as const).map((theme) => [p, theme] as const));
  test.each(combos)('axe finds no violation on %s in the %s theme', async (p, theme) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(origin + p, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    await page.evaluate(() => document.fonts.ready.then(() => new Promise(requestAnimationFrame)));
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
