import { describe, expect, test } from 'vitest';
import { checkerboard, eightGaussians, swissRoll, toy2dSets, twoMoons } from '../../src/ml/data/toy2d.ts';
import { slicedWasserstein, wasserstein1Sorted } from '../../src/ml/eval/slicedWasserstein.ts';

/** Per-coordinate means and covariance of an [n·2] point set. */
function moments(p: Float32Array) {
  const n = p.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += p[2 * i] / n;
    my += p[2 * i + 1] / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = p[2 * i] - mx;
    const dy = p[2 * i + 1] - my;
    sxx += (dx * dx) / n;
    syy += (dy * dy) / n;
    sxy += (dx * dy) / n;
  }
  return { mx, my, sxx, syy, sxy };
}

describe('toy 2-D data sets', () => {
  test('every set returns n points as [n·2] and repeats exactly for the same seed', () => {
    for (const set of Object.values(toy2dSets)) {
      const a = set.sample(100, 3);
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.length).toBe(200);
      expect(Array.from(set.sample(100, 3))).toEqual(Array.from(a));
      expect(Array.from(set.sample(100, 4))).not.toEqual(Array.from(a));
    }
  });

  test('8 Gaussians: zero mean, covariance (r²/2 + σ²) I = 2.01 I, points 0.1 from radius 2', () => {
    const p = eightGaussians(40_000, 1);
    const m = moments(p);
    expect(Math.abs(m.mx)).toBeLessThan(0.03);
    expect(Math.abs(m.my)).toBeLessThan(0.03);
    expect(m.sxx).toBeCloseTo(2.01, 1);
    expect(m.syy).toBeCloseTo(2.01, 1);
    expect(Math.abs(m.sxy)).toBeLessThan(0.03);
    let radius = 0;
    for (let i = 0; i < 40_000; i++) radius += Math.hypot(p[2 * i], p[2 * i + 1]) / 40_000;
    expect(radius).toBeCloseTo(2, 1);
  });

  test('two moons: mean (1/2, 1/4), the two half circles equally weighted', () => {
    const m = moments(twoMoons(40_000, 2));
    expect(m.mx).toBeCloseTo(0.5, 1);
    expect(m.my).toBeCloseTo(0.25, 1);
  });

  test('swiss roll: radius |p|·5 spread over [1.5π, 4.5π] (mean 3π)', () => {
    const p = swissRoll(40_000, 3, 0);
    let r = 0;
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < 40_000; i++) {
      const s = 5 * Math.hypot(p[2 * i], p[2 * i + 1]);
      r += s / 40_000;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    expect(r).toBeCloseTo(3 * Math.PI, 1);
    expect(lo).toBeGreaterThanOrEqual(1.5 * Math.PI - 1e-4);
    expect(hi).toBeLessThanOrEqual(4.5 * Math.PI + 1e-4);
  });

  test('checkerboard: uniform on the 8 dark squares of [−4, 4]² (zero mean, variance 16/3)', () => {
    const p = checkerboard(40_000, 4);
    for (let i = 0; i < 40_000; i++) {
      const col = Math.floor((p[2 * i] + 4) / 2);
      const row = Math.floor((p[2 * i + 1] + 4) / 2);
      expect((col + row) % 2).toBe(0);
    }
    const m = moments(p);
    expect(Math.abs(m.mx)).toBeLessThan(0.05);
    expect(Math.abs(m.my)).toBeLessThan(0.05);
    expect(m.sxx).toBeCloseTo(16 / 3, 1);
  });
});

describe('sliced Wasserstein-1', () => {
  test('1-D W1 of equal-size samples is the mean absolute difference of the sorted values', () => {
    expect(wasserstein1Sorted(Float64Array.from([0, 1, 3]), Float64Array.from([1, 1, 1]))).toBeCloseTo(1, 12);
  });

  test('1-D W1 of unequal sizes integrates the quantile functions: {0, 1} vs {0, 0.5, 1} gives 1/6', () => {
    // Quantiles: a = 0 on [0, ½), 1 on [½, 1]; b = 0, 0.5, 1 on thirds. |Δ| = 0.5 on [⅓, ½) and on [½, ⅔).
    expect(wasserstein1Sorted(Float64Array.from([0, 1]), Float64Array.from([0, 0.5, 1]))).toBeCloseTo(1 / 6, 12);
  });

  test('a shift by δ gives W1 = |⟨δ, θ⟩| averaged over directions: 2|δ|/π in 2-D', () => {
    const a = eightGaussians(500, 1);
    const b = a.map((v, i) => (i % 2 === 0 ? v + 0.3 : v));
    expect(slicedWasserstein(a, b, { projections: 4096, seed: 2 })).toBeCloseTo((2 * 0.3) / Math.PI, 2);
  });

  test('is zero for identical sets and small for two fresh draws of the same distribution', () => {
    const a = eightGaussians(2000, 1);
    expect(slicedWasserstein(a, a, { seed: 1 })).toBe(0);
    expect(slicedWasserstein(a, eightGaussians(2000, 2), { seed: 1 })).toBeLessThan(0.1);
    expect(slicedWasserstein(a, twoMoons(2000, 2), { seed: 1 })).toBeGreaterThan(0.5);
  });
});
