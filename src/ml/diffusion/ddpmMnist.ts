/**
 * A small DDPM on MNIST, from data to loss: digits scaled to [−1, 1] are noised by the closed form
 * q(x_t|x_0) (eq. vdm-forward-marginal), and ε̂_θ(x_t, t) is trained on the simple ε-MSE loss
 * (eq. vdm-simple-loss). It reuses the 2-D model's pieces (network, schedule, host-side Adam with an
 * EMA, learning-rate schedule, samplers); the data, the sizes and one skip connection differ.
 *
 * Why the skip: ε = (x_t − √ᾱ_t x_0)/√(1 − ᾱ_t) is, pixel by pixel, mostly a rescaled copy of x_t
 * (most of a digit is background). An MLP whose hidden layers are narrower than 784 cannot pass 784
 * pixels through unchanged, so we add c(t)·x_t to its output, with one learned scalar c(t) per
 * timestep: ε̂_θ(x_t, t) = MLP([x_t, emb(t)]) + c(t) x_t. Without it the loss barely moves.
 */
import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../optim/adam.ts';
import { defaultDdpmMnistConfig, type DdpmMnistConfig } from './config.ts';
import { marginalCoefficients, qSampleHost } from './forward.ts';
import { createEpsMlp, hostInput, type EpsMlp } from './epsMlp.ts';
import type { EpsPredictor } from './loss.ts';
import { planStep, sampleAncestral, sampleRespaced, samplingPlan, type SamplingPlan } from './sampler.ts';
import { evenlySpacedSteps, makeSchedule, type Schedule } from './schedule.ts';
import { fillIntensities, MNIST_PIXELS, shuffledIndices, type MnistSet } from '../data/mnist.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../random.ts';
import { learningRate } from '../train/learningRate.ts';
import type { StepResult, TrainableModel } from '../train/types.ts';
import type { HostTensor } from '../weightFile.ts';

/** The MNIST DDPM: a TrainableModel plus sampling. */
export interface DdpmMnist extends TrainableModel {
  config: DdpmMnistConfig;
  schedule: Schedule;
  net: EpsMlp;
  /** Learning rate at a step. */
  learningRateAt(step: number): number;
  /** n digits as intensities in [0, 1], [n, 784]: ancestral over all T steps, or respaced with `steps` < T. */
  sample(n: number, seed: number, steps?: number): tf.Tensor2D;
  /** The plan of sampling with `steps` reverse steps: all T (ancestral) or fewer, evenly respaced, as `sample` uses. */
  plan(steps?: number): SamplingPlan;
  /**
   * Reverse step i (K … 1) of `plan` from x ([n, 784] in [−1, 1]) with the sampling weights, seeded as
   * `sample(n, seed, K)` seeds it (sampler.ts's planStep): the next state and the clipped x̂_0, both in [−1, 1] space.
   */
  denoiseStep(plan: SamplingPlan, i: number, x: tf.Tensor2D, seed: number): { next: tf.Tensor2D; x0Hat: tf.Tensor2D };
  /** The sampling weights (EMA, else raw) as named host arrays [MLP layers…, skip], for saving. */
  samplingWeights(): Promise<HostTensor[]>;
  /** Loads weights in `samplingWeights` order (e.g. a WeightFile's tensors, see load.ts); the EMA restarts from them. */
  loadWeights(values: Float32Array[]): void;
}

/** Stream numbers for deriveSeed. */
const STREAM = { weights: 1, order: 2, time: 3, noise: 4 } as const;

/** Builds the model over a training set; everything is seeded by `config.seed`. */
export function createDdpmMnist(train: MnistSet, overrides: Partial<DdpmMnistConfig> = {}): DdpmMnist {
  const config: DdpmMnistConfig = { ...defaultDdpmMnistConfig, ...overrides };
  const { T, batchSize: B, seed, timeEmbedDim } = config;
  const D = MNIST_PIXELS;
  const schedule = makeSchedule(config.schedule, T);
  const net = createEpsMlp({ dataDim: D, hidden: config.hidden, timeEmbedDim, T, timeScale: config.timeScale }, deriveSeed(seed, STREAM.weights));
  const skip = tf.variable(tf.zeros([T + 1])); // c(t), one scalar per timestep
  const variables = [...net.variables, skip];
  const optimizer = createAdam(variables, { emaDecay: config.emaDecay });
  const learningRateAt = (k: number) => learningRate(k, config);
  // ε̂ = MLP([x_t, emb(t)]) + c(t) x_t, on weights `w` = [...MLP weights, c]. c(t) is read as
  // oneHot(t) · c (a matMul) rather than gather(c, t): gather's gradient kernel is missing on WASM.
  const predictFrom = (w: tf.Tensor[], xt: tf.Tensor2D, mlpOut: tf.Tensor2D, tOneHot: tf.Tensor2D) =>
    tf.add(mlpOut, tf.mul(xt, tf.matMul(tOneHot, tf.reshape(w[w.length - 1], [-1, 1])))) as tf.Tensor2D;
  // Constant across steps: the coefficients of q(x_t|x_0), and the host buffers a step fills.
  const coefficients = marginalCoefficients(schedule);
  const x0 = new Float32Array(B * D);
  const xt = new Float32Array(B * D);
  const eps = new Float32Array(B * D);
  let order: { epoch: number; indices: ArrayLike<number> } = { epoch: -1, indices: [] };

  const step = (k: number): StepResult => {
    if (train.count === 0) throw new Error('createDdpmMnist: this model has no training set (loaded for sampling only)');
    // 1) Batch k of a seeded per-epoch shuffle, scaled from [0, 1] to [−1, 1].
    const epoch = Math.floor((k * B) / train.count);
    if (order.epoch !== epoch) order = { epoch, indices: shuffledIndices(train.count, deriveSeed(deriveSeed(seed, STREAM.order), epoch)) };
    const start = (k * B) % train.count;
    const n = Math.min(B, train.count - start);
    fillIntensities(train, order.indices, start, n, x0);
    for (let i = 0; i < n * D; i++) x0[i] = 2 * x0[i] - 1;
    // 2) t ~ U{1, …, T} and ε ~ N(0, I), seeded per step; x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (eq. vdm-forward-marginal).
    const uT = mulberry32(deriveSeed(deriveSeed(seed, STREAM.time), k));
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) t[i] = 1 + Math.floor(uT() * T);
    fillNormal(eps.subarray(0, n * D), mulberry32(deriveSeed(deriveSeed(seed, STREAM.noise), k)));
    qSampleHost(coefficients, x0, t, eps, D, xt);
    const input = tf.tensor2d(hostInput(xt.subarray(0, n * D), t, D, net.timeTable, timeEmbedDim), [n, D + timeEmbedDim]);
    const xtTensor = tf.tensor2d(xt.subarray(0, n * D), [n, D]);
    const oneHot = new Float32Array(n * (T + 1));
    for (let i = 0; i < n; i++) oneHot[i * (T + 1) + t[i]] = 1;
    const tOneHot = tf.tensor2d(oneHot, [n, T + 1]);
    const target = tf.tensor2d(eps.subarray(0, n * D), [n, D]);
    // 3) ‖ε − ε̂_θ(x_t, t)‖² averaged over pixels and digits (eq. vdm-simple-loss), and its gradients.
    const { value, grads } = tf.variableGrads(
      () => tf.mean(tf.square(tf.sub(target, predictFrom(variables, xtTensor, net.forwardInput(net.variables, input), tOneHot)))) as tf.Scalar,
      variables,
    );
    // 4) One Adam step at the scheduled rate, and the EMA of the weights.
    optimizer.apply(
      variables.map((v) => grads[v.name]),
      learningRateAt(k),
    );
    tf.dispose([input, xtTensor, tOneHot, target, ...Object.values(grads)]);
    return { loss: value };
  };

  const withSamplingPredictor = <R>(fn: (predict: EpsPredictor) => R): R => {
    const ema = optimizer.emaTensors();
    const w = ema ?? variables;
    try {
      return fn((x, tt) => tf.tidy(() => predictFrom(w, x, net.predictWith(w.slice(0, -1), x, tt), tf.oneHot(tt, T + 1).toFloat() as tf.Tensor2D)));
    } finally {
      if (ema) tf.dispose(ema);
    }
  };

  return {
    config,
    schedule,
    net,
    learningRateAt,
    variables: () => variables,
    optimizerState: optimizer,
    step,
    sample: (count, sampleSeed, steps = T) =>
      withSamplingPredictor((predict) =>
        tf.tidy(() => {
          const options = config.sampleClip > 0 ? { clip: config.sampleClip } : {};
          const x =
            steps >= T
              ? sampleAncestral(predict, schedule, count, D, sampleSeed, options)
              : sampleRespaced(predict, schedule, evenlySpacedSteps(T, steps), count, D, sampleSeed, options);
          // [−1, 1] back to intensities in [0, 1].
          return tf.clipByValue(tf.mul(tf.add(x, 1), 0.5), 0, 1) as tf.Tensor2D;
        }),
      ),
    plan: (steps = T) => samplingPlan(schedule, steps >= T ? undefined : evenlySpacedSteps(T, steps)),
    denoiseStep: (plan, i, x, stepSeed) =>
      withSamplingPredictor((predict) => planStep(predict, plan, i, x, stepSeed, config.sampleClip > 0 ? { clip: config.sampleClip } : {})),
    samplingWeights: () =>
      Promise.all(
        (optimizer.emaTensors() ?? variables.map((v) => v.clone())).map(async (w, k) => {
          const values = (await w.data()) as Float32Array;
          w.dispose();
          return { name: k < net.names.length ? net.names[k] : 'skip', shape: variables[k].shape, values };
        }),
      ),
    loadWeights: (values) => {
      if (values.length !== variables.length) throw new Error(`loadWeights: expected ${variables.length} arrays, got ${values.length}`);
      variables.forEach((v, k) => {
        if (values[k].length !== v.size) throw new Error(`loadWeights: array ${k} needs ${v.size} values, got ${values[k].length}`);
        tf.tidy(() => v.assign(tf.tensor(values[k], v.shape, 'float32')));
      });
      optimizer.syncFromVariables();
    },
    dispose: () => {
      net.dispose();
      skip.dispose();
      optimizer.dispose();
    },
  };
}

/** An empty training set: a model made from it can sample and load weights, not train. */
export const NO_TRAINING_SET: MnistSet = { count: 0, rows: 28, cols: 28, images: new Uint8Array(0), labels: new Uint8Array(0) };
