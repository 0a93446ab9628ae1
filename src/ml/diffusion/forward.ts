/**
 * The forward (noising) process: the closed-form marginal q(x_t|x_0), on the host (`qSampleHost`,
 * what training uses, as x_0, t and ε are drawn there) and on tensors (`qSample`), and the posterior
 * q(x_{t−1}|x_t, x_0). Schedule tables live on the backend once (`scheduleTensors`) and are gathered
 * per example with an int32 timestep tensor t ∈ {1, …, T}.
 */
import * as tf from '@tensorflow/tfjs';
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
export function qSampleHost(c: MarginalCoefficients, x0: Float32Array, t: Int32Array, eps: Float32Array, dim: number, out = new Float32Array(t.length * dim)): Float32Array {
  for (let i = 0; i < t.length; i++) {
    const a = c.sqrtAlphaBar[t[i]];
    const s = c.sqrtOneMinusAlphaBar[t[i]];
    for (let j = i * dim; j < (i + 1) * dim; j++) out[j] = a * x0[j] + s * eps[j];
  }
  return out;
}

/** The schedule's tables as float32 tensors of length T + 1 (index t), created once per model. */
export interface ScheduleTensors {
  T: number;
  sqrtAlphaBar: tf.Tensor1D;
  sqrtOneMinusAlphaBar: tf.Tensor1D;
  posteriorCoefX0: tf.Tensor1D;
  posteriorCoefXt: tf.Tensor1D;
  posteriorVariance: tf.Tensor1D;
}

/** Uploads the tables a model gathers from at every step; dispose with `disposeScheduleTensors`. */
export function scheduleTensors(s: Schedule): ScheduleTensors {
  const f32 = (a: ArrayLike<number>) => tf.tensor1d(Float32Array.from(a));
  const c = marginalCoefficients(s);
  return {
    T: s.T,
    sqrtAlphaBar: f32(c.sqrtAlphaBar),
    sqrtOneMinusAlphaBar: f32(c.sqrtOneMinusAlphaBar),
    posteriorCoefX0: f32(s.posteriorCoefX0),
    posteriorCoefXt: f32(s.posteriorCoefXt),
    posteriorVariance: f32(s.posteriorVariance),
  };
}

/** Frees the tensors of `scheduleTensors`. */
export function disposeScheduleTensors(st: ScheduleTensors): void {
  tf.dispose([st.sqrtAlphaBar, st.sqrtOneMinusAlphaBar, st.posteriorCoefX0, st.posteriorCoefXt, st.posteriorVariance]);
}

/** Gathers table[t] for each example as a [batch, 1] column that broadcasts over data dimensions. */
export function perExample(table: tf.Tensor1D, t: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => tf.expandDims(tf.gather(table, t), 1) as tf.Tensor2D);
}

/**
 * Samples x_t ~ q(x_t|x_0) in closed form with the given noise (eq. vdm-forward-marginal):
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε. x0 and eps are [batch, dim]; t is int32 [batch] in 1 … T.
 */
export function qSample(x0: tf.Tensor2D, t: tf.Tensor1D, eps: tf.Tensor2D, st: ScheduleTensors): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.mul(perExample(st.sqrtAlphaBar, t), x0), tf.mul(perExample(st.sqrtOneMinusAlphaBar, t), eps)) as tf.Tensor2D);
}

/**
 * Mean and variance of the forward-process posterior q(x_{t−1}|x_t, x_0) (eq. vdm-posterior):
 * μ_q = [√α_t (1 − ᾱ_{t−1}) x_t + √ᾱ_{t−1} (1 − α_t) x_0] / (1 − ᾱ_t), σ_q²(t) = (1 − α_t)(1 − ᾱ_{t−1}) / (1 − ᾱ_t).
 * Returns mean [batch, dim] and variance [batch, 1].
 */
export function qPosterior(xt: tf.Tensor2D, x0: tf.Tensor2D, t: tf.Tensor1D, st: ScheduleTensors): { mean: tf.Tensor2D; variance: tf.Tensor2D } {
  return tf.tidy(() => ({
    mean: tf.add(tf.mul(perExample(st.posteriorCoefXt, t), xt), tf.mul(perExample(st.posteriorCoefX0, t), x0)) as tf.Tensor2D,
    variance: perExample(st.posteriorVariance, t),
  }));
}
