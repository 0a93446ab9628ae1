/**
 * The MNIST DDPM trains (its loss falls, predicting x̂_0 or ε̂), repeats from its seed, samples digits in
 * [0, 1], hands the sampler the ε̂ that its x̂_0 implies, weighs both losses alike, and leaks nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { ANY_DIGIT } from '../../../src/ml/diffusion/config.ts';
import { createDdpmMnist, lossWeights } from '../../../src/ml/diffusion/ddpmMnist.ts';
import { epsFromX0, squaredDistance } from '../../../src/ml/diffusion/parameterizations.ts';
import { makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { loadDdpm } from '../../../src/ml/diffusion/load.ts';
import { initialNoise } from '../../../src/ml/diffusion/sampler.ts';
import { ddpmMnistWeightSpec } from '../../../src/ml/diffusion/weights.ts';
import { readWeights, type WeightSpec } from '../../../src/ml/weightFile.ts';
import { loadClassifier } from '../../../src/ml/classifier/load.ts';
import { classifierWeightSpec } from '../../../src/ml/classifier/weights.ts';
import type { MnistSet } from '../../../src/ml/data/mnist.ts';
import { mulberry32 } from '../../../src/ml/random.ts';
import { expectAllClose, mean, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** 64 synthetic "digits": a bright bar at a random row of a 28×28 image, labelled by its row mod 10 (real MNIST is tested in mnist.test.ts). */
function bars(count: number): MnistSet {
  const u = mulberry32(5);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const row = 4 + Math.floor(u() * 20);
    for (let c = 4; c < 24; c++) images[i * 784 + row * 28 + c] = 255;
    labels[i] = row % 10;
  }
  return { count, rows: 28, cols: 28, images, labels };
}
/** A tiny unlabelled network (one hidden layer of 64, narrower than the 784 pixels) so the CPU test is quick; it predicts ε̂ (the default). */
const small = { hidden: [64], timeEmbedDim: 16, batchSize: 32, T: 50, warmupSteps: 10, decaySteps: 200, learningRate: 3e-3, seed: 2, labels: 0 };
const smallX0 = { ...small, prediction: 'x0', minSnrGamma: 5 } as const;
/** The same, told the digit (10 labels, a fifth of them hidden in training), sampled unclipped so x̂_0 shows ε̂ exactly. */
const labelled = { ...small, labels: 10, labelDropout: 0.2, sampleClip: 0 };

async function losses(model: ReturnType<typeof createDdpmMnist>, from: number, steps: number): Promise<number[]> {
  const out: tf.Scalar[] = [];
  for (let k = from; k < from + steps; k++) out.push(model.step(k).loss);
  const values = Array.from(await valuesOf(tf.stack(out)));
  tf.dispose(out);
  return values;
}

test.each([
  ['ε̂ (plain ε-MSE)', small],
  ['x̂_0 (λ = min(SNR + 1, 5))', smallX0],
  ['ε̂ told the digit', labelled],
])(
  '200 CPU steps predicting %s lower the loss by over 15 %, with a flat tensor count',
  async (_, config) => {
    const model = createDdpmMnist(bars(64), config);
    const first = await losses(model, 0, 30);
    const before = tf.memory().numTensors;
    const rest = await losses(model, 30, 170);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    expect(mean(rest.slice(-30))).toBeLessThan(0.85 * mean(first));
  },
  60_000,
);

test('the loss weights λ(t) on ‖x̂_0 − x_0‖²: ε̂ with γ = 0 is the plain ε-MSE, x̂_0 has λ ≥ 1 everywhere, γ caps both', () => {
  const schedule = makeSchedule('cosine', 200);
  const u = mulberry32(3);
  const x0 = Float64Array.from({ length: 784 }, () => 2 * u() - 1);
  const guess = Float64Array.from({ length: 784 }, () => 2 * u() - 1); // any x̂_0
  const eps = Float64Array.from({ length: 784 }, () => u() - 0.5);
  const epsPlain = lossWeights(schedule, { prediction: 'eps', minSnrGamma: 0 });
  for (const t of [1, 20, 100, 150, 199]) {
    const ab = schedule.alphaBar[t];
    const xt = Float64Array.from(x0, (x, i) => Math.sqrt(ab) * x + Math.sqrt(1 - ab) * eps[i]);
    // λ(t)‖x̂_0 − x_0‖² for ε̂ is the noise error of the ε̂ that x̂_0 implies (eq. vdm-eps-x0-snr).
    expect((epsPlain[t] * squaredDistance(guess, x0)) / squaredDistance(epsFromX0(xt, guess, ab), eps)).toBeCloseTo(1, 6);
  }
  const x0Capped = lossWeights(schedule, { prediction: 'x0', minSnrGamma: 5 });
  const epsCapped = lossWeights(schedule, { prediction: 'eps', minSnrGamma: 5 });
  for (let t = 1; t <= 200; t++) {
    expect(x0Capped[t]).toBe(Math.min(schedule.snr[t] + 1, 5));
    expect(x0Capped[t]).toBeGreaterThanOrEqual(1);
    expect(epsCapped[t]).toBe(Math.min(epsPlain[t], 5));
  }
  expect(x0Capped[200]).toBeCloseTo(1, 6); // SNR(T) ≈ 0: the noisiest step still counts
  expect(x0Capped[1]).toBe(5); // SNR(1) ≈ 3,900: capped
});

test("predicting x̂_0, a reverse step's clean estimate is the network's output clipped to ±1: the ε̂ it hands the sampler implies it", async () => {
  const model = createDdpmMnist(bars(64), smallX0);
  for (let k = 0; k < 20; k++) model.step(k).loss.dispose();
  const weights = await model.samplingWeights();
  const w = weights.map((h) => tf.tensor(h.values, h.shape));
  const plan = model.plan(small.T);
  const x = initialNoise(4, 784, 5);
  for (const i of [small.T, 25, 1]) {
    const t = plan.netSteps[i - 1];
    // The network's x̂_0 computed here, apart from the model: MLP([x_t, emb(t)]), every layer seeing emb(t).
    const direct = await valuesOf(tf.tidy(() => tf.clipByValue(model.net.predictWith(w, x, tf.fill([4], t, 'int32') as tf.Tensor1D), -1, 1)));
    const { next, x0Hat } = model.denoiseStep(plan, i, x, 5);
    // 2e-3: at t = T, √ᾱ_T ≈ 1e-3, so the float32 round trip x̂_0 → ε̂ → x̂_0 loses ~3 digits; a wrong coefficient is off by O(1).
    expectAllClose(await valuesOf(x0Hat), direct, 2e-3);
    next.dispose();
  }
  tf.dispose([x, ...w]);
  model.dispose();
});

test('the same seed repeats exactly', async () => {
  const [a, b] = [createDdpmMnist(bars(64), small), createDdpmMnist(bars(64), small)];
  const [la, lb] = [await losses(a, 0, 5), await losses(b, 0, 5)];
  a.dispose();
  b.dispose();
  expect(lb).toEqual(la);
});

test('samples are [n, 784] intensities in [0, 1], by all T steps or respaced, without leaks', async () => {
  const model = createDdpmMnist(bars(64), small);
  const before = tf.memory().numTensors;
  for (const steps of [50, 10]) {
    const x = model.sample(3, 7, steps);
    expect(x.shape).toEqual([3, 784]);
    const v = await valuesOf(x);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
  }
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
});

test('the committed weights (npm run train -- ddpm-mnist) load, sample mostly dark digits as MNIST is, and draw the digits asked for', async () => {
  const read = async <C>(folder: string, spec: WeightSpec<C>) => {
    const dir = new URL(`../../../public/models/${folder}/`, import.meta.url);
    const json = JSON.parse(readFileSync(new URL('weights.json', dir), 'utf8'));
    return readWeights(json, new Uint8Array(readFileSync(new URL('weights.bin', dir))), spec, `${folder}/weights.json`);
  };
  const model = loadDdpm(await read('ddpm-mnist', ddpmMnistWeightSpec));
  const classifier = loadClassifier(await read('digit-classifier', classifierWeightSpec));
  const before = tf.memory().numTensors;
  // Two of each digit, 25 respaced steps, the model's own guidance (config.guidance).
  const asked = Array.from({ length: 20 }, (_, i) => i % 10);
  const x = model.sample(20, 11, 25, { labels: asked });
  const pixels = await valuesOf(x.clone());
  const labels = await valuesOf(tf.tidy(() => tf.argMax(classifier.probabilities(x), 1)));
  x.dispose();
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
  classifier.dispose();
  // MNIST's mean intensity is 0.13 and ~80 % of its pixels are 0; untrained noise gives a mean near 0.5.
  const dark = pixels.filter((v) => v < 0.25).length / pixels.length;
  expect(mean(pixels)).toBeLessThan(0.3);
  expect(dark).toBeGreaterThan(0.6);
  // The committed classifier (98.96 % on MNIST's test digits) reads most samples as the digit asked for
  // (`npm run bench -- ddpm-digits`: 95 % of 1,000 with K = 50); an unlabelled or mislabelled model gets ~10 %.
  const right = asked.filter((y, i) => labels[i] === y).length;
  expect(right).toBeGreaterThanOrEqual(16);
}, 60_000);

test('stepping the plan from x_T (denoiseStep) reproduces sample() for all T and for respaced K, with x̂_0 clipped and no leaks', async () => {
  const model = createDdpmMnist(bars(64), small);
  for (let k = 0; k < 20; k++) model.step(k).loss.dispose(); // some training, so the EMA differs from the raw weights
  for (const steps of [small.T, 7]) {
    const expected = await valuesOf(model.sample(3, 9, steps));
    const plan = model.plan(steps);
    expect(plan.tables.T).toBe(steps);
    const before = tf.memory().numTensors;
    let x = initialNoise(3, 784, 9);
    for (let i = steps; i >= 1; i--) {
      const { next, x0Hat } = model.denoiseStep(plan, i, x, 9);
      const est = await valuesOf(x0Hat);
      expect(Math.max(...est.map(Math.abs))).toBeLessThanOrEqual(1 + 1e-6);
      x.dispose();
      x = next;
    }
    const stepped = await valuesOf(tf.tidy(() => tf.clipByValue(tf.mul(tf.add(x, 1), 0.5), 0, 1)));
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(stepped.length).toBe(expected.length);
    for (let j = 0; j < stepped.length; j++) expect(stepped[j]).toBeCloseTo(expected[j], 5);
  }
  model.dispose();
});

test('a labelled model guides as classifier-free guidance says: ε̃ = (1 + w) ε̂(x_t, y) − w ε̂(x_t, ∅); "any digit" rows are unguided', async () => {
  const model = createDdpmMnist(bars(64), labelled);
  for (let k = 0; k < 20; k++) model.step(k).loss.dispose();
  const w = (await model.samplingWeights()).map((h) => tf.tensor(h.values, h.shape));
  const mlp = w.slice(0, -1);
  const skip = await valuesOf(w[w.length - 1]);
  const plan = model.plan(small.T);
  const i = 25;
  const t = plan.netSteps[i - 1];
  const ab = plan.tables.alphaBar[i];
  const x = initialNoise(3, 784, 6);
  const asked = [7, ANY_DIGIT, 2];
  // ε̂(x_t, y) computed apart from the model: MLP([x_t, emb(t), onehot(y)]) + c(t) x_t, with "no label" = 10.
  const eps = (labels: number[]) =>
    tf.tidy(() => tf.add(model.net.predictWith(mlp, x, tf.fill([3], t, 'int32') as tf.Tensor1D, tf.tensor1d(labels, 'int32')), tf.mul(x, skip[t])));
  const expected = tf.tidy(() => {
    const guided = tf.sub(tf.mul(eps([7, 10, 2]), 1 + 3), tf.mul(eps([10, 10, 10]), 3));
    return tf.concat([tf.slice(guided, [0, 0], [1, -1]), tf.slice(eps([10, 10, 10]), [1, 0], [1, -1]), tf.slice(guided, [2, 0], [1, -1])]);
  });
  const { next, x0Hat } = model.denoiseStep(plan, i, x, 5, { labels: asked, guidance: 3 });
  // Unclipped, the step's x̂_0 = (x_t − √(1 − ᾱ) ε̃)/√ᾱ: recover ε̃ from it.
  const recovered = tf.tidy(() => tf.div(tf.sub(x, tf.mul(x0Hat, Math.sqrt(ab))), Math.sqrt(1 - ab)));
  expectAllClose(await valuesOf(recovered), await valuesOf(expected), 2e-3);
  tf.dispose([x, next, x0Hat, expected, ...w]);
  model.dispose();
});

test('asking for a digit: the label count must match, labels must be 0 … 9 or ANY_DIGIT, and an unlabelled model refuses', () => {
  const model = createDdpmMnist(bars(64), labelled);
  expect(() => model.sample(2, 1, 3, { labels: [1] })).toThrow('1 labels for 2 samples');
  expect(() => model.sample(1, 1, 3, { labels: [10] })).toThrow('label 10 is not a digit 0 … 9');
  const before = tf.memory().numTensors;
  model.sample(2, 1, 3, { labels: [ANY_DIGIT, 4], guidance: 2 }).dispose();
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
  const plain = createDdpmMnist(bars(64), small);
  expect(() => plain.sample(1, 1, 3, { labels: [4] })).toThrow('trained without labels');
  plain.dispose();
});
