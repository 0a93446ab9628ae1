/**
 * One divergence behaviour on every backend: a NaN gradient at step k, trained with the real optimizers
 * (createAdam's SIMD kernel on WASM and host loop on CPU, and tensorAdam, the WebGL/WebGPU path, run on
 * the CPU backend), stops the trainer with the whole last good state restored (weights, Adam moments and
 * step count, EMA), so that the model's outputs are finite and the next step is the one a clean run takes.
 * Last, the case the issue names: the 2-D DDPM samples from its EMA after a divergence, on CPU and WASM.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { initBackend } from '../../../src/ml/backend.ts';
import { createDdpm2d, type Ddpm2d } from '../../../src/ml/diffusion/ddpm2d.ts';
import { createAdam, tensorAdam, type Adam } from '../../../src/ml/optim/adam.ts';
import { createTrainer, type RunSummary } from '../../../src/ml/train/trainer.ts';
import type { TrainableModel } from '../../../src/ml/train/types.ts';
import { useCpuBackend, valuesOf } from '../helpers.ts';

/** Least squares y ≈ x·w + b with Adam and an EMA (w has 15 entries: 3 SIMD quads and a 3-entry tail on WASM). */
interface Regression extends TrainableModel {
  /** x·w + b on the EMA weights (what a DDPM samples from), [16, 3]. */
  emaOutput(): tf.Tensor;
}

/** Gradient entries poisoned with NaN at step `nanAt`: one in a SIMD quad of w, one in its tail, one in b. */
const POISONED = { w: [2, 14], b: [1] };

function regression(makeOptimizer: typeof createAdam, nanAt = Infinity): Regression {
  const x = tf.randomNormal([16, 5], 0, 1, 'float32', 11);
  const y = tf.randomNormal([16, 3], 0, 1, 'float32', 12);
  const [w, b] = tf.tidy(() => [tf.variable(tf.randomNormal([5, 3], 0, 0.5, 'float32', 13)), tf.variable(tf.zeros([3]))]);
  const optimizer: Adam = makeOptimizer([w, b], { learningRate: 0.05, emaDecay: 0.8 });
  const poison = (v: tf.Variable, at: number[]) => {
    const mask = new Float32Array(v.size).fill(1);
    for (const i of at) mask[i] = NaN;
    return tf.tensor(mask, v.shape);
  };
  const masks = [poison(w, POISONED.w), poison(b, POISONED.b)];
  return {
    variables: () => [w, b],
    optimizerState: optimizer,
    step(k) {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar, [w, b]);
      const raw = [grads[w.name], grads[b.name]];
      // The loss of step k is still finite; its gradient is not, so the weights turn NaN and step k + 1's loss shows it.
      const list = k === nanAt ? raw.map((g, i) => tf.mul(g, masks[i])) : raw;
      optimizer.apply(list);
      tf.dispose([...raw, ...list]);
      return { loss: value };
    },
    emaOutput: () => {
      const [ew, eb] = optimizer.emaTensors()!;
      const out = tf.tidy(() => tf.add(tf.matMul(x, ew), eb));
      tf.dispose([ew, eb]);
      return out;
    },
    dispose() {
      tf.dispose([x, y, w, b, ...masks]);
      optimizer.dispose();
    },
  };
}

const NAN_STEP = 9;
const REPORT_EVERY = 4;

interface Outcome {
  summary: RunSummary;
  weights: Float32Array[];
  output: Float32Array;
  /** Weights after one more step taken directly on the restored model. */
  nextWeights: Float32Array[];
  /** tf.memory().numTensors at each report, after the run, and after dispose (minus the count before). */
  counts: number[];
  afterDispose: number;
}

/** Trains to 100 steps (or until it diverges), then takes the next step by hand; reads everything back. */
async function run(makeOptimizer: typeof createAdam, nanAt?: number, steps = 100): Promise<Outcome> {
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  const trainer = createTrainer(() => regression(makeOptimizer, nanAt), { reportEvery: REPORT_EVERY, onMetrics: () => counts.push(tf.memory().numTensors) });
  const summary = await trainer.start(steps);
  counts.push(tf.memory().numTensors);
  const model = trainer.model as Regression;
  const read = () => Promise.all(model.variables().map((v) => valuesOf(v.clone())));
  const weights = await read();
  const output = await valuesOf(model.emaOutput());
  tf.dispose(model.step(summary.step).loss);
  const nextWeights = await read();
  trainer.dispose();
  return { summary, weights, output, nextWeights, counts: counts.map((c) => c - before), afterDispose: tf.memory().numTensors - before };
}

const variants = [
  { name: 'CPU, createAdam (host loop)', backend: 'cpu', make: createAdam },
  { name: 'WASM, createAdam (SIMD kernel)', backend: 'wasm', make: createAdam },
  { name: 'CPU, tensorAdam (the WebGL/WebGPU optimizer)', backend: 'cpu', make: tensorAdam },
] as const;

const outcomes = new Map<string, Outcome>();

async function use(backend: 'cpu' | 'wasm'): Promise<void> {
  if (backend === 'cpu') await useCpuBackend();
  else await initBackend({ preferred: 'wasm', candidates: ['wasm'] });
  expect(tf.getBackend()).toBe(backend);
}

describe.each(variants)('a NaN gradient at step 9 on $name', ({ name, backend, make }) => {
  test('stops with a divergence report at step 10 and the state of the last report (step 8) restored, finite', async () => {
    await use(backend);
    const bad = await run(make, NAN_STEP);
    outcomes.set(name, bad);
    expect(bad.summary).toEqual({ state: 'diverged', step: 8, nonFiniteStep: NAN_STEP + 1 });
    for (const w of [...bad.weights, bad.output, ...bad.nextWeights]) expect(w.every(Number.isFinite)).toBe(true);
    // The same model trained cleanly to step 8: weights, EMA outputs and the next step all agree exactly, so the
    // moments, step count and EMA came back too (NaN moments would give NaN, a wrong step count other weights).
    const clean = await run(make, undefined, 8);
    expect(clean.summary).toEqual({ state: 'done', step: 8 });
    expect(bad.weights).toEqual(clean.weights);
    expect(bad.output).toEqual(clean.output);
    expect(bad.nextWeights).toEqual(clean.nextWeights);
    expect(bad.nextWeights).not.toEqual(bad.weights); // the step moved something
  });

  test('keeps the tensor count flat through the divergence and frees everything on dispose', () => {
    const bad = outcomes.get(name)!;
    expect(bad.counts.length).toBe(3); // reports at steps 4 and 8, then after the divergence
    expect(new Set(bad.counts).size).toBe(1);
    expect(bad.afterDispose).toBe(0);
  });
});

test('every backend and optimizer ends a divergence the same way: same summary, same restored weights and outputs', () => {
  const [first, ...rest] = variants.map((v) => outcomes.get(v.name)!);
  expect(rest.length).toBe(2);
  for (const other of rest) {
    expect(other.summary).toEqual(first.summary);
    other.weights.forEach((w, i) => w.forEach((x, j) => expect(x).toBeCloseTo(first.weights[i][j], 5)));
    other.output.forEach((x, j) => expect(x).toBeCloseTo(first.output[j], 5));
  }
});

/** A small 2-D DDPM (it samples from its EMA, as the example does). */
const smallDdpm = (seed: number) => createDdpm2d({ seed, T: 20, hidden: [16, 16], timeEmbedDim: 8, batchSize: 32, warmupSteps: 2 });

/** Trains to `steps` (poisoning a weight with NaN right after the report at `poisonAt`), then samples; reads back. */
async function ddpmRun(steps: number, poisonAt?: number) {
  const before = tf.memory().numTensors;
  const trainer = createTrainer(smallDdpm, {
    seed: 3,
    reportEvery: 4,
    onMetrics: (m) => {
      if (m.step !== poisonAt) return;
      const v = trainer.model.variables()[0];
      tf.tidy(() => v.assign(tf.fill(v.shape, NaN))); // after the snapshot: the next steps' losses are NaN
    },
  });
  const summary = await trainer.start(steps);
  const model = trainer.model as Ddpm2d;
  const weights = await Promise.all(model.variables().map((v) => valuesOf(v.clone())));
  const samples = await valuesOf(model.sample(32, 5, 5));
  trainer.dispose();
  return { summary, weights, samples, leaked: tf.memory().numTensors - before };
}

describe.each(['cpu', 'wasm'] as const)('the 2-D DDPM on %s after a divergence', (backend) => {
  test('samples from the restored EMA: the same finite points as a clean run to the restored step', async () => {
    await use(backend);
    const bad = await ddpmRun(40, 8);
    expect(bad.summary).toEqual({ state: 'diverged', step: 8, nonFiniteStep: 8 });
    expect(bad.samples.every(Number.isFinite)).toBe(true);
    const clean = await ddpmRun(8);
    expect(bad.weights).toEqual(clean.weights);
    expect(bad.samples).toEqual(clean.samples); // the EMA came back with the weights, not restarted from them
    expect([bad.leaked, clean.leaked]).toEqual([0, 0]);
  });
});
