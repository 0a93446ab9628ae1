import { describe, expect, test } from 'vitest';
import { histogram, normalDraws, runningVariances, z2GradientEstimates, z2GradientVariances } from '../../../src/ml/math/gradientEstimators.ts';

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
/** Two-pass sample variance: an independent check of the running (Welford) one. */
const variance = (a: Float64Array) => {
  const m = mean(a);
  return a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1);
};

describe('the score-function and reparameterized estimates of ∇_μ E[z²] (chapter 2)', () => {
  test('the closed-form variances are the chapter’s table (4; 15, 30, 87)', () => {
    expect([0, 1, 2].map((mu) => z2GradientVariances(mu).score)).toEqual([15, 30, 87]);
    expect(z2GradientVariances(2).reparam).toBe(4);
  });

  test.each([0, 1, 2, -1.5])('at μ = %d both are unbiased and their sample variances match the closed forms (400,000 draws)', (mu) => {
    const eps = normalDraws(400_000, 7);
    const { score, reparam } = z2GradientEstimates(mu, eps);
    const exact = z2GradientVariances(mu);
    // Standard errors of the means from the closed-form variances; 4.5 of them is a loose, honest bound.
    expect(Math.abs(mean(reparam) - exact.mean)).toBeLessThan(4.5 * Math.sqrt(exact.reparam / eps.length));
    expect(Math.abs(mean(score) - exact.mean)).toBeLessThan(4.5 * Math.sqrt(exact.score / eps.length));
    expect(variance(reparam) / exact.reparam).toBeCloseTo(1, 1);
    expect(variance(score) / exact.score).toBeCloseTo(1, 1);
  });

  test('each estimate is the formula of its estimator at z = μ + ε', () => {
    const { score, reparam } = z2GradientEstimates(0.5, Float64Array.of(-1, 0, 2));
    expect(Array.from(score)).toEqual([0.25 * -1, 0, 6.25 * 2]);
    expect(Array.from(reparam)).toEqual([-1, 1, 5]);
  });

  test('the running variances equal two-pass variances of each prefix', () => {
    const v = z2GradientEstimates(1, normalDraws(1000, 3)).score;
    const at = [2, 10, 500, 1000];
    const run = runningVariances(v, at);
    at.forEach((n, i) => expect(run[i]).toBeCloseTo(variance(v.slice(0, n)), 8));
    expect(() => runningVariances(v, [2000])).toThrow(/asked for the variance of 2000 values, but there are 1000/);
  });

  test('the histogram counts every value once, in its bin or outside', () => {
    const h = histogram(Float64Array.of(-5, 0, 0.49, 0.5, 0.99, 1, 7), 7, 0, 1, 2);
    expect(Array.from(h.counts)).toEqual([2, 2]);
    expect([h.below, h.above]).toEqual([1, 2]);
    expect(histogram(Float64Array.of(0.1, 0.2, 0.3), 2, 0, 1, 1).counts[0]).toBe(2); // only the first n
  });

  test('the same seed gives the same draws, another seed others', () => {
    expect(Array.from(normalDraws(5, 1))).toEqual(Array.from(normalDraws(5, 1)));
    expect(Array.from(normalDraws(5, 1))).not.toEqual(Array.from(normalDraws(5, 2)));
  });
});
