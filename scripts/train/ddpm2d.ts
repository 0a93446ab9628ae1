/**
 * `npm run train -- ddpm2d [--steps 3000] [--seed 1] [--backend wasm|cpu] [--out public/models/ddpm2d]`
 *
 * Trains the default 2-D DDPM (src/ml/diffusion/config.ts: 8 Gaussians, cosine schedule, T = 100,
 * MLP 3×128) and writes into --out:
 * - weights.bin + weights.json: the sampling (EMA) weights, in the smallest format whose SW1 stays
 *   within 0.005 of float32's (lib/chooseFormat.ts: uint8 or float16 when quality holds, else float32);
 * - metrics.json: SW1 to fresh data for each format, the noise floor, steps, seed, config, date;
 * - preview.json: what the chapter's example shows before it runs (and without JavaScript): the loss
 *   curve and PREVIEW_POINTS samples of the committed weights (3 decimals).
 * The SW1 of each format is measured by loading those decoded weights into the model and sampling
 * with the same seed, so the numbers differ only by the quantization.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/ml/backend.ts';
import { defaultDdpm2dConfig } from '../../src/ml/diffusion/config.ts';
import { createDdpm2d, type Ddpm2d } from '../../src/ml/diffusion/ddpm2d.ts';
import { ddpm2dWeightSpec } from '../../src/ml/diffusion/weights.ts';
import { readWeights } from '../../src/ml/weightFile.ts';
import { chooseFormat, manifestJson } from './lib/chooseFormat.ts';
import { deriveSeed } from '../../src/ml/random.ts';
import { createTrainer } from '../../src/ml/train/trainer.ts';
import { sw1Report } from '../bench/ddpm2d.ts';

/** How much worse than float32 a quantized format may score and still be chosen. */
const SW1_TOLERANCE = 0.005;
/** Samples in preview.json: enough to show the modes, little enough for the page's HTML. */
const PREVIEW_POINTS = 600;

/** Trains and writes the files; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      steps: { type: 'string', default: String(defaultDdpm2dConfig.decaySteps) },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'wasm' },
      out: { type: 'string', default: 'public/models/ddpm2d' },
    },
  });
  const steps = Number(values.steps);
  const seed = Number(values.seed);
  const report = await initBackend({ preferred: values.backend as BackendName, candidates: ['wasm', 'cpu'] });
  if (report.backend !== values.backend) throw new Error(`asked for backend ${values.backend}, got ${report.backend}`);
  console.log(`backend ${report.backend}; training ${steps} steps, seed ${seed}`);

  const curve: [number, number][] = [];
  const trainer = createTrainer((s) => createDdpm2d({ seed: s, decaySteps: steps }), {
    seed,
    reportEvery: 100,
    onMetrics: (m) => {
      curve.push([m.step, round(m.loss, 4)]);
      if (m.step % 500 === 0) console.log(`step ${m.step}: loss ${m.loss.toFixed(4)}, ${m.msPerStep.toFixed(2)} ms/step`);
    },
  });
  const model = trainer.model as Ddpm2d;
  const t0 = performance.now();
  const summary = await trainer.start(steps);
  if (summary.state !== 'done') throw new Error(`training stopped: ${JSON.stringify(summary)}`);
  const trainSeconds = (performance.now() - t0) / 1000;

  // SW1 of the model's samples after a round trip through each format.
  let noiseFloor = NaN;
  const {
    results: scores,
    encoded,
    chosen,
  } = await chooseFormat({
    label: 'ddpm2d',
    spec: ddpm2dWeightSpec,
    config: model.config,
    tensors: await model.samplingWeights(),
    evaluate: async (file) => {
      model.loadWeights(file.tensors.map((t) => t.values));
      const s = model.sample(2000, deriveSeed(seed, 1000));
      const r = sw1Report((await s.data()) as Float32Array, model.config.dataset, seed);
      s.dispose();
      noiseFloor = r.noiseFloor;
      return { sw1: round(r.sw1, 4) };
    },
    score: (r) => r.sw1,
    tolerance: SW1_TOLERANCE,
  });

  mkdirSync(values.out, { recursive: true });
  const { manifest, bytes } = encoded[chosen];
  writeFileSync(join(values.out, 'weights.bin'), bytes);
  writeFileSync(join(values.out, 'weights.json'), manifestJson(manifest));
  const metrics = {
    model: 'ddpm2d',
    date: new Date().toISOString(),
    steps: summary.step,
    seed,
    config: model.config,
    format: chosen,
    sw1: scores,
    noiseFloor: round(noiseFloor, 4),
    sw1Settings: { samples: 2000, dataPoints: 2000, projections: 256, directions: 'unit', sampler: `ancestral, T = ${model.config.T}` },
    trainSeconds: round(trainSeconds, 1),
    backend: report.backend,
    tfjs: tf.version.tfjs,
  };
  writeFileSync(join(values.out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');

  // The preview: samples of the weights as committed (the chosen format), by the full sampler.
  model.loadWeights((await readWeights(manifest, bytes, ddpm2dWeightSpec, 'ddpm2d')).tensors.map((t) => t.values));
  const previewSeed = deriveSeed(seed, 2000);
  const shown = model.sample(PREVIEW_POINTS, previewSeed);
  const points = Array.from((await shown.data()) as Float32Array, (v) => round(v, 3));
  shown.dispose();
  const preview = { dataset: model.config.dataset, steps: summary.step, seed, sampleSeed: previewSeed, sw1: scores[chosen].sw1, loss: curve, samples: points };
  writeFileSync(join(values.out, 'preview.json'), JSON.stringify(preview) + '\n');
  trainer.dispose();
  console.log(`wrote ${join(values.out, 'weights.bin')} (${chosen}, ${bytes.byteLength} bytes), weights.json, metrics.json, preview.json`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
