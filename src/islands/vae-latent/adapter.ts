/**
 * The pretrained 2-D-latent VAE (public/models/vae/latent2, written by `npm run train -- vae`) as a
 * kit adapter that does not train: its snapshot is the encoder's means of the checksummed test
 * digits, and it answers 'decode' requests with the decoder's mean image at a z.
 */
import * as tf from '@tensorflow/tfjs';
import { setToTensor, verifyAsset, type MnistManifest } from '../../ml/data/mnist.ts';
import { createVae, decode, encode, type Vae } from '../../ml/vae/model.ts';
import { namedVaeVariables, vaeWeightSpec } from '../../ml/vae/weights.ts';
import { loadPretrained } from '../kit/pretrained.ts';
import type { AdapterContext, ExampleAdapter } from '../kit/adapter.ts';
import { MODEL_PATH, PRETRAINED_STEPS, SCATTER_DIGITS } from './config.ts';

/** The adapter; it keeps the test digits it loaded. */
export function createAdapter(ctx: AdapterContext): ExampleAdapter<Vae> {
  let test: { images: Uint8Array; labels: Uint8Array; count: number; rows: number; cols: number } | null = null;
  return {
    trainable: false,
    cadence: () => ({ totalSteps: PRETRAINED_STEPS, reportEvery: 1, snapshotEvery: 1 }),
    async prepare() {
      if (test) return;
      const data = await ctx.json<MnistManifest>('data/mnist.json');
      const f = data.files;
      const [images, labels] = await Promise.all([f.testImages, f.testLabels].map(async (file) => verifyAsset(file, await ctx.bytes(`data/${file.path}`))));
      const [count, rows, cols] = f.testImages.shape;
      test = { images, labels, count, rows, cols };
    },
    async pretrained() {
      return loadPretrained(ctx, MODEL_PATH, {
        spec: vaeWeightSpec,
        build: (config) => createVae({ seed: 0, config }),
        named: (v) => namedVaeVariables(v.params),
      });
    },
    create() {
      throw new Error('the latent example shows the pretrained model only');
    },
    async snapshot(vae) {
      if (!test) throw new Error('snapshot before prepare');
      const n = Math.min(SCATTER_DIGITS, test.count);
      const set = test;
      const mu = tf.tidy(() => encode(vae.params, setToTensor(set, n)).mu);
      const values = (await mu.data()) as Float32Array;
      mu.dispose();
      const labels = set.labels.slice(0, n);
      return { data: { mu: values, labels }, transfer: [values.buffer as ArrayBuffer, labels.buffer as ArrayBuffer] };
    },
    async request(vae, name, payload) {
      if (name !== 'decode') throw new Error(`unknown request ${name}`);
      const z = payload as [number, number];
      const image = tf.tidy(() => tf.sigmoid(decode(vae.params, tf.tensor2d([z], [1, 2]))));
      const pixels = (await image.data()) as Float32Array;
      image.dispose();
      return { data: { z, pixels }, transfer: [pixels.buffer as ArrayBuffer] };
    },
  };
}
