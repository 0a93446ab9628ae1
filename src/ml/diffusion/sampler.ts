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
   * DDIM's η (Song et al. 2021), in [0, 1]: each step keeps x̂_0 and the direction ε̂ and adds only
   * η σ_q(t) of fresh noise, x_{t−1} = √ᾱ_{t−1} x̂_0 + √(1 − ᾱ_{t−1} − η²σ_q²) ε̂ + η σ_q ξ. η = 1 is the
   * ancestral step of eq. vdm-sampling-step (the default, computed as that equation); η = 0 adds no noise.
   */
  eta?: number;
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
 * `noiseSeed` null means ξ = 0 (the last step). With `estimate`, also returns the clean estimate
 * x̂_0 = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t (clipped when `clip` is set, as the clipped mean uses it).
 */
function reverseStep(
  predict: EpsPredictor,
  xt: tf.Tensor2D,
  tables: Schedule,
  i: number,
  tNet: number,
  noiseSeed: number | null,
  clip: number | undefined,
  estimate: boolean,
  eta = 1,
): { next: tf.Tensor2D; x0Hat: tf.Tensor2D | null } {
  // The tidy returns [next] or [next, x̂_0] (a container of tensors only).
  const [next, x0Hat] = tf.tidy(() => {
    const [n, dim] = xt.shape;
    const epsHat = predict(xt, tf.fill([n], tNet, 'int32') as tf.Tensor1D);
    const x0Hat = () => {
      const raw = tf.div(tf.sub(xt, tf.mul(epsHat, Math.sqrt(1 - tables.alphaBar[i]))), Math.sqrt(tables.alphaBar[i]));
      return (clip === undefined ? raw : tf.clipByValue(raw, -clip, clip)) as tf.Tensor2D;
    };
    const clean = clip === undefined && !estimate && eta === 1 ? null : x0Hat();
    const withEstimate = (x: tf.Tensor): tf.Tensor2D[] => (estimate ? [x as tf.Tensor2D, clean!] : [x as tf.Tensor2D]);
    if (eta !== 1) {
      // DDIM: from x̂_0 (clipped or not) and the noise direction it implies, ε' = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t).
      const epsDir = tf.div(tf.sub(xt, tf.mul(clean!, Math.sqrt(tables.alphaBar[i]))), Math.sqrt(1 - tables.alphaBar[i]));
      const prev = tables.alphaBar[i] / tables.alpha[i]; // ᾱ_{t−1}
      const sigma = noiseSeed === null ? 0 : eta * Math.sqrt(tables.posteriorVariance[i]);
      const next = tf.add(tf.mul(clean!, Math.sqrt(prev)), tf.mul(epsDir, Math.sqrt(Math.max(1 - prev - sigma * sigma, 0))));
      if (sigma === 0) return withEstimate(next);
      return withEstimate(tf.add(next, tf.mul(tf.randomNormal([n, dim], 0, 1, 'float32', noiseSeed!), sigma)));
    }
    // Step 1: the mean μ_θ(x_t, t) from the predicted noise (or, clipped, from x̂_0 via eq. vdm-posterior).
    const mean =
      clip === undefined
        ? tf.mul(tf.sub(xt, tf.mul(epsHat, tables.beta[i] / Math.sqrt(1 - tables.alphaBar[i]))), 1 / Math.sqrt(tables.alpha[i]))
        : tf.add(tf.mul(clean!, tables.posteriorCoefX0[i]), tf.mul(xt, tables.posteriorCoefXt[i]));
    if (noiseSeed === null) return withEstimate(mean);
    // Step 2: add σ_t ξ with the posterior variance σ_q²(t).
    const xi = tf.randomNormal([n, dim], 0, 1, 'float32', noiseSeed);
    return withEstimate(tf.add(mean, tf.mul(xi, Math.sqrt(tables.posteriorVariance[i]))));
  });
  return { next, x0Hat: x0Hat ?? null };
}

/** What a sampler runs: the reverse-step tables (index i = 1 … K) and the network's timestep at each index. */
export interface SamplingPlan {
  tables: Schedule;
  /** netSteps[i − 1]: the original timestep t_i that step i leaves; netSteps[K − 1] is where x_T sits. */
  netSteps: number[];
}

/** The plan of ancestral sampling (all T steps) or, with `keptSteps`, of respaced sampling over them. */
export function samplingPlan(schedule: Schedule, keptSteps?: number[]): SamplingPlan {
  if (!keptSteps) return { tables: schedule, netSteps: Array.from({ length: schedule.T }, (_, k) => k + 1) };
  return { tables: respaceSchedule(schedule, keptSteps), netSteps: keptSteps };
}

/** x_T ~ N(0, I), [n, dim], drawn from `seed` exactly as the samplers draw it. */
export function initialNoise(n: number, dim: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([n, dim], 0, 1, 'float32', deriveSeed(seed, 0)) as tf.Tensor2D;
}

/**
 * Reverse step i (K … 1) of `plan` from x (the state at timestep netSteps[i − 1]), seeded as the
 * samplers seed it: the next state (at netSteps[i − 2], or 0 after step 1) and the clean estimate x̂_0
 * that the step formed from x. Running i = K … 1 from initialNoise reproduces the samplers' result.
 */
export function planStep(
  predict: EpsPredictor,
  plan: SamplingPlan,
  i: number,
  x: tf.Tensor2D,
  seed: number,
  options: Pick<SamplerOptions, 'clip' | 'eta'> = {},
): { next: tf.Tensor2D; x0Hat: tf.Tensor2D } {
  const K = plan.tables.T;
  if (!Number.isInteger(i) || i < 1 || i > K) throw new Error(`planStep: step ${i} is outside 1 … ${K}`);
  const noiseSeed = i > 1 ? deriveSeed(seed, plan.netSteps[i - 1]) : null;
  const { next, x0Hat } = reverseStep(predict, x, plan.tables, i, plan.netSteps[i - 1], noiseSeed, options.clip, true, options.eta);
  return { next, x0Hat: x0Hat! };
}

/** Runs reverse steps i = K … 1 of `plan` (K steps) from x_T drawn from `seed`. */
function reverseProcess(predict: EpsPredictor, plan: SamplingPlan, n: number, dim: number, seed: number, options: SamplerOptions): tf.Tensor2D {
  const { tables, netSteps } = plan;
  const K = tables.T;
  let x = initialNoise(n, dim, seed); // x_T ~ N(0, I)
  options.onStep?.(netSteps[K - 1], x);
  for (let i = K; i >= 1; i--) {
    const noiseSeed = i > 1 ? deriveSeed(seed, netSteps[i - 1]) : null;
    const { next } = reverseStep(predict, x, tables, i, netSteps[i - 1], noiseSeed, options.clip, false, options.eta);
    x.dispose();
    x = next;
    options.onStep?.(i > 1 ? netSteps[i - 2] : 0, x);
  }
  return x;
}

/** Ancestral sampling over all T steps (eq. vdm-sampling-step): n samples [n, dim] from a seed. */
export function sampleAncestral(predict: EpsPredictor, schedule: Schedule, n: number, dim: number, seed: number, options: SamplerOptions = {}): tf.Tensor2D {
  return reverseProcess(predict, samplingPlan(schedule), n, dim, seed, options);
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
  return reverseProcess(predict, samplingPlan(schedule, keptSteps), n, dim, seed, options);
}
