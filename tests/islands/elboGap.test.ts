/** The ELBO-gap example's pure parts: the k slider's steps and the bars' geometry and text. */
import { describe, expect, test } from 'vitest';
import { barsSummary, barsSvg, nats } from '../../src/islands/elbo-gap/bars.ts';
import { kIndex, K_CHOICES } from '../../src/islands/elbo-gap/kChoices.ts';
import { iwRepeats, SPEC } from '../../src/islands/elbo-gap/config.ts';

const input = (elbo: number, gap: number) => ({ values: { logEvidence: -2.266, elbo, gap }, iw: { mean: -2.5, sd: 0.2 }, k: 10, axisMin: -8 });
/** The x and width of the rect with data-term `term` in an SVG string. */
function rect(svg: string, term: string): { x: number; width: number } | null {
  const m = new RegExp(`<rect [^>]*data-term="${term}" x="([^"]+)" y="[^"]+" width="([^"]+)"`).exec(svg);
  return m ? { x: Number(m[1]), width: Number(m[2]) } : null;
}

describe('the k slider', () => {
  test('offers k from the spec’s minimum to its maximum, increasing', () => {
    expect(K_CHOICES[0]).toBe(SPEC.k.min);
    expect(K_CHOICES[K_CHOICES.length - 1]).toBe(SPEC.k.max);
    for (let i = 1; i < K_CHOICES.length; i++) expect(K_CHOICES[i]).toBeGreaterThan(K_CHOICES[i - 1]);
  });

  test('puts a k between steps at the nearest step on a log scale', () => {
    expect(K_CHOICES[kIndex(10)]).toBe(10);
    expect(K_CHOICES[kIndex(4)]).toBe(5); // |log 5/4| < |log 3/4|
    expect(K_CHOICES[kIndex(7)]).toBe(5); // |log 5/7| < |log 10/7|
    expect(K_CHOICES[kIndex(999)]).toBe(1000);
  });
});

describe('the bars', () => {
  test('the KL gap bar spans exactly from the ELBO to log p(x)', () => {
    const svg = barsSvg(input(-3.419, 1.153), 't');
    const elbo = rect(svg, 'elbo')!;
    const evidence = rect(svg, 'evidence')!;
    const gap = rect(svg, 'kl-gap')!;
    expect(gap.x).toBeCloseTo(elbo.x, 2);
    expect(gap.x + gap.width).toBeCloseTo(evidence.x, 2);
    // The axis is linear in nats: widths are proportional to |value|.
    expect(evidence.width / elbo.width).toBeCloseTo(2.266 / 3.419, 2);
  });

  test('draws no gap bar when the gap rounds to 0, and says the bound is tight', () => {
    const svg = barsSvg(input(-2.266, 1e-15), 't');
    expect(rect(svg, 'kl-gap')).toBeNull();
    expect(barsSummary(input(-2.266, 1e-15))).toMatch(/KL gap = 0\.000 \(q is the true posterior: the bound is tight\)/);
  });

  test('clips an ELBO beyond the axis with an arrow, and still names its value', () => {
    const svg = barsSvg(input(-20, 17.734), 't');
    expect(rect(svg, 'elbo')!.x).toBeCloseTo(118, 5); // the axis' left end
    expect(svg).toContain('◀');
    expect(svg).toContain('−20.000');
  });

  test('writes negative numbers with a true minus and never “−0.000”', () => {
    expect(nats(-2.2661)).toBe('−2.266');
    expect(nats(-1e-9)).toBe('0.000');
  });
});

test('the IW bound’s work per update stays within its budget: 100 repeats for small k, at least 20 for k = 1000', () => {
  expect(iwRepeats(1)).toBe(100);
  expect(iwRepeats(200)).toBe(100);
  expect(iwRepeats(1000)).toBe(20);
  for (const k of K_CHOICES) expect(iwRepeats(k) * k).toBeLessThanOrEqual(Math.max(20_000, 20 * k));
});
