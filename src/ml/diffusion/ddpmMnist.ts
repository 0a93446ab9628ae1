/**
 * A small DDPM on MNIST, from data to loss: digits scaled to [−1, 1] are noised by the closed form
 * q(x_t|x_0) (eq. vdm-forward-marginal), and an MLP that sees emb(t) at every layer predicts either the
 * noise ε̂ or the clean digit x̂_0 (config.prediction; chapter 4's parameterizations,
 * eq. vdm-three-parameterizations). The sampler always gets ε̂: from x̂_0 by ε̂ = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t).
 * It reuses the 2-D model's pieces (network, schedule, host-side Adam with an EMA, learning-rate
 * schedule, samplers); the data, the sizes, emb(t) at every layer and one skip connection differ.
 *
 * Why emb(t) at every layer: the output must change with t by orders of magnitude (at small t, ε̂ is
 * x_t − √ᾱ_t x_0 scaled up by 1/√(1 − ᾱ_t) ≈ 60); seen at the input only, t is mixed into 784 pixels
 * and hard to use. With it, 2,000-step runs went from 8 % to 17.5 % confidently classified samples.
 *
 * Why the skip (ε̂ only): ε is, pixel by pixel, largely a rescaled copy of x_t (most of a digit is
 * background). An MLP whose hidden layers are narrower than 784 cannot pass 784 pixels through
 * unchanged, so ε̂ = MLP + c(t)·x_t with one learned scalar c(t) per timestep.
 *
 * Why ε̂ and not x̂_0 here, although a clean digit fits through the narrow layers better: measured, x̂_0
 * from the MLP alone makes every sample the same grey average digit (at high noise it regresses to the
 * mean, and the sampler follows it), and x̂_0 with a skip of x_t keeps the noise in x_t (config.ts).
 *
 * Why labels (config.labels): the network may also be told which digit to draw, as a one-hot next to
 * emb(t), hidden in a share of training digits (config.labelDropout) so that the same network learns
 * ε̂(x_t, y) and ε̂(x_t). Sampling then mixes them, ε̃ = (1 + w) ε̂(x_t, y) − w ε̂(x_t): classifier-free
 * guidance (Ho & Salimans 2022), which trades variety for digits more typical of the class asked for.
 * With every label "any digit" the model samples unconditionally.
 */
import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../optim/adam.ts';
import { ANY_DIGIT, defaultDdpmMnistConfig, type DdpmMnistConfig } from './config.ts';
import { marginalCoefficients, qSampleHost } from './forward.ts';
import { conditionWidth, createEpsMlp, hostInput, type EpsMlp } from './epsMlp.ts';
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
  /**
   * n digits as intensities in [0, 1], [n, 784]: ancestral over all T steps, or respaced with `steps` < T;
   * each of the digit asked for (`condition`, labelled models only) or any digit.
   */
  sample(n: number, seed: number, steps?: number, condition?: DigitCondition): tf.Tensor2D;
  /** The plan of sampling with `steps` reverse steps: all T (ancestral) or fewer, evenly respaced, as `sample` uses. */
  plan(steps?: number): SamplingPlan;
  /**
   * Reverse step i (K … 1) of `plan` from x ([n, 784] in [−1, 1]) with the sampling weights, seeded as
   * `sample(n, seed, K)` seeds it (sampler.ts's planStep): the next state and the clipped x̂_0, both in [−1, 1] space.
   */
  denoiseStep(plan: SamplingPlan, i: number, x: tf.Tensor2D, seed: number, condition?: DigitCondition): { next: tf.Tensor2D; x0Hat: tf.Tensor2D };
  /** The sampling weights (EMA, else raw) as named host arrays [MLP layers…, skip], for saving. */
  samplingWeights(): Promise<HostTensor[]>;
  /** Loads weights in `samplingWeights` order (e.g. a WeightFile's tensors, see load.ts); the EMA restarts from them. */
  loadWeights(values: Float32Array[]): void;
}

/**
 * Which digit each sample should be, for a labelled model: `labels[i]` in 0 … 9, or `ANY_DIGIT` (−1) for
 * any digit; `guidance` is w of classifier-free guidance (Ho & Salimans 2022),
 * ε̃ = (1 + w) ε̂(x_t, y) − w ε̂(x_t), for the labelled samples (default: the config's).
 */
export interface DigitCondition {
  labels: ArrayLike<number>;
  guidance?: number;
}

/** Stream numbers for deriveSeed. */
const STREAM = { weights: 1, order: 2, time: 3, noise: 4, label: 5 } as const;

/** Builds the model over a training set; everything is seeded by `config.seed`. */
export function createDdpmMnist(train: MnistSet, overrides: Partial<DdpmMnistConfig> = {}): DdpmMnist {
  const config: DdpmMnistConfig = { ...defaultDdpmMnistConfig, ...overrides };
  const { T, batchSize: B, seed, timeEmbedDim } = config;
  const D = MNIST_PIXELS;
  const schedule = makeSchedule(config.schedule, T);
  const net = createEpsMlp(
    { dataDim: D, hidden: config.hidden, timeEmbedDim, T, timeScale: config.timeScale, timeEveryLayer: true, labels: config.labels },
    deriveSeed(seed, STREAM.weights),
  );
  const predictsX0 = config.prediction === 'x0';
  // c(t), one scalar per timestep, for ε̂ only: x̂_0 comes from the MLP alone (see the header).
  const skip = predictsX0 ? null : tf.variable(tf.zeros([T + 1]));
  const variables = skip ? [...net.variables, skip] : [...net.variables];
  const optimizer = createAdam(variables, { emaDecay: config.emaDecay });
  const learningRateAt = (k: number) => learningRate(k, config);
  // The network's output (x̂_0 or ε̂) = MLP([x_t, emb(t)]) + c(t) x_t, on weights `w` = [...MLP weights, c].
  // c(t) is read as oneHot(t) · c (a matMul) rather than gather(c, t): gather's gradient kernel is missing on WASM.
  const predictFrom = (w: tf.Tensor[], xt: tf.Tensor2D, mlpOut: tf.Tensor2D, tOneHot: tf.Tensor2D) =>
    predictsX0 ? mlpOut : (tf.add(mlpOut, tf.mul(xt, tf.matMul(tOneHot, tf.reshape(w[w.length - 1], [-1, 1])))) as tf.Tensor2D);
  // Constant across steps: the coefficients of q(x_t|x_0), each digit's loss weight by t, and the host buffers a step fills.
  const coefficients = marginalCoefficients(schedule);
  // The weight on the squared error of what the network outputs that makes the loss λ(t)‖x̂_0 − x_0‖².
  const lambda = lossWeights(schedule, config);
  const weightAt = Float64Array.from(lambda, (l, t) => (predictsX0 ? l : t === 0 ? 0 : l / schedule.snr[t]));
  const uniformWeights = weightAt.every((w, t) => t === 0 || Math.abs(w - 1) < 1e-12);
  // Columns by t for sampling: the ε̂ that x̂_0 implies, ε̂ = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t).
  const column = (values: ArrayLike<number>) => tf.tensor2d(Array.from(values), [T + 1, 1]);
  const sqrtAlphaBar = column(Array.from(schedule.alphaBar, (a) => Math.sqrt(a)));
  const invSigma = column(Array.from(schedule.alphaBar, (a, t) => (t === 0 ? 0 : 1 / Math.sqrt(1 - a))));
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
    // The digits' labels, each hidden ("no label" = L) with probability labelDropout, seeded per step.
    const L = config.labels;
    const uLabel = mulberry32(deriveSeed(deriveSeed(seed, STREAM.label), k));
    const label = L
      ? { of: Int32Array.from({ length: n }, (_, i) => (uLabel() < config.labelDropout ? L : train.labels[order.indices[start + i]])), classes: L }
      : undefined;
    const input = tf.tensor2d(hostInput(xt.subarray(0, n * D), t, D, net.timeTable, timeEmbedDim, label), [n, D + conditionWidth(config)]);
    const xtTensor = tf.tensor2d(xt.subarray(0, n * D), [n, D]);
    const oneHot = new Float32Array(n * (T + 1));
    for (let i = 0; i < n; i++) oneHot[i * (T + 1) + t[i]] = 1;
    const tOneHot = tf.tensor2d(oneHot, [n, T + 1]);
    const target = tf.tensor2d((predictsX0 ? x0 : eps).subarray(0, n * D), [n, D]);
    // Per-digit loss weights by t, unless they are all 1 (ε̂ with γ = 0), when multiplying by them is wasted work.
    const weight = uniformWeights
      ? null
      : tf.tensor2d(
          Float32Array.from(t, (tt) => weightAt[tt]),
          [n, 1],
        );
    // 3) The squared error of the prediction (x̂_0 or ε̂) averaged over pixels, weighted per digit by its t
    //    (all 1 for ε with γ = 0: eq. vdm-simple-loss), averaged over digits; and its gradients.
    const { value, grads } = tf.variableGrads(() => {
      const squared = tf.square(tf.sub(target, predictFrom(variables, xtTensor, net.forwardInput(net.variables, input), tOneHot)));
      return tf.mean(weight ? tf.mul(weight, squared) : squared) as tf.Scalar;
    }, variables);
    // 4) One Adam step at the scheduled rate, and the EMA of the weights.
    optimizer.apply(
      variables.map((v) => grads[v.name]),
      learningRateAt(k),
    );
    tf.dispose([input, xtTensor, tOneHot, target, ...(weight ? [weight] : []), ...Object.values(grads)]);
    return { loss: value };
  };

  // The network's output for rows x at steps tt; a labelled network gets `label` (int32, L = no label).
  const outputOf = (w: tf.Tensor[], x: tf.Tensor2D, tt: tf.Tensor1D, label?: tf.Tensor1D) =>
    predictFrom(w, x, net.predictWith(w.slice(0, net.variables.length), x, tt, label), tf.oneHot(tt, T + 1).toFloat() as tf.Tensor2D);
  /**
   * What sampling `n` digits under `condition` asks of the network, checked once per sampling call: each
   * row's label (L = no label) and the guidance w; null for an unlabelled model.
   */
  const resolve = (n: number, condition: DigitCondition | undefined): { labels: Int32Array; guidance: number } | null => {
    const L = config.labels;
    if (!L) {
      if (condition) throw new Error('DdpmMnist: this model was trained without labels; it cannot draw a chosen digit');
      return null;
    }
    const asked = condition?.labels ?? [];
    if (condition && asked.length !== n) throw new Error(`DdpmMnist: ${asked.length} labels for ${n} samples`);
    const labels = Int32Array.from({ length: n }, (_, i) => {
      const y = i < asked.length ? asked[i] : ANY_DIGIT;
      if (y !== ANY_DIGIT && !(Number.isInteger(y) && y >= 0 && y < L)) throw new Error(`DdpmMnist: label ${y} is not a digit 0 … ${L - 1} or ANY_DIGIT`);
      return y === ANY_DIGIT ? L : y;
    });
    return { labels, guidance: condition?.guidance ?? config.guidance };
  };
  // With guidance w, the conditional and the unconditional outputs come from one pass over [x; x] and
  // mix as (1 + w) out(x, y) − w out(x, ∅) (for "any digit" rows both are out(x, ∅), so the row is unchanged).
  const guidedOutput = (w: tf.Tensor[], x: tf.Tensor2D, tt: tf.Tensor1D, asked: ReturnType<typeof resolve>): tf.Tensor2D => {
    if (!asked) return outputOf(w, x, tt);
    const { labels, guidance } = asked;
    const L = config.labels;
    if (guidance === 0 || labels.every((y) => y === L)) return outputOf(w, x, tt, tf.tensor1d(labels, 'int32'));
    const both = outputOf(w, tf.concat([x, x]), tf.concat([tt, tt]), tf.tensor1d([...labels, ...labels.map(() => L)], 'int32'));
    const [withLabel, without] = tf.split(both, 2);
    return tf.sub(tf.mul(withLabel, 1 + guidance), tf.mul(without, guidance));
  };

  const samplerOptions = () => ({ ...(config.sampleClip > 0 ? { clip: config.sampleClip } : {}), eta: config.sampleEta });

  const withSamplingPredictor = <R>(n: number, condition: DigitCondition | undefined, fn: (predict: EpsPredictor) => R): R => {
    const asked = resolve(n, condition);
    const ema = optimizer.emaTensors();
    const w = ema ?? variables;
    try {
      return fn((x, tt) =>
        tf.tidy(() => {
          const out = guidedOutput(w, x, tt, asked);
          if (!predictsX0) return out;
          const x0Hat = out;
          const tOneHot = tf.oneHot(tt, T + 1).toFloat() as tf.Tensor2D;
          // ε̂ = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t): the sampler recovers this x̂_0 from it (eq. vdm-x0-from-noise).
          return tf.mul(tf.sub(x, tf.mul(tf.matMul(tOneHot, sqrtAlphaBar), x0Hat)), tf.matMul(tOneHot, invSigma)) as tf.Tensor2D;
        }),
      );
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
    sample: (count, sampleSeed, steps = T, condition) =>
      withSamplingPredictor(count, condition, (predict) =>
        tf.tidy(() => {
          const options = samplerOptions();
          const x =
            steps >= T
              ? sampleAncestral(predict, schedule, count, D, sampleSeed, options)
              : sampleRespaced(predict, schedule, evenlySpacedSteps(T, steps), count, D, sampleSeed, options);
          // [−1, 1] back to intensities in [0, 1].
          return tf.clipByValue(tf.mul(tf.add(x, 1), 0.5), 0, 1) as tf.Tensor2D;
        }),
      ),
    plan: (steps = T) => samplingPlan(schedule, steps >= T ? undefined : evenlySpacedSteps(T, steps)),
    denoiseStep: (plan, i, x, stepSeed, condition) =>
      withSamplingPredictor(x.shape[0], condition, (predict) => planStep(predict, plan, i, x, stepSeed, samplerOptions())),
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
      tf.dispose([...(skip ? [skip] : []), sqrtAlphaBar, invSigma]);
      optimizer.dispose();
    },
  };
}

/**
 * Each timestep's weight λ(t) on a digit's clean-data error ‖x̂_0 − x_0‖² (index t = 0 … T). The noise
 * error weighs SNR(t) times as much (eq. vdm-eps-x0-snr), so ε̂ with γ = 0 is λ = SNR(t) (eq. vdm-simple-loss).
 * x̂_0 uses λ = SNR(t) + 1, which keeps a weight of at least 1 on the noisiest steps (where SNR → 0 and
 * the sampler starts); γ > 0 caps λ at γ (min-SNR-γ, Hang et al. 2023), so the nearly clean steps stop dominating.
 */
export function lossWeights(schedule: Schedule, config: Pick<DdpmMnistConfig, 'prediction' | 'minSnrGamma'>): Float64Array {
  const { minSnrGamma: gamma, prediction } = config;
  const floor = prediction === 'x0' ? 1 : 0;
  return Float64Array.from(schedule.snr, (snr) => (gamma > 0 ? Math.min(snr + floor, gamma) : snr + floor));
}

/** An empty training set: a model made from it can sample and load weights, not train. */
export const NO_TRAINING_SET: MnistSet = { count: 0, rows: 28, cols: 28, images: new Uint8Array(0), labels: new Uint8Array(0) };
