/**
 * A DDPM on 2-D toy data, from data to loss: each step draws a batch from a seeded toy sampler,
 * t ~ U{1, …, T} and ε ~ N(0, I), forms x_t by eq. vdm-forward-marginal, and takes one Adam step on
 * the simple ε-MSE loss (eq. vdm-simple-loss). Implements `TrainableModel` for the shared trainer.
 *
 * Speed (see scripts/bench/ddpm2d.ts): x_0, t and ε are drawn on the host anyway, so x_t and the
 * network input [x_t, emb(t)] are assembled there too and uploaded as one tensor; the optimizer
 * (optim/adam.ts) updates weights and their EMA in host memory on WASM/CPU. What runs as kernels per
 * step is then only the MLP's forward and backward pass and the loss.
 */
import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../optim/adam.ts';
import { defaultDdpm2dConfig, type Ddpm2dConfig } from './config.ts';
import { createEpsMlp, hostInput, type EpsMlp } from './epsMlp.ts';
import { disposeScheduleTensors, marginalCoefficients, qSampleHost, scheduleTensors, type ScheduleTensors } from './forward.ts';
import type { EpsPredictor } from './loss.ts';
import { sampleAncestral, sampleRespaced, type SamplerOptions } from './sampler.ts';
import { evenlySpacedSteps, makeSchedule, type Schedule } from './schedule.ts';
import { toy2dSets } from '../data/toy2d.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../random.ts';
import { learningRate } from '../train/learningRate.ts';
import type { StepResult, TrainableModel } from '../train/types.ts';
import type { HostTensor } from '../weightFile.ts';

/** One training batch on the host: x_0 (scaled) [B·2], t [B] in 1 … T, ε [B·2]. */
export interface Ddpm2dBatch {
  x0: Float32Array;
  t: Int32Array;
  eps: Float32Array;
}

/** The 2-D DDPM: a TrainableModel plus what the examples need to sample and inspect it. */
export interface Ddpm2d extends TrainableModel {
  config: Ddpm2dConfig;
  schedule: Schedule;
  /** Schedule tables on the backend, created once (for qSample, the ELBO terms and tests). */
  tables: ScheduleTensors;
  net: EpsMlp;
  /** The batch step `k` trains on (a pure function of the seed and k). */
  batchAt(k: number): Ddpm2dBatch;
  /** Learning rate at a step (warmup then cosine decay). */
  learningRateAt(step: number): number;
  /** Runs `fn` with ε̂ on the sampling weights (the EMA when `emaDecay` > 0), on scaled data; frees them after. */
  withSamplingPredictor<T>(fn: (predict: EpsPredictor) => T): T;
  /**
   * n samples in data units [n, 2]: ancestral over all T steps, or respaced when `steps` < T.
   * `onStep` sees each x_t on the way, in data units (see SamplerOptions.onStep).
   */
  sample(n: number, seed: number, steps?: number, onStep?: SamplerOptions['onStep']): tf.Tensor2D;
  /** The sampling weights (EMA or raw) as named host arrays, in the network's layer order, for saving. */
  samplingWeights(): Promise<HostTensor[]>;
  /** Loads weights (layer order, e.g. a WeightFile's tensors, see load.ts) into the network and restarts the EMA from them. */
  loadWeights(values: Float32Array[]): void;
}

/** Stream numbers for deriveSeed: one independent random stream per use. */
const STREAM = { weights: 1, data: 2, time: 3, noise: 4 } as const;

/** A seeded sampler of 2-D training points, [n · 2] (toy2d.ts's sets, or pointSet2d.ts's drawn points). */
export interface Data2d {
  sample(n: number, seed: number): Float32Array;
}

/**
 * Builds the model: network, schedule tables and optimizer, all seeded by `config.seed`. It trains on
 * `data` when given (the reader's drawing, which no config or weight file carries), else on the
 * config's toy set.
 */
export function createDdpm2d(overrides: Partial<Ddpm2dConfig> = {}, data2d?: Data2d): Ddpm2d {
  const config: Ddpm2dConfig = { ...defaultDdpm2dConfig, ...overrides };
  const { T, batchSize: B, seed, timeEmbedDim } = config;
  const schedule = makeSchedule(config.schedule, T);
  const tables = scheduleTensors(schedule);
  const net = createEpsMlp({ dataDim: 2, hidden: config.hidden, timeEmbedDim, T, timeScale: config.timeScale }, deriveSeed(seed, STREAM.weights));
  const optimizer = createAdam(net.variables, { emaDecay: config.emaDecay });
  const data = data2d ?? toy2dSets[config.dataset];
  const coefficients = marginalCoefficients(schedule); // constant across steps

  const batchAt = (k: number): Ddpm2dBatch => {
    const x0 = data.sample(B, deriveSeed(deriveSeed(seed, STREAM.data), k));
    for (let i = 0; i < x0.length; i++) x0[i] *= config.dataScale;
    const uT = mulberry32(deriveSeed(deriveSeed(seed, STREAM.time), k));
    const t = new Int32Array(B);
    for (let i = 0; i < B; i++) t[i] = 1 + Math.floor(uT() * T);
    const eps = fillNormal(new Float32Array(B * 2), mulberry32(deriveSeed(deriveSeed(seed, STREAM.noise), k)));
    return { x0, t, eps };
  };

  const step = (k: number): StepResult => {
    // 1) A fresh batch: x_0 ~ data (scaled), t ~ U{1, …, T}, ε ~ N(0, I), from per-step seeded streams.
    const { x0, t, eps } = batchAt(k);
    // 2) x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (eq. vdm-forward-marginal) and the input [x_t, emb(t)], on the host.
    const xt = qSampleHost(coefficients, x0, t, eps, 2);
    const input = tf.tensor2d(hostInput(xt, t, 2, net.timeTable, timeEmbedDim), [B, 2 + timeEmbedDim]);
    const target = tf.tensor2d(eps, [B, 2]);
    // 3) Loss ‖ε − ε̂_θ(x_t, t)‖² averaged (eq. vdm-simple-loss) and its gradients.
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(target, net.forwardInput(net.variables, input)))) as tf.Scalar, net.variables);
    // 4) One Adam step at the scheduled rate, and the EMA of the weights.
    optimizer.apply(
      net.variables.map((v) => grads[v.name]),
      learningRate(k, config),
    );
    tf.dispose([input, target, ...Object.values(grads)]);
    return { loss: value };
  };

  const withSamplingPredictor = <R>(fn: (predict: EpsPredictor) => R): R => {
    const ema = optimizer.emaTensors();
    try {
      return fn((xt, t) => net.predictWith(ema ?? net.variables, xt, t));
    } finally {
      if (ema) tf.dispose(ema);
    }
  };

  return {
    config,
    schedule,
    tables,
    net,
    batchAt,
    learningRateAt: (k) => learningRate(k, config),
    withSamplingPredictor,
    variables: () => net.variables,
    optimizerState: optimizer,
    step,
    sample: (n, sampleSeed, steps = T, onStep) =>
      withSamplingPredictor((predict) =>
        tf.tidy(() => {
          const options: SamplerOptions = config.sampleClip > 0 ? { clip: config.sampleClip * config.dataScale } : {};
          if (onStep) options.onStep = (t, x) => (config.dataScale === 1 ? onStep(t, x) : tf.tidy(() => onStep(t, tf.div(x, config.dataScale) as tf.Tensor2D)));
          const x =
            steps >= T
              ? sampleAncestral(predict, schedule, n, 2, sampleSeed, options)
              : sampleRespaced(predict, schedule, evenlySpacedSteps(T, steps), n, 2, sampleSeed, options);
          return tf.div(x, config.dataScale) as tf.Tensor2D;
        }),
      ),
    samplingWeights: () =>
      Promise.all(
        (optimizer.emaTensors() ?? net.variables.map((v) => v.clone())).map(async (t, k) => {
          const values = (await t.data()) as Float32Array;
          t.dispose();
          return { name: net.names[k], shape: net.variables[k].shape, values };
        }),
      ),
    loadWeights: (values) => {
      if (values.length !== net.variables.length) throw new Error(`loadWeights: expected ${net.variables.length} arrays, got ${values.length}`);
      net.variables.forEach((v, k) => {
        if (values[k].length !== v.size) throw new Error(`loadWeights: ${net.names[k]} needs ${v.size} values, got ${values[k].length}`);
        tf.tidy(() => v.assign(tf.tensor(values[k], v.shape, 'float32')));
      });
      optimizer.syncFromVariables();
    },
    dispose: () => {
      net.dispose();
      optimizer.dispose();
      disposeScheduleTensors(tables);
    },
  };
}
