import { describe, expect, test } from 'vitest';
import { consistencyAsKl, consistencyTerms, elboConsistency, elboThreeTerms, type GaussianReverseChain } from '../../../src/ml/diffusion/gaussianChainElbo.ts';
import { makeSchedule, type Schedule } from '../../../src/ml/diffusion/schedule.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';

const logN = (x: number, m: number, v: number) => -0.5 * (Math.log(2 * Math.PI * v) + (x - m) ** 2 / v);

/** An arbitrary (untrained) Gaussian reverse chain: every term of the bound is non-trivial. */
function randomModel(T: number, seed: number): GaussianReverseChain {
  const u = mulberry32(seed);
  const model = { a: new Float64Array(T + 1), c: new Float64Array(T + 1), v: new Float64Array(T + 1) };
  for (let t = 1; t <= T; t++) {
    model.a[t] = 0.6 + 0.6 * u();
    model.c[t] = 0.4 * (u() - 0.5);
    model.v[t] = 0.05 + 0.3 * u();
  }
  return model;
}

/** Plain Monte Carlo of the definition, E_q[log p_θ(x_{0:T}) − log q(x_{1:T}|x_0)] (eq. vdm-elbo-jensen), by running the chain. */
function monteCarloElbo(s: Schedule, model: GaussianReverseChain, x0: number, count: number, seed: number): number {
  const uniform = mulberry32(seed);
  const noise = new Float32Array(s.T);
  const x = new Float64Array(s.T + 1);
  let total = 0;
  for (let n = 0; n < count; n++) {
    fillNormal(noise, uniform);
    x[0] = x0;
    let logRatio = 0;
    for (let t = 1; t <= s.T; t++) {
      x[t] = Math.sqrt(s.alpha[t]) * x[t - 1] + Math.sqrt(1 - s.alpha[t]) * noise[t - 1];
      logRatio -= logN(x[t], Math.sqrt(s.alpha[t]) * x[t - 1], 1 - s.alpha[t]);
      logRatio += logN(x[t - 1], model.a[t] * x[t] + model.c[t], model.v[t]);
    }
    total += logRatio + logN(x[s.T], 0, 1);
  }
  return total / count;
}

describe('the diffusion ELBO of a 1-D Gaussian chain, written three ways', () => {
  const s = makeSchedule('linear', 6, 0.05, 0.4);
  const model = randomModel(6, 3);
  const x0 = 0.8;

  test('the consistency form (eq. vdm-elbo-consistency) equals the three-term form (eq. vdm-elbo)', () => {
    const a = elboConsistency(s, model, x0);
    const b = elboThreeTerms(s, model, x0);
    expect(Math.abs(a - b)).toBeLessThan(1e-10);
  });

  test('both equal a 200,000-run Monte Carlo estimate of the definition', () => {
    const mc = monteCarloElbo(s, model, x0, 200_000, 17);
    expect(Math.abs(mc - elboThreeTerms(s, model, x0))).toBeLessThan(0.05);
  });

  test('the same holds on a cosine schedule and other models and data points', () => {
    const cos = makeSchedule('cosine', 9);
    for (const seed of [1, 2, 4]) {
      const m = randomModel(9, seed);
      for (const x of [-1.3, 0, 2]) expect(Math.abs(elboConsistency(cos, m, x) - elboThreeTerms(cos, m, x))).toBeLessThan(1e-10);
    }
  });

  test('the KL shorthand for the consistency terms, averaging over x_{t−1} and x_{t+1} only, is a different number', () => {
    const exact = consistencyTerms(s, model, x0);
    const shorthand = consistencyAsKl(s, model, x0);
    expect(Math.abs(shorthand - exact) / Math.abs(exact)).toBeGreaterThan(0.05);
  });

  test('rejects a model whose arrays do not match the schedule, naming the field', () => {
    expect(() => elboThreeTerms(s, { a: new Float64Array(3), c: new Float64Array(7), v: new Float64Array(7) }, 0)).toThrow(/model\.a needs length T \+ 1 = 7/);
  });
});
