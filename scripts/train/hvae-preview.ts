/**
 * `npm run train -- hvae-preview [--seed 1]`
 *
 * The live HVAE example's figure without JavaScript, from the committed weights (public/models/hvae,
 * `npm run train -- hvae`) and the digits the site ships (public/data), with the live example's own
 * functions and constants (src/islands/hvae/config.ts, src/ml/hvae/evaluate.ts):
 *   preview-reconstructions.png  the first 8 test digits (top row) and their reconstructions;
 *   preview-samples.png          16 digits sampled down the chain z₂ → z₁ → x, the draw the live example makes for --seed;
 *   preview.json                 the three terms of −ELBO on the 1,000 held-out digits (nats), as the live example evaluates them
 *                                (the build draws the static bars from them).
 * Separate from `train -- hvae` so that new weights only need this rerun. Prints what it wrote.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend.ts';
import { loadMnistAssets, setToTensor, type MnistManifest } from '../../src/ml/data/mnist.ts';
import { deriveSeed } from '../../src/ml/random.ts';
import { hvaeTestNegElbo } from '../../src/ml/hvae/evaluate.ts';
import { createHvae, namedHvaeVariables, reconstructHvae, sampleHvae } from '../../src/ml/hvae/model.ts';
import { hvaeWeightSpec } from '../../src/ml/hvae/weights.ts';
import { assignWeights } from '../../src/ml/nn/namedVariables.ts';
import { readWeights } from '../../src/ml/weightFile.ts';
import { HELD_OUT, HELD_OUT_STREAM, RECONSTRUCTED, SAMPLES, SAMPLE_STREAM } from '../../src/islands/hvae/config.ts';
import { originalsOverReconstructions, tileGrey } from '../../src/islands/shared/digits.ts';
import { greyPng } from '../../src/node/png.ts';

const round = (x: number) => Math.round(x * 100) / 100;

/** Writes the three preview files; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { seed: { type: 'string', default: '1' } } });
  const seed = Number(values.seed);
  const report = await initBackend({ preferred: 'cpu', candidates: ['cpu'] });
  const dir = new URL('../../public/models/hvae/', import.meta.url);
  const data = new URL('../../public/data/', import.meta.url);
  const weightsJson = new URL('weights.json', dir);
  const file = await readWeights(
    JSON.parse(await readFile(weightsJson, 'utf8')),
    new Uint8Array(await readFile(new URL('weights.bin', dir))),
    hvaeWeightSpec,
    weightsJson.pathname,
  );
  const hvae = createHvae({ seed: 0, config: file.config });
  assignWeights(namedHvaeVariables(hvae.params), file);
  const mnist = JSON.parse(await readFile(new URL('mnist.json', data), 'utf8')) as MnistManifest;
  const { test } = await loadMnistAssets(mnist, async (p) => new Uint8Array(await readFile(new URL(p, data))));

  const count = Math.min(HELD_OUT, test.count);
  const terms = await hvaeTestNegElbo(hvae.params, test, { seed: deriveSeed(1, HELD_OUT_STREAM), count });
  const shown = setToTensor(test, RECONSTRUCTED);
  const recon = reconstructHvae(hvae.params, shown);
  const drawn = sampleHvae(hvae.params, SAMPLES, deriveSeed(seed, SAMPLE_STREAM));
  const [originals, reconstructions, samples] = (await Promise.all([shown.data(), recon.data(), drawn.data()])) as Float32Array[];
  tf.dispose([shown, recon, drawn]);
  hvae.dispose();

  const pairs = tileGrey(originalsOverReconstructions(originals, reconstructions), RECONSTRUCTED);
  const grid = tileGrey(samples, 4);
  await writeFile(new URL('preview-reconstructions.png', dir), greyPng(pairs.width, pairs.height, pairs.pixels));
  await writeFile(new URL('preview-samples.png', dir), greyPng(grid.width, grid.height, grid.pixels));
  const summary = {
    model: 'hvae 784-256-32-8 (public/models/hvae)',
    heldOutDigits: count,
    heldOut: { negElbo: round(terms.negElbo), reconstruction: round(terms.reconstruction), klZ1: round(terms.klZ1), klZ2: round(terms.klZ2) },
    samplesSeed: seed,
    backend: report.backend,
    command: `npm run train -- hvae-preview --seed ${seed}`,
  };
  await writeFile(new URL('preview.json', dir), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(dir)}preview-reconstructions.png, preview-samples.png, preview.json: held-out −ELBO ${summary.heldOut.negElbo} nats`);
}
