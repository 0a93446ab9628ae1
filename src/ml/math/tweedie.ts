/**
 * A Gaussian mixture pushed through the forward process of a diffusion model, where everything the
 * chapter's Tweedie section talks about has a closed form: the noisy marginal q(x_t), its score
 * ∇ log q(x_t), the denoiser E[x_0 | x_t] and the true reverse-step mean E[x_{t−1} | x_t].
 *
 *   x_0 ~ Σ_k π_k N(m_k, v_k I),   x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε   (eq. vdm-forward-marginal-reparam)
 *
 * Each component stays Gaussian, so q(x_t) = Σ_k π_k N(√ᾱ_t m_k, V_k I) with V_k = ᾱ_t v_k + 1 − ᾱ_t,
 * and conditional means come from Gaussian conditioning inside each component, weighted by the
 * component's responsibility for x_t. None of this uses Tweedie's formula: the tests compare it with
 * it (src/ml/diffusion/parameterizations.ts) and with Monte Carlo.
 */
import { fillNormal, mulberry32 } from '../random.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** One isotropic Gaussian component: weight π_k, mean m_k and variance v_k of every coordinate. */
export interface MixtureComponent {
  weight: number;
  mean: Float64Array;
  variance: number;
}

/** Checks weights (positive, summing to 1), a shared dimension and positive variances; returns the dimension. */
export function checkMixture(mix: MixtureComponent[]): number {
  if (mix.length === 0) throw new Error('mixture: needs at least one component');
  const n = mix[0].mean.length;
  let total = 0;
  mix.forEach((c, k) => {
    if (!(c.weight > 0)) throw new Error(`mixture: component ${k} has weight ${c.weight}, must be positive`);
    if (!(c.variance > 0)) throw new Error(`mixture: component ${k} has variance ${c.variance}, must be positive`);
    if (c.mean.length !== n) throw new Error(`mixture: component ${k} has dimension ${c.mean.length}, component 0 has ${n}`);
    total += c.weight;
  });
  if (Math.abs(total - 1) > 1e-9) throw new Error(`mixture: weights sum to ${total}, not 1`);
  return n;
}

function checkAlphaBar(alphaBar: number, where: string): void {
  if (!(alphaBar > 0 && alphaBar < 1)) throw new Error(`${where}: ᾱ must lie strictly between 0 and 1, got ${alphaBar}`);
}

/** log N(x; mean, variance·I). */
function logNormalIso(x: Float64Array, mean: Float64Array, scale: number, variance: number): number {
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (x[i] - scale * mean[i]) ** 2;
  return -0.5 * (x.length * (LOG_2PI + Math.log(variance)) + sq / variance);
}

/** Per component: log π_k + log N(x_t; √ᾱ m_k, V_k I), and V_k. */
function componentTerms(mix: MixtureComponent[], alphaBar: number, xt: Float64Array): { logTerm: number[]; noisedVar: number[] } {
  const n = checkMixture(mix);
  if (xt.length !== n) throw new Error(`mixture: x_t has dimension ${xt.length}, the mixture ${n}`);
  const a = Math.sqrt(alphaBar);
  const noisedVar = mix.map((c) => alphaBar * c.variance + 1 - alphaBar);
  const logTerm = mix.map((c, k) => Math.log(c.weight) + logNormalIso(xt, c.mean, a, noisedVar[k]));
  return { logTerm, noisedVar };
}

/** Responsibilities r_k(x_t) = π_k N_k(x_t) / q(x_t), computed stably (log-sum-exp). */
function responsibilities(logTerm: number[]): number[] {
  const top = Math.max(...logTerm);
  const w = logTerm.map((l) => Math.exp(l - top));
  const sum = w.reduce((s, v) => s + v, 0);
  return w.map((v) => v / sum);
}

/** log q(x_t) of the noised mixture at level ᾱ. */
export function noisedMixtureLogDensity(mix: MixtureComponent[], alphaBar: number, xt: Float64Array): number {
  checkAlphaBar(alphaBar, 'noisedMixtureLogDensity');
  const { logTerm } = componentTerms(mix, alphaBar, xt);
  const top = Math.max(...logTerm);
  return top + Math.log(logTerm.reduce((s, l) => s + Math.exp(l - top), 0));
}

/** The score ∇_{x_t} log q(x_t) = Σ_k r_k (√ᾱ m_k − x_t) / V_k. */
export function noisedMixtureScore(mix: MixtureComponent[], alphaBar: number, xt: Float64Array): Float64Array {
  checkAlphaBar(alphaBar, 'noisedMixtureScore');
  const { logTerm, noisedVar } = componentTerms(mix, alphaBar, xt);
  const r = responsibilities(logTerm);
  const a = Math.sqrt(alphaBar);
  const out = new Float64Array(xt.length);
  mix.forEach((c, k) => {
    for (let i = 0; i < xt.length; i++) out[i] += (r[k] * (a * c.mean[i] - xt[i])) / noisedVar[k];
  });
  return out;
}

/**
 * The denoiser E[x_0 | x_t] by Gaussian conditioning in each component:
 * E_k[x_0 | x_t] = m_k + (√ᾱ v_k / V_k)(x_t − √ᾱ m_k), averaged with the responsibilities.
 */
export function noisedMixturePosteriorMean(mix: MixtureComponent[], alphaBar: number, xt: Float64Array): Float64Array {
  checkAlphaBar(alphaBar, 'noisedMixturePosteriorMean');
  const { logTerm, noisedVar } = componentTerms(mix, alphaBar, xt);
  const r = responsibilities(logTerm);
  const a = Math.sqrt(alphaBar);
  const out = new Float64Array(xt.length);
  mix.forEach((c, k) => {
    const gain = (a * c.variance) / noisedVar[k];
    for (let i = 0; i < xt.length; i++) out[i] += r[k] * (c.mean[i] + gain * (xt[i] - a * c.mean[i]));
  });
  return out;
}

/**
 * The mean of the true reverse step, E[x_{t−1} | x_t], conditioning x_{t−1} on x_t directly (no x_0):
 * in component k, x_{t−1} ~ N(√ᾱ_{t−1} m_k, V'_k I) and x_t = √α_t x_{t−1} + √(1 − α_t) ε with
 * α_t = ᾱ_t / ᾱ_{t−1}, so E_k[x_{t−1} | x_t] = √ᾱ_{t−1} m_k + (√α_t V'_k / V_k)(x_t − √ᾱ_t m_k).
 */
export function noisedMixtureReverseMean(mix: MixtureComponent[], alphaBarPrev: number, alphaBar: number, xt: Float64Array): Float64Array {
  checkAlphaBar(alphaBar, 'noisedMixtureReverseMean');
  if (!(alphaBarPrev > alphaBar && alphaBarPrev <= 1)) throw new Error(`noisedMixtureReverseMean: need ᾱ < ᾱ_prev ≤ 1, got ${alphaBar} and ${alphaBarPrev}`);
  const { logTerm, noisedVar } = componentTerms(mix, alphaBar, xt);
  const r = responsibilities(logTerm);
  const sqrtAlpha = Math.sqrt(alphaBar / alphaBarPrev);
  const aPrev = Math.sqrt(alphaBarPrev);
  const a = Math.sqrt(alphaBar);
  const out = new Float64Array(xt.length);
  mix.forEach((c, k) => {
    const prevVar = alphaBarPrev * c.variance + 1 - alphaBarPrev;
    const gain = (sqrtAlpha * prevVar) / noisedVar[k];
    for (let i = 0; i < xt.length; i++) out[i] += r[k] * (aPrev * c.mean[i] + gain * (xt[i] - a * c.mean[i]));
  });
  return out;
}

/** Draws `count` seeded samples x_0 from the mixture; rows of a [count, n] row-major array. */
export function sampleMixture(mix: MixtureComponent[], count: number, seed: number): Float64Array {
  const n = checkMixture(mix);
  const uniform = mulberry32(seed);
  const noise = new Float32Array(n);
  const out = new Float64Array(count * n);
  for (let j = 0; j < count; j++) {
    let u = uniform();
    let k = 0;
    while (k < mix.length - 1 && u >= mix[k].weight) u -= mix[k++].weight;
    fillNormal(noise, uniform);
    const sd = Math.sqrt(mix[k].variance);
    for (let i = 0; i < n; i++) out[j * n + i] = mix[k].mean[i] + sd * noise[i];
  }
  return out;
}
