/**
 * The head preloads exactly the KaTeX faces that the page's first layout draws (src/markdown/fontPreloads.ts):
 * faces follow KaTeX's stylesheet and our figures', and blocks that content-visibility skips at load do not count.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import katex from 'katex';
import { addFontPreloads, firstLayout, parseFontFaces, parseSiteFontRules, parseSkippable } from '../../src/markdown/fontPreloads.ts';
import { SKIPPABLE } from '../../src/scripts/blockSizes.ts';

const katexCss = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8');
const figuresCss = readFileSync('src/styles/figures.css', 'utf8');
const rules = parseSiteFontRules(`${katexCss}\n${figuresCss}`);
const skippable = parseSkippable(SKIPPABLE);
const tex = (s: string, displayMode = false) => katex.renderToString(s, { displayMode, output: 'htmlAndMathml' });
const filler = (n: number) => Array.from({ length: n }, () => '<p>words</p>').join('');
const faces = (html: string) => [...firstLayout(html, rules, skippable).faces].sort();

describe('the faces of KaTeX text', () => {
  test('a variable is Math italic, an upright digit Main, a bold vector Main bold, \\boldsymbol Math bold italic', () => {
    expect(faces(`<p>${tex('x')}</p>`)).toEqual(['KaTeX_Math|italic|400']);
    expect(faces(`<p>${tex('2')}</p>`)).toEqual(['KaTeX_Main|normal|400']);
    expect(faces(`<p>${tex('\\mathbf{x}')}</p>`)).toEqual(['KaTeX_Main|normal|700']);
    expect(faces(`<p>${tex('\\boldsymbol{\\mu}')}</p>`)).toEqual(['KaTeX_Math|italic|700']);
  });

  test('calligraphic, blackboard and big delimiters take their own families; the MathML half counts for none', () => {
    expect(faces(`<p>${tex('\\mathcal{L}')}</p>`)).toEqual(['KaTeX_Caligraphic|normal|400']);
    expect(faces(`<p>${tex('\\mathbb{R}')}</p>`)).toEqual(['KaTeX_AMS|normal|400']);
    expect(faces(`<p>${tex('\\bigl( 1 \\bigr)')}</p>`)).toEqual(['KaTeX_Main|normal|400', 'KaTeX_Size1|normal|400']);
    // A large operator in a display is KaTeX_Size2 (`.op-symbol.large-op`, more specific than `.mathnormal`).
    expect(faces(`<p>${tex('\\sum_i', true)}</p>`)).toEqual(['KaTeX_Math|italic|400', 'KaTeX_Size2|normal|400']);
  });

  test('a figure’s SVG labels take the faces figures.css gives their classes; its plain words none', () => {
    const svg = (label: string) => `<figure class="figure"><svg viewBox="0 0 9 9">${label}</svg></figure>`;
    expect(faces(svg('<text class="math-cal">N</text>'))).toEqual(['KaTeX_Caligraphic|normal|400']);
    expect(faces(svg('<text><tspan class="math-bit">z</tspan> and <tspan class="math">2</tspan></text>'))).toEqual([
      'KaTeX_Main|normal|400',
      'KaTeX_Math|italic|700',
    ]);
    expect(faces(svg('<text class="text">latent</text>'))).toEqual([]);
    // The classes mean nothing outside a figure's SVG.
    expect(faces('<p><span class="math-cal">N</span></p>')).toEqual([]);
  });

  test('text outside KaTeX, hidden subtrees and closed details draw no KaTeX face', () => {
    expect(faces('<p>plain words</p>')).toEqual([]);
    expect(faces(`<p hidden>${tex('x')}</p><template>${tex('2')}</template>`)).toEqual([]);
    expect(faces(`<details><summary>${tex('x')}</summary><p>${tex('\\mathbf{x}')}</p></details>`)).toEqual(['KaTeX_Math|italic|400']);
    expect(faces(`<details open><summary>s</summary><p>${tex('\\mathbf{x}')}</p></details>`)).toEqual(['KaTeX_Main|normal|700']);
  });
});

describe('the first layout', () => {
  test(`reads the skippable blocks from SKIPPABLE: ${SKIPPABLE}`, () => {
    expect(skippable.from).toBe(13);
    expect([...skippable.tags]).toContain('p');
    expect([...skippable.classes]).toEqual(['equation']);
    expect(() => parseSkippable('article > p')).toThrow(/cannot read/);
  });

  test('a skippable block from the 13th child on does not count; one before it, or a heading anywhere, does', () => {
    const late = `<article>${filler(12)}<p>${tex('\\mathbf{x}')}</p></article>`;
    expect(faces(late)).toEqual([]);
    const early = `<article>${filler(11)}<p>${tex('\\mathbf{x}')}</p></article>`;
    expect(faces(early)).toEqual(['KaTeX_Main|normal|700']);
    const lateDisplay = `<article>${filler(12)}<div class="equation">${tex('\\mathcal{L}', true)}</div></article>`;
    expect(faces(lateDisplay)).toEqual([]);
    const heading = `<article>${filler(30)}<h2>${tex('\\mathcal{L}')}</h2></article>`;
    expect(faces(heading)).toEqual(['KaTeX_Caligraphic|normal|400']);
  });
});

describe('font files and preload links', () => {
  test('each @font-face woff2 file is found by its face', () => {
    const css =
      '@font-face{font-family:KaTeX_Main;font-style:normal;font-weight:700;src:url(/_astro/KaTeX_Main-Bold.abc.woff2) format("woff2"),url(/_astro/KaTeX_Main-Bold.abc.woff) format("woff")}' +
      '@media (min-width:1px){.x{color:red}}@font-face{font-family:"KaTeX_Math";font-style:italic;font-weight:400;src:url(/_astro/KaTeX_Math-Italic.d.woff2) format("woff2")}';
    const files = parseFontFaces(css);
    expect(files.get('KaTeX_Main|normal|700')).toBe('/_astro/KaTeX_Main-Bold.abc.woff2');
    expect(files.get('KaTeX_Math|italic|400')).toBe('/_astro/KaTeX_Math-Italic.d.woff2');
    expect(files.size).toBe(2);
  });

  test('KaTeX’s own @font-face rules name a woff2 file for every face its rules can set', () => {
    const files = parseFontFaces(katexCss);
    for (const f of ['KaTeX_Main|normal|400', 'KaTeX_Main|normal|700', 'KaTeX_Math|italic|400', 'KaTeX_Math|italic|700', 'KaTeX_Size2|normal|400']) {
      expect(files.get(f), f).toMatch(/\.woff2$/);
    }
  });

  test('the preloads go where the blocks drawn at load end (before the article’s 13th child, or at its end), at low priority', () => {
    const page = (n: number) => `<html><head></head><body><header>t</header><article>${filler(n)}</article></body></html>`;
    const long = page(20);
    const { end } = firstLayout(long, rules, skippable);
    expect(long.slice(0, end).match(/<p>/g)).toHaveLength(12);
    expect(addFontPreloads(long, ['/f.woff2'], end!)).toBe(
      long.slice(0, end) + '<link rel="preload" href="/f.woff2" as="font" type="font/woff2" crossorigin fetchpriority="low">' + long.slice(end),
    );
    const short = page(3);
    expect(short.slice(firstLayout(short, rules, skippable).end)).toBe('</article></body></html>');
    expect(firstLayout('<p>no article</p>', rules, skippable).end).toBeUndefined();
    expect(addFontPreloads(long, [], end!)).toBe(long);
  });
});
