/**
 * The ELBO of a one-dimensional diffusion chain with Gaussian reverse steps, in closed form, written
 * three ways so that tests can check the chapter's rewrites against each other:
 * - `elboConsistency`: the consistency form (eq. vdm-elbo-consistency; chapter 2's per-layer reading,
 *   eq. hvae-elbo-layers), each middle term an average over x_{t−1}, x_t, x_{t+1};
 * - `elboThreeTerms`: reconstruction − prior matching − Σ_t E_{x_t}[KL(q(x_{t−1}|x_t, x_0) ‖ p_θ(x_{t−1}|x_t))]
 *   (eq. vdm-elbo), built on the posterior of eq. vdm-posterior;
 * - `consistencyTerms` against `consistencyAsKl`, the tutorial's shorthand, E_{x_{t−1}, x_{t+1}}[KL(q(x_t|x_{t−1}) ‖ p_θ(x_t|x_{t+1}))],
 *   which draws x_t independently of x_{t+1} and is therefore not the same number.
 * Every expectation is exact: given x_0 the forward chain is jointly Gaussian with
 * E[x_t] = √ᾱ_t x_0 and Cov(x_s, x_t) = √(ᾱ_t/ᾱ_s)(1 − ᾱ_s) for s ≤ t.
 */
import type { Schedule } from './schedule.ts';

/** Reverse steps p_θ(x_{t−1}|x_t) = N(a_t x_t + c_t, v_t) for t = 1 … T (entry 0 unused). */
export interface GaussianReverseChain {
  a: Float64Array;
  c: Float64Array;
  v: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

function check(s: Schedule, model: GaussianReverseChain): void {
  for (const key of ['a', 'c', 'v'] as const) {
    if (model[key].length !== s.T + 1) throw new Error(`gaussianChainElbo: model.${key} needs length T + 1 = ${s.T + 1}, got ${model[key].length}`);
  }
  for (let t = 1; t <= s.T; t++) if (!(model.v[t] > 0)) throw new Error(`gaussianChainElbo: model.v[${t}] = ${model.v[t]} must be positive`);
  if (s.T < 2) throw new Error('gaussianChainElbo: needs T ≥ 2');
}

/** Mean and covariance of the forward chain given x_0 (index 0 is the constant x_0). */
function moments(s: Schedule, x0: number) {
  const mean = (t: number) => Math.sqrt(s.alphaBar[t]) * x0;
  const cov = (i: number, j: number) => {
    if (i === 0 || j === 0) return 0;
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    return Math.sqrt(s.alphaBar[hi] / s.alphaBar[lo]) * (1 - s.alphaBar[lo]);
  };
  return { mean, cov };
}

/** E[log N(x_i; k x_j + c, v)] under the forward chain given x_0 (j = −1: no regressor). */
function expectedLogNormal(s: Schedule, x0: number, i: number, j: number, k: number, c: number, v: number): number {
  const { mean, cov } = moments(s, x0);
  const m = mean(i) - (j >= 0 ? k * mean(j) : 0) - c;
  const variance = cov(i, i) + (j >= 0 ? k * k * cov(j, j) - 2 * k * cov(i, j) : 0);
  return -0.5 * (LOG_2PI + Math.log(v) + (variance + m * m) / v);
}

/** Reconstruction term E_{q(x_1|x_0)}[log p_θ(x_0|x_1)]. */
function reconstruction(s: Schedule, model: GaussianReverseChain, x0: number): number {
  return expectedLogNormal(s, x0, 0, 1, model.a[1], model.c[1], model.v[1]);
}

/** The consistency terms of eq. vdm-elbo-consistency, Σ_{t=1}^{T−1} E[log q(x_t|x_{t−1}) − log p_θ(x_t|x_{t+1})] over the three latents. */
export function consistencyTerms(s: Schedule, model: GaussianReverseChain, x0: number): number {
  check(s, model);
  let total = 0;
  for (let t = 1; t <= s.T - 1; t++) {
    total += expectedLogNormal(s, x0, t, t - 1, Math.sqrt(s.alpha[t]), 0, 1 - s.alpha[t]);
    total -= expectedLogNormal(s, x0, t, t + 1, model.a[t + 1], model.c[t + 1], model.v[t + 1]);
  }
  return total;
}

/** eq. vdm-elbo-consistency, every term an exact Gaussian expectation. */
export function elboConsistency(s: Schedule, model: GaussianReverseChain, x0: number): number {
  check(s, model);
  const T = s.T;
  // Top layer: E[log p(x_T) − log q(x_T|x_{T−1})], i.e. minus the averaged KL to the prior.
  const top = expectedLogNormal(s, x0, T, -1, 0, 0, 1) - expectedLogNormal(s, x0, T, T - 1, Math.sqrt(s.alpha[T]), 0, 1 - s.alpha[T]);
  return reconstruction(s, model, x0) + top - consistencyTerms(s, model, x0);
}

/** KL(N(m1, v1) ‖ N(m2, v2)) in one dimension. */
function kl1d(m1: number, v1: number, m2: number, v2: number): number {
  return 0.5 * (Math.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1);
}

/** eq. vdm-elbo: reconstruction − prior matching − denoising matching, with the posterior of eq. vdm-posterior. */
export function elboThreeTerms(s: Schedule, model: GaussianReverseChain, x0: number): number {
  check(s, model);
  const T = s.T;
  const { mean, cov } = moments(s, x0);
  let elbo = reconstruction(s, model, x0) - kl1d(mean(T), cov(T, T), 0, 1);
  for (let t = 2; t <= T; t++) {
    // E_{x_t}[KL]: the KL's only x_t-dependent part is (μ_q − a_t x_t − c_t)², linear in x_t inside the square.
    const slope = s.posteriorCoefXt[t] - model.a[t];
    const offset = s.posteriorCoefX0[t] * x0 - model.c[t];
    const meanSq = (slope * mean(t) + offset) ** 2 + slope * slope * cov(t, t);
    const sq = s.posteriorVariance[t];
    elbo -= 0.5 * (Math.log(model.v[t] / sq) + (sq + meanSq) / model.v[t] - 1);
  }
  return elbo;
}

/**
 * The tutorial's shorthand for the consistency terms, Σ_t E_{x_{t−1}, x_{t+1}}[KL(q(x_t|x_{t−1}) ‖ p_θ(x_t|x_{t+1}))],
 * with (x_{t−1}, x_{t+1}) drawn jointly from the forward chain. Returned on its own, for comparison.
 */
export function consistencyAsKl(s: Schedule, model: GaussianReverseChain, x0: number): number {
  check(s, model);
  const { mean, cov } = moments(s, x0);
  let total = 0;
  for (let t = 1; t <= s.T - 1; t++) {
    const k = Math.sqrt(s.alpha[t]);
    const a = model.a[t + 1];
    // Difference of the two means, k x_{t−1} − a x_{t+1} − c, is Gaussian in (x_{t−1}, x_{t+1}).
    const m = k * mean(t - 1) - a * mean(t + 1) - model.c[t + 1];
    const variance = k * k * cov(t - 1, t - 1) + a * a * cov(t + 1, t + 1) - 2 * k * a * cov(t - 1, t + 1);
    const v1 = 1 - s.alpha[t];
    const v2 = model.v[t + 1];
    total += 0.5 * (Math.log(v2 / v1) + (v1 + variance + m * m) / v2 - 1);
  }
  return total;
}
