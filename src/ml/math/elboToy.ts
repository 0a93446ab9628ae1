/**
 * The 1-D worked example of chapter 1 (eq. elbo-toy-model): z ~ N(0, 1), x | z ~ N(z, σ²), and any
 * Gaussian q(z) = N(m, s²). Everything is closed form in float64 plain TypeScript, with no TF.js, so
 * the ELBO-gap example runs on the page's main thread at once. It is the special case W = 1, b = 0 of
 * linearGaussian.ts (the tests check that it agrees with that general code), and its importance-
 * weighted bound is the Monte Carlo L_k of math/bounds.ts without tensors.
 */
import { deriveSeed, mulberry32 } from '../random.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** The observation x and the noise variance σ² of the toy model. */
export interface ToyModel {
  x: number;
  noiseVar: number;
}

/** A 1-D Gaussian by mean and variance. */
export interface Gaussian1d {
  mean: number;
  variance: number;
}

function checkModel(model: ToyModel): void {
  if (!Number.isFinite(model.x)) throw new Error(`toy model: x must be a finite number (got ${model.x})`);
  if (!(model.noiseVar > 0) || !Number.isFinite(model.noiseVar))
    throw new Error(`toy model: the noise variance σ² must be positive and finite (got ${model.noiseVar})`);
}

function checkQ(q: Gaussian1d): void {
  if (!Number.isFinite(q.mean)) throw new Error(`q: the mean m must be a finite number (got ${q.mean})`);
  if (!(q.variance > 0) || !Number.isFinite(q.variance)) throw new Error(`q: the variance s² must be positive and finite (got ${q.variance})`);
}

/** log N(y; mean, variance). */
export function logNormal1d(y: number, mean: number, variance: number): number {
  return -0.5 * (LOG_2PI + Math.log(variance) + (y - mean) ** 2 / variance);
}

/** Exact log p(x) = log N(x; 0, 1 + σ²) (eq. elbo-toy-model). */
export function toyLogEvidence(model: ToyModel): number {
  checkModel(model);
  return logNormal1d(model.x, 0, 1 + model.noiseVar);
}

/** The exact posterior p(z|x) = N(x/(1+σ²), σ²/(1+σ²)) (eq. elbo-toy-model). */
export function toyPosterior(model: ToyModel): Gaussian1d {
  checkModel(model);
  return { mean: model.x / (1 + model.noiseVar), variance: model.noiseVar / (1 + model.noiseVar) };
}

/** The ELBO of q = N(m, s²) in closed form (eq. elbo-toy-elbo). */
export function toyElbo(model: ToyModel, q: Gaussian1d): number {
  checkModel(model);
  checkQ(q);
  const { x, noiseVar } = model;
  const { mean: m, variance: s2 } = q;
  return -0.5 * Math.log(2 * Math.PI * noiseVar) - ((x - m) ** 2 + s2) / (2 * noiseVar) - (m * m + s2) / 2 + 0.5 * Math.log(s2) + 0.5;
}

/** KL(N(m1, v1) ‖ N(m2, v2)), the formula for two Gaussians. */
export function klGaussian1d(a: Gaussian1d, b: Gaussian1d): number {
  checkQ(a);
  checkQ(b);
  return 0.5 * (Math.log(b.variance / a.variance) + (a.variance + (a.mean - b.mean) ** 2) / b.variance - 1);
}

/** The three bars of eq. elbo-kl-decomposition for one q: log p(x) = ELBO + KL(q ‖ p(z|x)). */
export interface ElboGapValues {
  logEvidence: number;
  elbo: number;
  /** KL(q ‖ p(z|x)), computed from the two Gaussians (not as the difference), so the identity is checkable. */
  gap: number;
}

/** log p(x), the ELBO of q and the KL gap, each computed on its own. */
export function elboGap(model: ToyModel, q: Gaussian1d): ElboGapValues {
  return { logEvidence: toyLogEvidence(model), elbo: toyElbo(model, q), gap: klGaussian1d(q, toyPosterior(model)) };
}

/** log w = log p(x|z) + log p(z) − log q(z), the log importance weight of one draw z ~ q (eq. elbo-jensen). */
export function toyLogWeight(model: ToyModel, q: Gaussian1d, z: number): number {
  return logNormal1d(model.x, z, model.noiseVar) + logNormal1d(z, 0, 1) - logNormal1d(z, q.mean, q.variance);
}

/** Options of `iwBoundSpread`. */
export interface IwOptions {
  /** Samples inside the log (k ≥ 1); L_1 is a one-draw ELBO estimate. */
  k: number;
  /** Independent estimates of L_k, whose mean and spread are reported. */
  repeats: number;
  seed: number;
}

/** The mean and standard deviation of `repeats` Monte Carlo estimates of L_k. */
export interface IwSpread {
  mean: number;
  sd: number;
  /** The estimates themselves (length repeats). */
  values: Float64Array;
}

/**
 * Importance-weighted bound L_k = log (1/k) Σ_i w_i, z_i ~ q (Burda et al. 2015; the "average inside
 * the log" of chapter 1), estimated `repeats` times. Repeat r always uses the stream deriveSeed(seed, r)
 * and its first k draws, so raising k extends the same draws (common random numbers): the curves rise
 * smoothly instead of jumping with fresh noise. Computed as a running log-sum-exp (stable).
 */
export function iwBoundSpread(model: ToyModel, q: Gaussian1d, options: IwOptions): IwSpread {
  checkModel(model);
  checkQ(q);
  const { k, repeats, seed } = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`iwBoundSpread: k must be a whole number ≥ 1 (got ${k})`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`iwBoundSpread: repeats must be a whole number ≥ 1 (got ${repeats})`);
  const sd = Math.sqrt(q.variance);
  const { x, noiseVar } = model;
  // log w at z = m + s·ε, with the constant logs hoisted out of the loop (the same sum as toyLogWeight):
  // log N(x; z, σ²) + log N(z; 0, 1) − log N(z; m, s²) = c − (x − z)²/(2σ²) − z²/2 + ε²/2.
  const c = -0.5 * (Math.log(2 * Math.PI * noiseVar) - Math.log(q.variance));
  const values = new Float64Array(repeats);
  for (let r = 0; r < repeats; r++) {
    const uniform = mulberry32(deriveSeed(seed, r));
    let max = -Infinity;
    let sum = 0; // Σ exp(log w_i − max)
    for (let i = 0; i < k; i++) {
      // Box–Muller, one normal per pair of uniforms (1 − u keeps log's argument in (0, 1]).
      const eps = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
      const z = q.mean + sd * eps;
      const logW = c - (x - z) ** 2 / (2 * noiseVar) - (z * z) / 2 + (eps * eps) / 2;
      if (logW > max) {
        sum = sum * Math.exp(max - logW) + 1;
        max = logW;
      } else {
        sum += Math.exp(logW - max);
      }
    }
    values[r] = max + Math.log(sum) - Math.log(k);
  }
  let mean = 0;
  for (const v of values) mean += v;
  mean /= repeats;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, sd: repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : 0, values };
}
