/**
 * KaTeX's style attributes become classes after the build (src/markdown/inlineStyles.ts): one class
 * per distinct style, the same declarations as `!important` rules, and nothing else on the page changed.
 */
import { describe, expect, test } from 'vitest';
import katex from 'katex';
import { createStyleClasses, linkStylesheet, moveInlineStyles } from '../../src/markdown/inlineStyles.ts';

describe('moving KaTeX style attributes into classes', () => {
  test('each KaTeX span shape loses its style for a class; the same style gets the same class', () => {
    const classes = createStyleClasses();
    const html =
      '<span class="strut" style="height:2.7em"></span><span style="top:-2.55em;margin-right:0.05em"></span>' +
      '<span class="vlist" style="height:2.7em" aria-hidden="true"></span><span style="height:2.7em" aria-hidden="true"></span>';
    const r = moveInlineStyles(html, classes);
    expect(r.moved).toBe(4);
    expect(r.html).toBe(
      '<span class="strut ks0"></span><span class="ks1"></span><span class="vlist ks0" aria-hidden="true"></span><span class="ks0" aria-hidden="true"></span>',
    );
    expect(classes.size).toBe(2);
    expect(classes.css()).toBe('.ks0{height:2.7em !important}\n.ks1{top:-2.55em !important;margin-right:0.05em !important}');
  });

  test('other elements and other attribute shapes keep their style attribute', () => {
    const classes = createStyleClasses();
    const html = '<div style="color:red"></div><span id="x" style="color:red"></span><span style="a" data-x="1"></span>';
    expect(moveInlineStyles(html, classes)).toEqual({ html, moved: 0 });
  });

  test('KaTeX’s own output, from a display with fractions, sums and a stretchy accent, keeps no style attribute', () => {
    const tex = String.raw`\mathcal{L}(\theta) = \mathbb{E}_{q}\left[\log \frac{p_\theta(\mathbf{x}, \mathbf{z})}{q_\phi(\mathbf{z}\mid\mathbf{x})}\right] - \sum_{t=2}^{T} \widehat{x_t x_{t-1}} \sqrt{\bar\alpha_t}`;
    const rendered = katex.renderToString(tex, { displayMode: true });
    const styles = rendered.match(/ style="/g)?.length ?? 0;
    expect(styles).toBeGreaterThan(20);
    const r = moveInlineStyles(rendered, createStyleClasses());
    expect(r.moved).toBe(styles);
    expect(r.html).not.toMatch(/ style="/);
  });

  test('the stylesheet link goes last in the head, after the chapter’s CSS it overrides', () => {
    const page = '<html><head><link rel="stylesheet" href="/a.css"></head><body></body></html>';
    expect(linkStylesheet(page, '/_astro/k.css')).toBe(
      '<html><head><link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/_astro/k.css"></head><body></body></html>',
    );
    expect(() => linkStylesheet('<p>no head</p>', '/k.css')).toThrow(/no <\/head>/);
  });
});
