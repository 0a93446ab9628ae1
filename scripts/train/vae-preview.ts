/**
 * `npm run train -- vae-preview [--seed 1]`
 *
 * The live VAE example's figure without JavaScript, from the committed latent-2 weights
 * (public/models/vae/latent2, `npm run train -- vae`) and the digits the site ships (public/data):
 *   preview-reconstructions.png  the first 8 held-out test digits (top row) and their reconstructions;
 *   preview-samples.png          16 digits decoded from the prior, the draw the live example makes for --seed;
 *   preview.json                 the ELBO's terms on the 1,000 held-out digits (nats), as the live example evaluates them.
 * Separate from `train -- vae` so that new weights only need this rerun. Prints what it wrote.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend.ts';
import { loadMnistAssets, setToTensor, type MnistManifest } from '../../src/ml/data/mnist.ts';
import { deriveSeed } from '../../src/ml/random.ts';
import { evaluateTerms, vaeSnapshot } from '../../src/ml/vae/live.ts';
import { createVae } from '../../src/ml/vae/model.ts';
import { namedVaeVariables, vaeWeightSpec } from '../../src/ml/vae/weights.ts';
import { assignWeights } from '../../src/ml/nn/namedVariables.ts';
import { readWeights } from '../../src/ml/weightFile.ts';
import { HELD_OUT, HELD_OUT_STREAM, PRIOR_SAMPLES, PRIOR_STREAM, RECONSTRUCTED } from '../../src/islands/vae/config.ts';
import { originalsOverReconstructions, tileGrey } from '../../src/islands/shared/digits.ts';
import { greyPng } from '../../src/node/png.ts';

/** Writes the three preview files; see the header. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { seed: { type: 'string', default: '1' } } });
  const seed = Number(values.seed);
  const report = await initBackend({ preferred: 'cpu', candidates: ['cpu'] });
  const dir = new URL('../../public/models/vae/latent2/', import.meta.url);
  const data = new URL('../../public/data/', import.meta.url);
  const weightsJson = new URL('weights.json', dir);
  const file = await readWeights(
    JSON.parse(await readFile(weightsJson, 'utf8')),
    new Uint8Array(await readFile(new URL('weights.bin', dir))),
    vaeWeightSpec,
    weightsJson.pathname,
  );
  const vae = createVae({ seed: 0, config: file.config });
  assignWeights(namedVaeVariables(vae.params), file);
  const mnist = JSON.parse(await readFile(new URL('mnist.json', data), 'utf8')) as MnistManifest;
  const { test } = await loadMnistAssets(mnist, async (p) => new Uint8Array(await readFile(new URL(p, data))));

  const heldOut = setToTensor(test, Math.min(HELD_OUT, test.count));
  const shown = tf.slice(heldOut, [0, 0], [RECONSTRUCTED, -1]);
  const terms = await evaluateTerms(vae.params, heldOut, deriveSeed(1, HELD_OUT_STREAM));
  const snap = await vaeSnapshot(vae.params, { reconstruct: shown, samples: { n: PRIOR_SAMPLES, seed: deriveSeed(seed, PRIOR_STREAM) } });
  const originals = (await shown.data()) as Float32Array;
  tf.dispose([heldOut, shown]);
  vae.dispose();

  const recon = tileGrey(originalsOverReconstructions(originals, snap.reconstructions!), RECONSTRUCTED);
  const samples = tileGrey(snap.samples!, 4);
  await writeFile(new URL('preview-reconstructions.png', dir), greyPng(recon.width, recon.height, recon.pixels));
  await writeFile(new URL('preview-samples.png', dir), greyPng(samples.width, samples.height, samples.pixels));
  const round = (v: number) => Math.round(v * 100) / 100;
  const summary = {
    model: 'vae 784-400-2 (public/models/vae/latent2)',
    heldOutDigits: Math.min(HELD_OUT, test.count),
    heldOut: { negElbo: round(terms.negElbo), reconstruction: round(-terms.reconstruction), priorMatching: round(terms.priorMatching) },
    samplesSeed: seed,
    backend: report.backend,
    command: `npm run train -- vae-preview --seed ${seed}`,
  };
  await writeFile(new URL('preview.json', dir), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(dir)}preview-reconstructions.png, preview-samples.png, preview.json: held-out −ELBO ${summary.heldOut.negElbo} nats`);
}

// Output 2026-12-02 (committed weights of `npm run train -- vae --epochs 10 --seed 1`):
// wrote …/public/models/vae/latent2/preview-reconstructions.png, preview-samples.png, preview.json: held-out −ELBO 153.47 nats
