/**
 * The one-step vs chain comparison on a digit's 784 pixels: `draws` samples of x_t from one x_0 in one
 * step (eq. vdm-forward-marginal) and by iterating the chain t times (eq. vdm-forward-step), per-pixel
 * means and variances, and how far they are, in standard errors, from the closed form √ᾱ_t x_0, 1 − ᾱ_t
 * and from each other. Summaries are root-mean-square z over the pixels: about 1 when the methods agree
 * (784 pixels make it precise: 1 ± 0.03), far above when they do not. Pure and seeded; the chain is a
 * generator yielding after each step, so the page can spread the work over frames.
 */
import { marginalCoefficients, qSampleHost } from '../../ml/diffusion/forwardHost.ts';
import type { Schedule } from '../../ml/diffusion/schedule.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../../ml/random.ts';

/** Pixel-averaged mean and variance of one method (or of the closed form). */
export interface PixelSummary {
  mean: number;
  variance: number;
}

export interface DigitComparison {
  t: number;
  draws: number;
  pixels: number;
  exact: PixelSummary;
  oneStep: PixelSummary;
  chain: PixelSummary;
  /** RMS over pixels of each method's per-pixel mean and variance against the closed form, in standard errors. */
  vsExact: { oneStep: PixelSummary; chain: PixelSummary };
  /** RMS over pixels of one step − chain, per-pixel mean and variance, in standard errors of the difference. */
  between: PixelSummary;
  /** max(between.mean, between.variance): the page's agreement hook. */
  maxZ: number;
}

/** Per-pixel sample means and variances of `draws` rows of `pixels` numbers. */
function pixelMoments(rows: ArrayLike<number>, draws: number, pixels: number): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(pixels);
  const variance = new Float64Array(pixels);
  for (let d = 0; d < draws; d++) for (let i = 0; i < pixels; i++) mean[i] += rows[d * pixels + i];
  for (let i = 0; i < pixels; i++) mean[i] /= draws;
  for (let d = 0; d < draws; d++)
    for (let i = 0; i < pixels; i++) {
      const e = rows[d * pixels + i] - mean[i];
      variance[i] += e * e;
    }
  for (let i = 0; i < pixels; i++) variance[i] /= draws - 1;
  return { mean, variance };
}

const average = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
const rms = (f: (i: number) => number, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += f(i) ** 2;
  return Math.sqrt(s / n);
};

/** The comparison (see the module comment), yielding the chain's step after each one. */
export function* digitComparison(s: Schedule, x0: Float32Array, t: number, draws: number, seed: number): Generator<number, DigitComparison> {
  if (!Number.isInteger(t) || t < 0 || t > s.T) throw new Error(`digitComparison: t must be a whole number in 0 … ${s.T} (got ${t})`);
  if (!(Number.isInteger(draws) && draws >= 2)) throw new Error(`digitComparison: draws must be a whole number ≥ 2 (got ${draws})`);
  const P = x0.length;
  const rows = new Float32Array(P * draws);
  for (let d = 0; d < draws; d++) rows.set(x0, d * P);
  const eps = fillNormal(new Float32Array(P * draws), mulberry32(deriveSeed(seed, 1)));
  const one = qSampleHost(marginalCoefficients(s), rows, new Int32Array(draws).fill(t), eps, P);

  // The chain, as forwardHost.ts's iterateChainHost runs it, one step per yield.
  const x = Float64Array.from(rows);
  const noise = new Float32Array(x.length);
  const uniform = mulberry32(deriveSeed(seed, 2));
  for (let step = 1; step <= t; step++) {
    fillNormal(noise, uniform);
    const a = Math.sqrt(s.alpha[step]);
    const b = Math.sqrt(s.beta[step]);
    for (let j = 0; j < x.length; j++) x[j] = a * x[j] + b * noise[j];
    yield step;
  }

  const ab = s.alphaBar[t];
  const v = 1 - ab;
  const m1 = pixelMoments(one, draws, P);
  const m2 = pixelMoments(x, draws, P);
  const exactMean = (i: number) => Math.sqrt(ab) * x0[i];
  // Standard errors from the closed-form variance v (both methods are Gaussian): a mean √(v/n), a variance v√(2/(n−1)).
  const seMean = Math.sqrt(v / draws);
  const seVar = v * Math.sqrt(2 / (draws - 1));
  const z = (num: number, se: number) => (v > 0 ? num / se : 0);
  const vsExact = (m: typeof m1): PixelSummary => ({
    mean: rms((i) => z(m.mean[i] - exactMean(i), seMean), P),
    variance: rms((i) => z(m.variance[i] - v, seVar), P),
  });
  const between: PixelSummary = {
    mean: rms((i) => z(m1.mean[i] - m2.mean[i], Math.SQRT2 * seMean), P),
    variance: rms((i) => z(m1.variance[i] - m2.variance[i], Math.SQRT2 * seVar), P),
  };
  let exactSum = 0;
  for (let i = 0; i < P; i++) exactSum += exactMean(i);
  return {
    t,
    draws,
    pixels: P,
    exact: { mean: exactSum / P, variance: v },
    oneStep: { mean: average(m1.mean), variance: average(m1.variance) },
    chain: { mean: average(m2.mean), variance: average(m2.variance) },
    vsExact: { oneStep: vsExact(m1), chain: vsExact(m2) },
    between,
    maxZ: Math.max(between.mean, between.variance),
  };
}

/** The whole comparison at once (tests; the page steps the generator). */
export function compareDigit(s: Schedule, x0: Float32Array, t: number, draws: number, seed: number): DigitComparison {
  const run = digitComparison(s, x0, t, draws, seed);
  for (;;) {
    const r = run.next();
    if (r.done) return r.value;
  }
}
