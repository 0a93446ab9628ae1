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
import { defaultDdpm2dConfig } from './config.ts';
import { ddpmLearningRate } from './ddpm2d.ts';
import { createEpsMlp, hostInput, type EpsMlp } from './epsMlp.ts';
import type { EpsPredictor } from './loss.ts';
import { sampleAncestral, sampleRespaced } from './sampler.ts';
import { evenlySpacedSteps, makeSchedule, type Schedule, type ScheduleKind } from './schedule.ts';
import { decodeWeights, type WeightManifest } from './weights.ts';
import { fillIntensities, MNIST_PIXELS, shuffledIndices, type MnistSet } from '../data/mnist.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../random.ts';
import type { StepResult, TrainableModel } from '../train/types.ts';

/** Everything that defines an MNIST DDPM run, one comment per default. */
export interface DdpmMnistConfig {
  /** Diffusion steps T. */
  T: number;
  /** β schedule kind. */
  schedule: ScheduleKind;
  /** Hidden layer widths of the MLP. */
  hidden: number[];
  /** Sinusoidal time features concatenated to the 784 pixels. */
  timeEmbedDim: number;
  /** Multiplier of t inside the sinusoids. */
  timeScale: number;
  /** Digits per training step. */
  batchSize: number;
  /** Peak Adam learning rate. */
  learningRate: number;
  /** Steps of linear warmup to the peak. */
  warmupSteps: number;
  /** Step at which the cosine decay reaches its floor. */
  decaySteps: number;
  /** The floor of the decay. */
  minLearningRate: number;
  /** Decay of the weight EMA used for sampling (0: sample with the raw weights). */
  emaDecay: number;
  /** Sampling clips x̂_0 to ±this (data live in [−1, 1]); 0 = no clipping. */
  sampleClip: number;
  /** Seed of weights, batch order, timesteps and noise. */
  seed: number;
}

/** The defaults; see each field's comment. */
export const defaultDdpmMnistConfig: DdpmMnistConfig = {
  T: 200, // fewer steps than Ho et al.'s 1,000, so sampling in a browser takes seconds
  schedule: 'cosine', // keeps more signal at small t than linear, which matters at small T
  hidden: [512, 512], // ~0.9 M parameters: tens of ms per step on WASM
  timeEmbedDim: 64, // 32 frequencies, sin and cos
  timeScale: 5, // × t so that t = 1 … 200 spans the angles of Ho et al.'s t = 1 … 1000
  batchSize: 128,
  learningRate: 2e-3, // peak; warmup and cosine decay as for the 2-D model (1,500 steps at 2e-3 gave loss 0.29)
  warmupSteps: 200,
  decaySteps: 6000,
  minLearningRate: 5e-5,
  emaDecay: 0.999, // averages over ~1,000 steps: smoother samples from a short run
  sampleClip: 1, // pixels live in [−1, 1]: clipping x̂_0 there keeps early samples in range
  seed: 1,
};

/** The MNIST DDPM: a TrainableModel plus sampling. */
export interface DdpmMnist extends TrainableModel {
  config: DdpmMnistConfig;
  schedule: Schedule;
  net: EpsMlp;
  /** Learning rate at a step. */
  learningRateAt(step: number): number;
  /** n digits as intensities in [0, 1], [n, 784]: ancestral over all T steps, or respaced with `steps` < T. */
  sample(n: number, seed: number, steps?: number): tf.Tensor2D;
  /** The sampling weights (EMA, else raw) as named host arrays [MLP layers…, skip], for saving. */
  samplingWeights(): Promise<{ name: string; shape: number[]; values: Float32Array }[]>;
  /** Loads weights in `samplingWeights` order (e.g. from `decodeWeights`); the EMA restarts from them. */
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
  // The 2-D model's warmup-then-cosine rate, fed our fields (it reads only the learning-rate ones).
  const learningRateAt = (k: number) => ddpmLearningRate({ ...defaultDdpm2dConfig, ...config }, k);
  // ε̂ = MLP([x_t, emb(t)]) + c(t) x_t, on weights `w` = [...MLP weights, c]. c(t) is read as
  // oneHot(t) · c (a matMul) rather than gather(c, t): gather's gradient kernel is missing on WASM.
  const predictFrom = (w: tf.Tensor[], xt: tf.Tensor2D, mlpOut: tf.Tensor2D, tOneHot: tf.Tensor2D) =>
    tf.add(mlpOut, tf.mul(xt, tf.matMul(tOneHot, tf.reshape(w[w.length - 1], [-1, 1])))) as tf.Tensor2D;
  // Constant across steps: √ᾱ_t, √(1 − ᾱ_t), and the host buffers a step fills.
  const sqrtAlphaBar = schedule.alphaBar.map(Math.sqrt);
  const sqrtOneMinusAlphaBar = schedule.alphaBar.map((a) => Math.sqrt(1 - a));
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
    for (let i = 0; i < n; i++) {
      const a = sqrtAlphaBar[t[i]];
      const s = sqrtOneMinusAlphaBar[t[i]];
      for (let j = i * D; j < (i + 1) * D; j++) xt[j] = a * x0[j] + s * eps[j];
    }
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
const NO_TRAINING_SET: MnistSet = { count: 0, rows: 28, cols: 28, images: new Uint8Array(0), labels: new Uint8Array(0) };

/**
 * A trained model, ready to sample: `file` is weights.json as written by `npm run train -- ddpm-mnist`
 * (manifest plus config), `bytes` the contents of weights.bin.
 */
export function loadDdpmMnist(file: WeightManifest & { config: DdpmMnistConfig }, bytes: Uint8Array): DdpmMnist {
  const model = createDdpmMnist(NO_TRAINING_SET, file.config);
  try {
    model.loadWeights(decodeWeights(file, bytes));
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
