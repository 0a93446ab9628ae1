/**
 * The chapter 2 variance comparison ("Why the reparameterized gradient has low variance"): for
 * q = N(z; μ, 1) and f(z) = z², single-sample estimates of ∇_μ E_q[f(z)] = 2μ by
 *   - the score-function estimator (eq. vae-score-function): f(z)·∂_μ log q(z) = (μ + ε)²·ε,
 *   - the reparameterized estimator (eq. vae-pathwise-gradient): f'(μ + ε) = 2(μ + ε),
 * from the same seeded draws ε (common random numbers: the comparison is of the estimators, not of
 * the noise), their closed-form variances, and running moments. Plain TypeScript, no TF.js.
 */
import { deriveSeed, mulberry32 } from '../random.ts';

/** The two estimators' single-sample estimates, index-aligned (estimate i uses draw ε_i). */
export interface GradientEstimates {
  score: Float64Array;
  reparam: Float64Array;
}

/** `n` standard normal draws from `seed` (Box–Muller, one normal per pair of uniforms). */
export function normalDraws(n: number, seed: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`normalDraws: n must be a whole number ≥ 0 (got ${n})`);
  const uniform = mulberry32(deriveSeed(seed, 0));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

/** Both estimates of the gradient of E[z²] at mean μ (unit variance) for each draw ε. */
export function z2GradientEstimates(mu: number, eps: Float64Array): GradientEstimates {
  if (!Number.isFinite(mu)) throw new Error(`z2GradientEstimates: μ must be a finite number (got ${mu})`);
  const score = new Float64Array(eps.length);
  const reparam = new Float64Array(eps.length);
  for (let i = 0; i < eps.length; i++) {
    const z = mu + eps[i];
    score[i] = z * z * eps[i]; // f(z) ∂_μ log N(z; μ, 1) = z² (z − μ)
    reparam[i] = 2 * z; //        f'(z) ∂z/∂μ = 2z
  }
  return { score, reparam };
}

/** The chapter's closed forms: Var = 4 (reparameterized) and μ⁴ + 14μ² + 15 (score function); both means are 2μ. */
export function z2GradientVariances(mu: number): { reparam: number; score: number; mean: number } {
  return { reparam: 4, score: mu ** 4 + 14 * mu ** 2 + 15, mean: 2 * mu };
}

/**
 * Running unbiased sample variances (Welford's update, stable in one pass) of `values`, read at the
 * sample counts `at` (each ≥ 2, increasing). Returns one variance per count.
 */
export function runningVariances(values: Float64Array, at: readonly number[]): Float64Array {
  const out = new Float64Array(at.length);
  let mean = 0;
  let m2 = 0;
  let j = 0;
  for (let i = 0; i < values.length && j < at.length; i++) {
    const delta = values[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (values[i] - mean);
    while (j < at.length && at[j] === i + 1) out[j++] = i > 0 ? m2 / i : NaN;
  }
  if (j < at.length) throw new Error(`runningVariances: asked for the variance of ${at[j]} values, but there are ${values.length} (counts must increase)`);
  return out;
}

/** Counts of the first `n` values in `bins` equal bins over [lo, hi); values outside go to `below` and `above`. */
export function histogram(values: Float64Array, n: number, lo: number, hi: number, bins: number): { counts: Uint32Array; below: number; above: number } {
  if (!(hi > lo) || !Number.isInteger(bins) || bins < 1) throw new Error(`histogram: need lo < hi and a whole number of bins ≥ 1 (got ${lo}, ${hi}, ${bins})`);
  const counts = new Uint32Array(bins);
  let below = 0;
  let above = 0;
  const width = (hi - lo) / bins;
  for (let i = 0; i < Math.min(n, values.length); i++) {
    const v = values[i];
    if (v < lo) below++;
    else if (v >= hi) above++;
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return { counts, below, above };
}
