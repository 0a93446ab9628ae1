import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createVae, decode, encode, interpolate, reconstruct, sample, vaeLoss } from '../../../src/ml/vae/model.ts';
import { DEFAULT_VAE_CONFIG, vaeConfig } from '../../../src/ml/vae/config.ts';
import { expectAllClose, expectTensorDelta, scalarOf, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** A tiny VAE (4 pixels, 3 hidden units, 2 latents) whose arithmetic is easy to redo by hand. */
const tiny = () => createVae({ seed: 3, config: { inputDim: 4, hiddenDim: 3, latentDim: 2 } });

describe('VAE shapes', () => {
  test('the default config is 784-400-20 with Adam 1e-3 and batch 128', () => {
    expect(DEFAULT_VAE_CONFIG).toEqual({ inputDim: 784, hiddenDim: 400, latentDim: 20, learningRate: 1e-3, batchSize: 128 });
    expect(vaeConfig({ latentDim: 2 }).latentDim).toBe(2);
  });

  test('encode, decode, reconstruct, sample and interpolate return the documented shapes without leaking', async () => {
    const vae = createVae({ seed: 1, config: { hiddenDim: 16, latentDim: 2 } });
    const x = tf.randomUniform([3, 784], 0, 1, 'float32', 1) as tf.Tensor2D;
    const q = await expectTensorDelta(2, () => encode(vae.params, x));
    expect([q.mu.shape, q.logvar.shape]).toEqual([
      [3, 2],
      [3, 2],
    ]);
    const logits = await expectTensorDelta(1, () => decode(vae.params, q.mu));
    expect(logits.shape).toEqual([3, 784]);
    const rec = await expectTensorDelta(1, () => reconstruct(vae.params, x));
    expect(rec.shape).toEqual([3, 784]);
    const r = await valuesOf(rec);
    expect(Math.min(...r)).toBeGreaterThan(0);
    expect(Math.max(...r)).toBeLessThan(1);
    const s = await expectTensorDelta(1, () => sample(vae.params, 5, 2));
    expect(s.shape).toEqual([5, 784]);
    const xa = x.slice([0, 0], [1, 784]);
    const xb = x.slice([1, 0], [1, 784]);
    const path = await expectTensorDelta(1, () => interpolate(vae.params, xa, xb, 7));
    expect(path.shape).toEqual([7, 784]);
    const loss = await expectTensorDelta(3, () => vaeLoss(vae.params, x, 4));
    expect([loss.loss.shape, loss.reconstruction.shape, loss.kl.shape]).toEqual([[], [], []]);
    tf.dispose([x, q.mu, q.logvar, logits, s, xa, xb, path, loss.loss, loss.reconstruction, loss.kl]);
    vae.dispose();
  });

  test('the interpolation starts and ends at the reconstructions of its endpoints', async () => {
    const vae = createVae({ seed: 1, config: { hiddenDim: 16, latentDim: 2 } });
    const x = tf.randomUniform([2, 784], 0, 1, 'float32', 5) as tf.Tensor2D;
    const path = await valuesOf(interpolate(vae.params, x.slice([0, 0], [1, 784]), x.slice([1, 0], [1, 784]), 4));
    const rec = await valuesOf(reconstruct(vae.params, x));
    expectAllClose(path.subarray(0, 784), rec.subarray(0, 784), 1e-6);
    expectAllClose(path.subarray(3 * 784), rec.subarray(784), 1e-6);
    tf.dispose(x);
    vae.dispose();
  });
});

describe('VAE loss (eq. vae-loss)', () => {
  test('equals reconstruction + KL recomputed in plain JavaScript on a tiny network', async () => {
    const vae = tiny();
    const xs = [
      [0, 0.5, 1, 0.25],
      [1, 1, 0, 0.75],
    ];
    const seed = 11;
    const x = tf.tensor2d(xs);
    const got = vaeLoss(vae.params, x, seed);
    const [loss, rec, kl] = [await scalarOf(got.loss), await scalarOf(got.reconstruction), await scalarOf(got.kl)];

    // The same ε the loss draws: one reparameterized sample per digit, seeded.
    const eps = await valuesOf(tf.randomNormal([2, 2], 0, 1, 'float32', seed));
    const P = (t: tf.Tensor) => Array.from(t.dataSync());
    const [W1, b1, W2, b2, W3, b3, W4, b4] = vae.variables().map(P);
    const layer = (v: number[], W: number[], b: number[], nIn: number, nOut: number, relu: boolean) =>
      Array.from({ length: nOut }, (_, j) => {
        let s = b[j];
        for (let i = 0; i < nIn; i++) s += v[i] * W[i * nOut + j];
        return relu ? Math.max(0, s) : s;
      });
    const softplus = (l: number) => Math.log1p(Math.exp(-Math.abs(l))) + Math.max(l, 0);
    let recSum = 0;
    let klSum = 0;
    xs.forEach((xi, r) => {
      const h = layer(xi, W1, b1, 4, 3, true);
      const [mu0, mu1, lv0, lv1] = layer(h, W2, b2, 3, 4, false);
      const z = [mu0 + Math.exp(lv0 / 2) * eps[2 * r], mu1 + Math.exp(lv1 / 2) * eps[2 * r + 1]];
      const logits = layer(layer(z, W3, b3, 2, 3, true), W4, b4, 3, 4, false);
      // Reconstruction term: −log Bernoulli(x; sigmoid(l)) = Σ softplus(l) − x·l.
      recSum += logits.reduce((s, l, j) => s + softplus(l) - xi[j] * l, 0);
      // Prior matching term: closed-form KL to N(0, I) (eq. vae-kl-closed).
      klSum +=
        -0.5 *
        [
          [mu0, lv0],
          [mu1, lv1],
        ].reduce((s, [m, lv]) => s + 1 + lv - m * m - Math.exp(lv), 0);
    });
    expect(rec).toBeCloseTo(recSum / 2, 4);
    expect(kl).toBeCloseTo(klSum / 2, 5);
    expect(loss).toBeCloseTo(rec + kl, 5);
    x.dispose();
    vae.dispose();
  });

  test('its KL term is zero when the encoder outputs the prior, and positive otherwise', async () => {
    const vae = tiny();
    vae.params.encOut.w.assign(tf.zerosLike(vae.params.encOut.w));
    vae.params.encOut.b.assign(tf.zerosLike(vae.params.encOut.b));
    const x = tf.tensor2d([[0, 1, 0, 1]]);
    const l = vaeLoss(vae.params, x, 1);
    expect(await scalarOf(l.kl)).toBeCloseTo(0, 6);
    vae.params.encOut.b.assign(tf.tensor1d([0.5, -1, 0.2, 0.1]));
    const l2 = vaeLoss(vae.params, x, 1);
    expect(await scalarOf(l2.kl)).toBeGreaterThan(0);
    tf.dispose([x, l.loss, l.reconstruction, l2.loss, l2.reconstruction]);
    vae.dispose();
  });
});

describe('VAE seeding', () => {
  test('the same seed gives the same weights and losses; another seed does not', async () => {
    const x = tf.randomUniform([4, 784], 0, 1, 'float32', 2) as tf.Tensor2D;
    const lossOf = async (seed: number) => {
      const vae = createVae({ seed, config: { hiddenDim: 8, latentDim: 2 } });
      const v = await scalarOf(vae.loss(x, 7).loss);
      vae.dispose();
      return v;
    };
    expect(await lossOf(1)).toBe(await lossOf(1));
    expect(await lossOf(2)).not.toBe(await lossOf(1));
    x.dispose();
  });
});
