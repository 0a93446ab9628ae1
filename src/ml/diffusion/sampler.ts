/**
 * Samplers of the reverse process p_θ(x_{t−1}|x_t): ancestral over all T steps, and respaced over a
 * subset of steps. Both start from x_T ~ N(0, I) and add no noise at the last step.
 *
 * Noise is seeded per original timestep (x_T from stream 0, the noise of the step leaving t from
 * stream t), so a respaced run that keeps every step reproduces the ancestral run.
 */
import * as tf from '@tensorflow/tfjs';
import type { EpsPredictor } from './loss.ts';
import { respaceSchedule, type Schedule } from './schedule.ts';
import { deriveSeed } from '../random.ts';

/** Options shared by the samplers. */
export interface SamplerOptions {
  /**
   * Clip the implied clean estimate x̂_0 = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t to [−clip, clip] before forming the
   * mean (then μ = posterior mean of eq. vdm-posterior at x̂_0). Off by default: unclipped, this mean is
   * exactly eq. vdm-sampling-step's. Why offer it: with the cosine schedule's β_T = 0.999 the first step
   * multiplies ε̂'s error by 1/√α_T ≈ 32, which an undertrained network turns into far-off samples.
   */
  clip?: number;
  /**
   * Called with x_t after each step, from x_T (before the first) down to x_0 (the result), with t the
   * original timestep (0 for x_0). The tensor is the sampler's own and is freed after the call: to
   * keep it (a trajectory for a figure, say) take `tf.keep(x.clone())`, as the caller may run in a tidy.
   */
  onStep?: (t: number, x: tf.Tensor2D) => void;
}

/**
 * One reverse step (eq. vdm-sampling-step):
 * x_{t−1} = (1/√α_t)(x_t − (1 − α_t)/√(1 − ᾱ_t) ε̂_θ(x_t, t)) + σ_t ξ, σ_t² = σ_q²(t), ξ ~ N(0, I),
 * where (α_t, ᾱ_t, σ_t²) come from `tables` at index i and the network sees timestep `tNet`.
 * `noiseSeed` null means ξ = 0 (the last step).
 */
function reverseStep(predict: EpsPredictor, xt: tf.Tensor2D, tables: Schedule, i: number, tNet: number, noiseSeed: number | null, clip?: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, dim] = xt.shape;
    const epsHat = predict(xt, tf.fill([n], tNet, 'int32') as tf.Tensor1D);
    // Step 1: the mean μ_θ(x_t, t) from the predicted noise (or, clipped, from x̂_0 via eq. vdm-posterior).
    const mean =
      clip === undefined
        ? tf.mul(tf.sub(xt, tf.mul(epsHat, tables.beta[i] / Math.sqrt(1 - tables.alphaBar[i]))), 1 / Math.sqrt(tables.alpha[i]))
        : tf.add(
            tf.mul(
              tf.clipByValue(tf.div(tf.sub(xt, tf.mul(epsHat, Math.sqrt(1 - tables.alphaBar[i]))), Math.sqrt(tables.alphaBar[i])), -clip, clip),
              tables.posteriorCoefX0[i],
            ),
            tf.mul(xt, tables.posteriorCoefXt[i]),
          );
    if (noiseSeed === null) return mean as tf.Tensor2D;
    // Step 2: add σ_t ξ with the posterior variance σ_q²(t).
    const xi = tf.randomNormal([n, dim], 0, 1, 'float32', noiseSeed);
    return tf.add(mean, tf.mul(xi, Math.sqrt(tables.posteriorVariance[i]))) as tf.Tensor2D;
  });
}

/** Runs reverse steps i = K … 1 over `tables` (K steps), the network seeing timestep netSteps[i − 1]. */
function reverseProcess(
  predict: EpsPredictor,
  tables: Schedule,
  netSteps: number[],
  n: number,
  dim: number,
  seed: number,
  options: SamplerOptions,
): tf.Tensor2D {
  const K = tables.T;
  let x = tf.randomNormal([n, dim], 0, 1, 'float32', deriveSeed(seed, 0)) as tf.Tensor2D; // x_T ~ N(0, I)
  options.onStep?.(netSteps[K - 1], x);
  for (let i = K; i >= 1; i--) {
    const noiseSeed = i > 1 ? deriveSeed(seed, netSteps[i - 1]) : null;
    const next = reverseStep(predict, x, tables, i, netSteps[i - 1], noiseSeed, options.clip);
    x.dispose();
    x = next;
    options.onStep?.(i > 1 ? netSteps[i - 2] : 0, x);
  }
  return x;
}

/** Ancestral sampling over all T steps (eq. vdm-sampling-step): n samples [n, dim] from a seed. */
export function sampleAncestral(predict: EpsPredictor, schedule: Schedule, n: number, dim: number, seed: number, options: SamplerOptions = {}): tf.Tensor2D {
  const all = Array.from({ length: schedule.T }, (_, k) => k + 1);
  return reverseProcess(predict, schedule, all, n, dim, seed, options);
}

/**
 * Sampling with fewer steps: keeps timesteps t_1 < … < t_K (e.g. `evenlySpacedSteps(T, K)`) and uses
 * the respaced schedule α'_i = ᾱ_{t_i}/ᾱ_{t_{i−1}} (`respaceSchedule`), so every step is the exact
 * reverse-process step of the same forward marginals. No noise is added at the last step.
 */
export function sampleRespaced(
  predict: EpsPredictor,
  schedule: Schedule,
  keptSteps: number[],
  n: number,
  dim: number,
  seed: number,
  options: SamplerOptions = {},
): tf.Tensor2D {
  return reverseProcess(predict, respaceSchedule(schedule, keptSteps), keptSteps, n, dim, seed, options);
}
