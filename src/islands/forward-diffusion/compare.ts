/**
 * The one-step vs chain comparison: `draws` samples of x_t from one x_0, by the closed form q(x_t|x_0)
 * (eq. vdm-forward-marginal) and by iterating the chain t times (eq. vdm-forward-step), their sample
 * means and variances per coordinate against the closed form, and how far the two methods differ in
 * standard errors. Pure (seeded), so it is unit-tested and the page just shows it.
 */
import { iterateChainHost, marginalCoefficients, qSampleHost } from '../../ml/diffusion/forwardHost.ts';
import type { Schedule } from '../../ml/diffusion/schedule.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../../ml/random.ts';

export interface Moments {
  mean: [number, number];
  variance: [number, number];
}

export interface Comparison {
  t: number;
  draws: number;
  exact: Moments;
  oneStep: Moments;
  chain: Moments;
  /** The largest |one-step − chain| over the two means and two variances, in standard errors of the difference. */
  maxZ: number;
}

function moments(xs: Float32Array): Moments {
  const n = xs.length / 2;
  const mean: [number, number] = [0, 0];
  const variance: [number, number] = [0, 0];
  for (let j = 0; j < 2; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += xs[2 * i + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (xs[2 * i + j] - m) ** 2;
    mean[j] = m;
    variance[j] = v / (n - 1);
  }
  return { mean, variance };
}

/** Compares the two ways of drawing x_t from `x0` (see the module comment). */
export function compareForward(s: Schedule, x0: readonly [number, number], t: number, draws: number, seed: number): Comparison {
  const rows = new Float32Array(2 * draws);
  for (let i = 0; i < draws; i++) rows.set(x0, 2 * i);
  const eps = fillNormal(new Float32Array(2 * draws), mulberry32(deriveSeed(seed, 1)));
  const one = qSampleHost(marginalCoefficients(s), rows, new Int32Array(draws).fill(t), eps, 2);
  const chain = iterateChainHost(s, rows, t, 2, mulberry32(deriveSeed(seed, 2)));
  const ab = s.alphaBar[t];
  const exact: Moments = { mean: [Math.sqrt(ab) * x0[0], Math.sqrt(ab) * x0[1]], variance: [1 - ab, 1 - ab] };
  const a = moments(one);
  const b = moments(chain);
  // Standard errors from the closed-form variance: of a mean difference √(2v/n), of a variance difference v√(2·2/(n−1)).
  const v = 1 - ab;
  let maxZ = 0;
  if (v > 0) {
    for (let j = 0; j < 2; j++) {
      maxZ = Math.max(
        maxZ,
        Math.abs(a.mean[j] - b.mean[j]) / Math.sqrt((2 * v) / draws),
        Math.abs(a.variance[j] - b.variance[j]) / (v * Math.sqrt(4 / (draws - 1))),
      );
    }
  }
  return { t, draws, exact, oneStep: a, chain: b, maxZ };
}
