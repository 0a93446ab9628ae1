/** The HVAE example's pure parts: the bars' axes, geometry and text, and the mapping of reported terms to bars. */
import { describe, expect, test } from 'vitest';
import { BAR_TERMS, barAxes, barsSummary, barsSvg, barTermsOf, COLLAPSED_NATS, nats, niceMax } from '../../src/islands/hvae/bars.ts';
import { TERMS } from '../../src/markdown/terms.ts';

/** The width of the rect with data-term `term` in an SVG string. */
function width(svg: string, term: string): number {
  const m = new RegExp(`<rect [^>]*data-term="${term}" x="[^"]+" y="[^"]+" width="([^"]+)"`).exec(svg);
  if (!m) throw new Error(`no bar for ${term}`);
  return Number(m[1]);
}
const pretrained = { reconstruction: 80.41, klZ1: 12.59, klZ2: 10.37 };

describe('the HVAE bars', () => {
  test('niceMax rounds up to 1, 2 or 5 times a power of ten, never below the floor', () => {
    expect([niceMax(80.41, 1), niceMax(100, 1), niceMax(12.59, 2), niceMax(0.01, 2), niceMax(3, 2), niceMax(548, 1)]).toEqual([100, 100, 20, 2, 5, 1000]);
    expect(() => niceMax(Number.NaN, 1)).toThrow(/positive finite/);
  });

  test('the two layers share one axis, so their bars compare by length; reconstruction has its own', () => {
    expect(barAxes(pretrained)).toEqual({ reconstruction: 100, layers: 20 });
    const svg = barsSvg(pretrained, 't');
    const [w1, w2] = [width(svg, 'consistency'), width(svg, 'top-prior-matching')];
    expect(w1 / w2).toBeCloseTo(12.59 / 10.37, 2);
    // Reconstruction at 80.41 of a 100-nat axis fills the same fraction of the plot as 16.08 of the layers' 20.
    expect(width(svg, 'hvae-reconstruction') / w1).toBeCloseTo(80.41 / 100 / (12.59 / 20), 2);
  });

  test('a collapsed top layer is a sliver, not a missing bar, and the text says it collapsed', () => {
    const collapsed = { reconstruction: 103.9, klZ1: 19.27, klZ2: 0.01 };
    const svg = barsSvg(collapsed, 't');
    expect(width(svg, 'top-prior-matching')).toBe(1);
    expect(barsSummary(collapsed)).toMatch(/top layer has collapsed/);
    expect(barsSummary(pretrained)).not.toMatch(/collapsed/);
    expect(barsSummary({ ...pretrained, klZ2: COLLAPSED_NATS })).not.toMatch(/collapsed/);
  });

  test('a negative one-sample estimate draws no negative width and prints with a true minus sign', () => {
    const svg = barsSvg({ reconstruction: 500, klZ1: -0.3, klZ2: 0.2 }, 't');
    expect(width(svg, 'consistency')).toBe(1);
    expect(nats(-0.3)).toBe('−0.30');
    expect(svg).toContain('>−0.30<');
  });

  test('the text alternative names −ELBO as the sum of the three terms, and the SVG is titled by it', () => {
    const text = barsSummary(pretrained);
    expect(text).toMatch(/^−ELBO 103\.4 nats per digit: reconstruction 80\.4, layer 1 \(consistency\) 12\.6, layer 2 \(top, KL to the prior\) 10\.4\.$/);
    expect(barsSvg(pretrained, 'ttl')).toContain(`<title id="ttl">${text}</title>`);
  });

  test('every bar is named by a known term, and reported terms map back onto the bars', () => {
    for (const slug of Object.values(BAR_TERMS)) expect(Object.hasOwn(TERMS, slug)).toBe(true);
    expect(barTermsOf({ 'hvae-reconstruction': 80, consistency: 12, 'top-prior-matching': 10 })).toEqual({ reconstruction: 80, klZ1: 12, klZ2: 10 });
    expect(barTermsOf({ reconstruction: 80, 'prior-matching': 5 })).toBeNull();
    expect(barTermsOf({ 'hvae-reconstruction': 80, consistency: Number.NaN, 'top-prior-matching': 10 })).toBeNull();
  });
});
