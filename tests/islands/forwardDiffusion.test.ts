/** The forward-diffusion example's pure parts: the one-step vs chain comparison and the pictures. */
import { describe, expect, test } from 'vitest';
import { compareForward } from '../../src/islands/forward-diffusion/compare.ts';
import { curveSvg, logSnr, pointsAt } from '../../src/islands/forward-diffusion/picture.ts';
import { makeSchedule } from '../../src/ml/diffusion/schedule.ts';

const s = makeSchedule('linear', 1000);

describe('the forward-diffusion example', () => {
  test.each([1, 250, 1000])('one step and the chain agree within Monte Carlo error at t = %d, and the closed form is √ᾱ_t x_0, 1 − ᾱ_t', (t) => {
    const c = compareForward(s, [2, 0], t, 1000, 1);
    expect(c.maxZ).toBeLessThan(4);
    expect(c.exact.mean[0]).toBeCloseTo(2 * Math.sqrt(s.alphaBar[t]), 12);
    expect(c.exact.variance[1]).toBeCloseTo(1 - s.alphaBar[t], 12);
  });

  test('at t = 0 both methods return x_0 exactly', () => {
    const c = compareForward(s, [2, 0], 0, 10, 1);
    expect(c.oneStep.mean).toEqual([2, 0]);
    expect(c.chain.mean).toEqual([2, 0]);
    expect(c.maxZ).toBe(0);
  });

  test('the comparison notices a wrong chain: one step at t against the closed form at another t is far off', () => {
    // Sanity of the statistic: the chain at 250 vs the closed form at 500 differ by many standard errors.
    const a = compareForward(s, [2, 0], 250, 1000, 1);
    const b = compareForward(s, [2, 0], 500, 1000, 1);
    expect(Math.abs(a.chain.mean[0] - b.oneStep.mean[0]) / Math.sqrt((2 * (1 - s.alphaBar[500])) / 1000)).toBeGreaterThan(10);
  });

  test('x_t at t = 0 is the data and at t = T is nearly independent of it', () => {
    const x0 = Float32Array.of(1, 2, -3, 0.5);
    const eps = Float32Array.of(0.1, -0.2, 0.3, 0.4);
    expect(Array.from(pointsAt(s, x0, eps, 0))).toEqual(Array.from(x0));
    const xT = pointsAt(s, x0, eps, 1000);
    // √ᾱ_T ≈ 0.006 for the linear schedule: what is left of x_0 is under 0.02 here.
    xT.forEach((v, i) => expect(Math.abs(v - eps[i])).toBeLessThan(0.02));
  });

  test('the curve marks t and says its value; log SNR is +∞ at t = 0', () => {
    expect(curveSvg(s.alphaBar, 500, 0, 1, 'ᾱ_t', 'x', 'id')).toMatch(new RegExp(`at t = 500: ${s.alphaBar[500].toFixed(3)}`));
    expect(logSnr(s)[0]).toBe(Infinity);
    expect(curveSvg(logSnr(s), 0, -12, 12, 'log SNR(t)', 'x', 'id')).toMatch(/at t = 0: ∞/);
  });
});
