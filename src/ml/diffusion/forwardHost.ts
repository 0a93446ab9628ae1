/**
 * The forward (noising) process on the host, in plain TypeScript with no TF.js: the closed-form
 * marginal q(x_t|x_0) (`qSampleHost`, what training uses, as x_0, t and ε are drawn there) and the
 * chain itself, q(x_s|x_{s−1}) applied t times (`iterateChainHost`), which the forward-diffusion
 * example compares in distribution. forward.ts re-exports the first two next to their tensor twins.
 */
import { fillNormal, type Uniform } from '../random.ts';
import type { Schedule } from './schedule.ts';

/** √ᾱ_t and √(1 − ᾱ_t) for t = 0 … T: the two coefficients of eq. vdm-forward-marginal, computed once per model. */
export interface MarginalCoefficients {
  sqrtAlphaBar: Float64Array;
  sqrtOneMinusAlphaBar: Float64Array;
}

/** The coefficients of q(x_t|x_0) from a schedule. */
export function marginalCoefficients(s: Schedule): MarginalCoefficients {
  return { sqrtAlphaBar: s.alphaBar.map(Math.sqrt), sqrtOneMinusAlphaBar: s.alphaBar.map((a) => Math.sqrt(1 - a)) };
}

/**
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε on the host (eq. vdm-forward-marginal), the twin of the tensor `qSample`:
 * x0 and eps hold t.length rows of `dim` numbers; writes the rows into `out` (allocated when omitted).
 */
export function qSampleHost(
  c: MarginalCoefficients,
  x0: Float32Array,
  t: Int32Array,
  eps: Float32Array,
  dim: number,
  out = new Float32Array(t.length * dim),
): Float32Array {
  for (let i = 0; i < t.length; i++) {
    const a = c.sqrtAlphaBar[t[i]];
    const s = c.sqrtOneMinusAlphaBar[t[i]];
    for (let j = i * dim; j < (i + 1) * dim; j++) out[j] = a * x0[j] + s * eps[j];
  }
  return out;
}

/**
 * x_t by running the chain t times from x_0 (eq. vdm-forward-step): x_s = √α_s x_{s−1} + √β_s ε_s,
 * s = 1 … t, fresh ε_s ~ N(0, I) from `uniform` each step. Rows of `dim` numbers; returns new rows.
 */
export function iterateChainHost(s: Schedule, x0: Float32Array, t: number, dim: number, uniform: Uniform): Float32Array {
  if (!Number.isInteger(t) || t < 0 || t > s.T) throw new Error(`iterateChainHost: t must be a whole number in 0 … ${s.T} (got ${t})`);
  if (x0.length % dim !== 0) throw new Error(`iterateChainHost: x0 has ${x0.length} numbers, not a whole number of rows of ${dim}`);
  const x = Float64Array.from(x0);
  const eps = new Float32Array(x.length);
  for (let step = 1; step <= t; step++) {
    fillNormal(eps, uniform);
    const a = Math.sqrt(s.alpha[step]);
    const b = Math.sqrt(s.beta[step]);
    for (let j = 0; j < x.length; j++) x[j] = a * x[j] + b * eps[j];
  }
  return Float32Array.from(x);
}
