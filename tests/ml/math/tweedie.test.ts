import { describe, expect, test } from 'vitest';
import {
  noisedMixtureLogDensity,
  noisedMixturePosteriorMean,
  noisedMixtureReverseMean,
  noisedMixtureScore,
  sampleMixture,
  type MixtureComponent,
} from '../../../src/ml/math/tweedie.ts';
import { epsFromScore, guidedEps, x0FromScore } from '../../../src/ml/diffusion/parameterizations.ts';
import { makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { expectAllClose } from '../helpers.ts';

/** Three well-separated, unequal components in 2-D: E[x_0 | x_t] is far from linear in x_t. */
const mix: MixtureComponent[] = [
  { weight: 0.5, mean: Float64Array.from([2, 0]), variance: 0.1 },
  { weight: 0.3, mean: Float64Array.from([-1.5, 1.5]), variance: 0.3 },
  { weight: 0.2, mean: Float64Array.from([0, -2]), variance: 0.05 },
];
const points = [Float64Array.from([0.4, 0.2]), Float64Array.from([-1, 0.8]), Float64Array.from([1.3, -1.1])];
const levels = [0.9, 0.5, 0.1];

/** Central finite-difference gradient of f at x. */
function numericGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  return Float64Array.from(x, (_, i) => {
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/**
 * Self-normalized importance estimate of E[g(x_0, ε) | x_t] from prior draws x_0^(i):
 * weights ∝ q(x_t | x_0^(i)) = N(x_t; √ᾱ x_0^(i), (1 − ᾱ) I), and ε^(i) = (x_t − √ᾱ x_0^(i)) / √(1 − ᾱ).
 */
function monteCarloConditional(xt: Float64Array, alphaBar: number, x0s: Float64Array, which: 'x0' | 'eps'): Float64Array {
  const n = xt.length;
  const count = x0s.length / n;
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  const logW = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    let sq = 0;
    for (let i = 0; i < n; i++) sq += (xt[i] - a * x0s[j * n + i]) ** 2;
    logW[j] = -sq / (2 * (1 - alphaBar));
  }
  let top = -Infinity;
  for (const l of logW) top = Math.max(top, l);
  const out = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < count; j++) {
    const w = Math.exp(logW[j] - top);
    total += w;
    for (let i = 0; i < n; i++) out[i] += w * (which === 'x0' ? x0s[j * n + i] : (xt[i] - a * x0s[j * n + i]) / b);
  }
  return out.map((v) => v / total);
}

describe('a Gaussian mixture through the forward process (the setting of eq. vdm-tweedie)', () => {
  test('the closed-form score is the gradient of log q(x_t) (finite differences)', () => {
    for (const ab of levels) {
      for (const xt of points)
        expectAllClose(
          noisedMixtureScore(mix, ab, xt),
          numericGradient((x) => noisedMixtureLogDensity(mix, ab, x), xt),
          1e-6,
        );
    }
  });

  test("Tweedie's formula (x_t + (1 − ᾱ) ∇log q(x_t))/√ᾱ equals E[x_0 | x_t] from per-component Gaussian conditioning", () => {
    for (const ab of levels) {
      for (const xt of points) expectAllClose(x0FromScore(xt, noisedMixtureScore(mix, ab, xt), ab), noisedMixturePosteriorMean(mix, ab, xt), 1e-12);
    }
  });

  test('E[x_0 | x_t] and E[ε | x_t] = −√(1 − ᾱ) ∇log q(x_t) match a 200,000-draw Monte Carlo estimate', () => {
    const x0s = sampleMixture(mix, 200_000, 11);
    for (const ab of [0.7, 0.3]) {
      for (const xt of points) {
        expectAllClose(monteCarloConditional(xt, ab, x0s, 'x0'), noisedMixturePosteriorMean(mix, ab, xt), 0.03);
        expectAllClose(monteCarloConditional(xt, ab, x0s, 'eps'), epsFromScore(noisedMixtureScore(mix, ab, xt), ab), 0.03);
      }
    }
  });

  test('E[x_0 | x_t] is not the linear guess x_t/√ᾱ (the identity is tested where it has content)', () => {
    const xt = points[0];
    const naive = Float64Array.from(xt, (v) => v / Math.sqrt(0.5));
    const exact = noisedMixturePosteriorMean(mix, 0.5, xt);
    expect(Math.hypot(exact[0] - naive[0], exact[1] - naive[1])).toBeGreaterThan(0.3);
  });

  test('μ_q(x_t, E[x_0 | x_t]) is the mean of the true reverse step E[x_{t−1} | x_t] (eq. vdm-optimal-mean)', () => {
    const s = makeSchedule('cosine', 50);
    for (const t of [2, 10, 30, 49]) {
      for (const xt of points) {
        const x0hat = noisedMixturePosteriorMean(mix, s.alphaBar[t], xt);
        const muQ = Float64Array.from(xt, (v, i) => s.posteriorCoefXt[t] * v + s.posteriorCoefX0[t] * x0hat[i]);
        expectAllClose(muQ, noisedMixtureReverseMean(mix, s.alphaBar[t - 1], s.alphaBar[t], xt), 1e-10);
      }
    }
  });

  test('among noise predictors, E[ε | x_t] has the lowest mean squared error on joint draws (x_0, ε)', () => {
    const ab = 0.4;
    const count = 20_000;
    const x0s = sampleMixture(mix, count, 5);
    const noise = sampleMixture([{ weight: 1, mean: new Float64Array(2), variance: 1 }], count, 6);
    const mse = (predict: (xt: Float64Array) => Float64Array): number => {
      let total = 0;
      for (let j = 0; j < count; j++) {
        const eps = noise.subarray(2 * j, 2 * j + 2);
        const xt = Float64Array.from([0, 1], (i) => Math.sqrt(ab) * x0s[2 * j + i] + Math.sqrt(1 - ab) * eps[i]);
        const e = predict(xt);
        total += (eps[0] - e[0]) ** 2 + (eps[1] - e[1]) ** 2;
      }
      return total / count;
    };
    const optimal = (xt: Float64Array) => epsFromScore(noisedMixtureScore(mix, ab, xt), ab);
    const best = mse(optimal);
    expect(best).toBeLessThan(mse((xt) => optimal(xt).map((v) => 0.8 * v)));
    expect(best).toBeLessThan(mse((xt) => optimal(xt).map((v) => v + 0.2)));
    // The linear predictor √(1 − ᾱ) x_t, optimal if the data were one standard Gaussian, does worse here.
    expect(best).toBeLessThan(mse((xt) => xt.map((v) => Math.sqrt(1 - ab) * v)));
  });

  test('rejects a mixture whose weights do not sum to one, naming the sum', () => {
    expect(() => noisedMixtureScore([{ weight: 0.5, mean: new Float64Array(1), variance: 1 }], 0.5, new Float64Array(1))).toThrow(/sum to 0.5/);
  });
});

describe('classifier-free guidance (eq. vdm-cfg)', () => {
  // Two classes: y = 0 is the first component, y = 1 the other two (renormalized).
  const classes = [[mix[0]], [mix[1], mix[2]]].map((parts) => {
    const total = parts.reduce((a, c) => a + c.weight, 0);
    return { prior: total, mix: parts.map((c) => ({ ...c, weight: c.weight / total })) };
  });
  /** log q(y | x_t) = log p(y) + log q(x_t | y) − log q(x_t), from the closed-form densities. */
  const logPosterior = (y: number, ab: number, x: Float64Array) =>
    Math.log(classes[y].prior) + noisedMixtureLogDensity(classes[y].mix, ab, x) - noisedMixtureLogDensity(mix, ab, x);

  test('mixing the optimal ε̂(x_t, y) and ε̂(x_t) is the ε of ∇ log q(x_t | y) + w ∇ log q(y | x_t), the classifier gradient by central differences', () => {
    const schedule = makeSchedule('cosine', 100);
    for (const t of [20, 60]) {
      const ab = schedule.alphaBar[t];
      for (const x of points)
        for (const y of [0, 1])
          for (const w of [0, 1, 3]) {
            const withLabel = epsFromScore(noisedMixtureScore(classes[y].mix, ab, x), ab);
            const without = epsFromScore(noisedMixtureScore(mix, ab, x), ab);
            const h = 1e-5;
            const classifierGrad = Float64Array.from(x, (_, d) => {
              const up = Float64Array.from(x, (v, k) => (k === d ? v + h : v));
              const down = Float64Array.from(x, (v, k) => (k === d ? v - h : v));
              return (logPosterior(y, ab, up) - logPosterior(y, ab, down)) / (2 * h);
            });
            const score = Float64Array.from(noisedMixtureScore(classes[y].mix, ab, x), (s, d) => s + w * classifierGrad[d]);
            expectAllClose(guidedEps(withLabel, without, w), epsFromScore(score, ab), 1e-5);
          }
    }
  });
});
