/**
 * Training loss and ELBO terms of the variational diffusion model with an ε-predictor.
 * p_θ(x_{t−1}|x_t) = N(μ_θ(x_t, t), σ_q²(t) I) with μ_θ from ε̂_θ (eq. vdm-eps-loss), so each
 * denoising KL is a weighted squared error on the noise.
 */
import * as tf from '@tensorflow/tfjs';
import { qSample, type ScheduleTensors } from './forward.ts';
import type { Schedule } from './schedule.ts';
import { logNormalDiag } from '../math/logDensity.ts';

/** ε̂_θ(x_t, t): xt [batch, dim], t int32 [batch] → predicted noise [batch, dim]. */
export type EpsPredictor = (xt: tf.Tensor2D, t: tf.Tensor1D) => tf.Tensor2D;

/**
 * The simple DDPM loss (eq. vdm-simple-loss, Ho et al. 2020): mean over the batch and dimensions of
 * ‖ε − ε̂_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖², for given x0, t (int32, uniform on 1 … T) and ε.
 */
export function simpleLoss(predict: EpsPredictor, x0: tf.Tensor2D, t: tf.Tensor1D, eps: tf.Tensor2D, st: ScheduleTensors): tf.Scalar {
  return tf.tidy(() => {
    const xt = qSample(x0, t, eps, st); // eq. vdm-forward-marginal
    return tf.mean(tf.square(tf.sub(eps, predict(xt, t))));
  });
}

/**
 * Weight of the squared noise error in the denoising KL at step t (eq. vdm-eps-loss):
 * (1 − α_t)² / (2 σ_q²(t) (1 − ᾱ_t) α_t), for t = 2 … T (σ_q²(1) = 0, so t = 1 has none).
 */
export function denoisingWeight(s: Schedule, t: number): number {
  return (s.beta[t] * s.beta[t]) / (2 * s.posteriorVariance[t] * (1 - s.alphaBar[t]) * s.alpha[t]);
}

/**
 * One denoising matching term per row, KL(q(x_{t−1}|x_t, x_0) ‖ p_θ(x_{t−1}|x_t)) at x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε,
 * as the weighted squared noise error of eq. vdm-eps-loss: weight_t ‖ε − ε̂_θ(x_t, t)‖². t (int32) must be ≥ 2.
 * Returns [batch].
 */
export function denoisingKl(predict: EpsPredictor, x0: tf.Tensor2D, t: tf.Tensor1D, eps: tf.Tensor2D, s: Schedule, st: ScheduleTensors): tf.Tensor1D {
  return tf.tidy(() => {
    const weights = new Float32Array(s.T + 1);
    for (let k = 2; k <= s.T; k++) weights[k] = denoisingWeight(s, k);
    const xt = qSample(x0, t, eps, st);
    const sqErr = tf.sum(tf.square(tf.sub(eps, predict(xt, t))), 1);
    return tf.mul(sqErr, tf.gather(tf.tensor1d(weights), t)) as tf.Tensor1D;
  });
}

/**
 * Prior matching term KL(q(x_T|x_0) ‖ N(0, I)) in closed form, per row of x0 [batch, n]:
 * ½ [ᾱ_T (‖x_0‖² − n) − n log(1 − ᾱ_T)] (eq. vdm-elbo's prior matching term; equations.tex A2.7).
 */
export function priorMatching(x0: tf.Tensor2D, s: Schedule): tf.Tensor1D {
  return tf.tidy(() => {
    const n = x0.shape[1];
    const aT = s.alphaBar[s.T];
    return tf.mul(tf.sub(tf.mul(tf.sub(tf.sum(tf.square(x0), 1), n), aT), n * Math.log(1 - aT)), 0.5) as tf.Tensor1D;
  });
}

/** The three terms of eq. vdm-elbo for a batch x0 [batch, n]; ELBO = reconstruction − priorMatching − Σ_t denoising. */
export interface VdmElboTerms {
  /** E_{q(x_1|x_0)}[log p_θ(x_0|x_1)], one sample of x_1, [batch]. */
  reconstruction: tf.Tensor1D;
  /** KL(q(x_T|x_0) ‖ p(x_T)), [batch]. */
  priorMatching: tf.Tensor1D;
  /** E_{q(x_t|x_0)}[KL(q(x_{t−1}|x_t, x_0) ‖ p_θ(x_{t−1}|x_t))] for t = 2 … T (row t − 2), one sample each, [T − 1, batch]. */
  denoising: tf.Tensor2D;
  /** reconstruction − priorMatching − Σ_t denoising, [batch]: a lower bound on log p_θ(x_0). */
  elbo: tf.Tensor1D;
}

/**
 * Evaluates eq. vdm-elbo exactly as written, with one Monte Carlo draw of x_1 and of each x_t:
 * - reconstruction: log p_θ(x_0|x_1) with p_θ(x_0|x_1) = N(μ_θ(x_1, 1), β_1 I). σ_q²(1) = 0, so the
 *   last step uses β_1 = 1 − α_1 as its variance (Ho et al.'s σ_1² = β_1 for continuous data);
 * - prior matching: closed form (`priorMatching`);
 * - denoising at t ≥ 2: weight_t ‖ε − ε̂_θ(x_t, t)‖² (eq. vdm-eps-loss), x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε.
 * For evaluation: it runs the network on (T − 1)·batch rows at once.
 */
export function vdmElboTerms(predict: EpsPredictor, x0: tf.Tensor2D, s: Schedule, st: ScheduleTensors, seed: number): VdmElboTerms {
  return tf.tidy(() => {
    const [batch, n] = x0.shape;
    const T = s.T;

    // Reconstruction term: x_1 ~ q(x_1|x_0), then log N(x_0; μ_θ(x_1, 1), β_1 I),
    // μ_θ(x_1, 1) = (x_1 − β_1/√(1 − ᾱ_1) ε̂) / √α_1 (eq. vdm-sampling-step's mean).
    const eps1 = tf.randomNormal([batch, n], 0, 1, 'float32', seed) as tf.Tensor2D;
    const ones = tf.fill([batch], 1, 'int32') as tf.Tensor1D;
    const x1 = qSample(x0, ones, eps1, st);
    const mu1 = tf.div(tf.sub(x1, tf.mul(predict(x1, ones), s.beta[1] / Math.sqrt(1 - s.alphaBar[1]))), Math.sqrt(s.alpha[1]));
    const reconstruction = logNormalDiag(x0, mu1, tf.scalar(Math.log(s.beta[1]))) as tf.Tensor1D;

    // Prior matching term.
    const prior = priorMatching(x0, s);

    // Denoising matching terms, all t = 2 … T in one pass: rows ordered t-major ([T − 1, batch]).
    const steps = T - 1;
    const tValues = new Int32Array(steps * batch);
    for (let k = 0; k < steps; k++) tValues.fill(k + 2, k * batch, (k + 1) * batch);
    const t = tf.tensor1d(tValues, 'int32');
    const x0Rep = tf.tile(x0, [steps, 1]) as tf.Tensor2D; //                                           [steps·batch, n]
    const eps = tf.randomNormal([steps * batch, n], 0, 1, 'float32', seed + 1) as tf.Tensor2D; //     [steps·batch, n]
    const denoising = tf.reshape(denoisingKl(predict, x0Rep, t, eps, s, st), [steps, batch]) as tf.Tensor2D;

    const elbo = tf.sub(tf.sub(reconstruction, prior), tf.sum(denoising, 0)) as tf.Tensor1D;
    return { reconstruction, priorMatching: prior, denoising, elbo };
  });
}

/**
 * The per-step denoising matching term L_t = E_{q(x_t|x_0)}[KL(q(x_{t−1}|x_t, x_0) ‖ p_θ(x_{t−1}|x_t))] of
 * eq. vdm-elbo (chapter 4 names it in eq. vdm-denoising-term), for each t of `ts` (each ≥ 2), estimated on one batch: the mean over the rows of x0
 * [batch, n] of `denoisingKl`, with the noise of step ts[k] in rows k·batch … (k + 1)·batch − 1 of
 * eps [ts.length · batch, n]. Fixed x0 and eps make the curves of successive models comparable.
 * Returns [ts.length], in nats.
 */
export function denoisingTermsByT(
  predict: EpsPredictor,
  x0: tf.Tensor2D,
  ts: readonly number[],
  eps: tf.Tensor2D,
  s: Schedule,
  st: ScheduleTensors,
): tf.Tensor1D {
  return tf.tidy(() => {
    const batch = x0.shape[0];
    if (ts.some((t) => !Number.isInteger(t) || t < 2 || t > s.T)) throw new Error(`denoisingTermsByT: every t must be a whole number in 2 … ${s.T}`);
    if (eps.shape[0] !== ts.length * batch) throw new Error(`denoisingTermsByT: eps needs ${ts.length * batch} rows, got ${eps.shape[0]}`);
    const tValues = new Int32Array(ts.length * batch);
    ts.forEach((t, k) => tValues.fill(t, k * batch, (k + 1) * batch));
    const x0Rep = tf.tile(x0, [ts.length, 1]) as tf.Tensor2D;
    const kl = denoisingKl(predict, x0Rep, tf.tensor1d(tValues, 'int32'), eps, s, st);
    return tf.mean(tf.reshape(kl, [ts.length, batch]), 1) as tf.Tensor1D;
  });
}
