import { describe, expect, test } from 'vitest';
import { iterateChainHost, marginalCoefficients, qSampleHost } from '../../../src/ml/diffusion/forwardHost.ts';
import * as forward from '../../../src/ml/diffusion/forward.ts';
import { makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';

const moments = (xs: Float32Array, dim: number, j: number) => {
  const n = xs.length / dim;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i * dim + j];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i * dim + j] - m) ** 2;
  return { mean: m, variance: v / (n - 1) };
};

describe('the forward process on the host (no TF.js)', () => {
  test('forward.ts still exports the host twins, the same functions', () => {
    expect(forward.qSampleHost).toBe(qSampleHost);
    expect(forward.marginalCoefficients).toBe(marginalCoefficients);
  });

  test.each(['linear', 'cosine'] as const)(
    'iterating the %s chain t times matches q(x_t|x_0) and the one-step draw in distribution (eq. vdm-forward-marginal)',
    (kind) => {
      const s = makeSchedule(kind, 100);
      const n = 20_000;
      const t = 40;
      const x0 = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) x0.set([1.5, -0.5], 2 * i);
      const chain = iterateChainHost(s, x0, t, 2, mulberry32(3));
      const eps = fillNormal(new Float32Array(2 * n), mulberry32(4));
      const one = qSampleHost(marginalCoefficients(s), x0, new Int32Array(n).fill(t), eps, 2);
      const ab = s.alphaBar[t];
      for (const [j, x] of [
        [0, 1.5],
        [1, -0.5],
      ]) {
        for (const m of [moments(chain, 2, j), moments(one, 2, j)]) {
          // 4.5 standard errors of the mean and of the variance of a Gaussian sample.
          expect(Math.abs(m.mean - Math.sqrt(ab) * x)).toBeLessThan(4.5 * Math.sqrt((1 - ab) / n));
          expect(Math.abs(m.variance - (1 - ab))).toBeLessThan(4.5 * (1 - ab) * Math.sqrt(2 / (n - 1)));
        }
      }
    },
  );

  test('t = 0 returns x_0, and a bad t or row size is named', () => {
    const s = makeSchedule('linear', 10);
    expect(Array.from(iterateChainHost(s, Float32Array.of(0.5, 2), 0, 2, mulberry32(1)))).toEqual([0.5, 2]);
    expect(() => iterateChainHost(s, Float32Array.of(1, 2), 11, 2, mulberry32(1))).toThrow(/t must be a whole number in 0 … 10 \(got 11\)/);
    expect(() => iterateChainHost(s, Float32Array.of(1, 2, 3), 1, 2, mulberry32(1))).toThrow(/not a whole number of rows of 2/);
  });
});
