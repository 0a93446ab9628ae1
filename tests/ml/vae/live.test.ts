import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createVae, decode, encode } from '../../../src/ml/vae/model.ts';
import { evaluateTerms, vaeSnapshot } from '../../../src/ml/vae/live.ts';
import { mulberry32 } from '../../../src/ml/random.ts';
import { expectAllClose, scalarOf, useCpuBackend } from '../helpers.ts';

beforeAll(useCpuBackend);

const vae = createVae({ seed: 3, config: { hiddenDim: 16, latentDim: 2 } });
afterAll(() => vae.dispose());

/** n "digits" with intensities uniform in [0, 1] (seeded). */
function digits(n: number, seed: number): tf.Tensor2D {
  const u = mulberry32(seed);
  return tf.tensor2d(
    Float32Array.from({ length: n * 784 }, () => u()),
    [n, 784],
  );
}

describe('evaluateTerms', () => {
  test('−ELBO = −reconstruction + prior matching, and equals vaeLoss for the same seed', async () => {
    const x = digits(12, 1);
    const terms = await evaluateTerms(vae.params, x, 77);
    expect(terms.negElbo).toBeCloseTo(-terms.reconstruction + terms.priorMatching, 3);
    const l = vae.loss(x, 77);
    expect(terms.negElbo).toBeCloseTo(await scalarOf(l.loss), 4);
    tf.dispose([x, l.reconstruction, l.kl]);
  });

  test('the prior-matching term equals the closed-form KL computed here from the encoder outputs', async () => {
    const x = digits(8, 2);
    const terms = await evaluateTerms(vae.params, x, 5);
    const q = encode(vae.params, x);
    const [mu, lv] = [await q.mu.data(), await q.logvar.data()];
    let kl = 0; // 0.5 Σ (μ² + σ² − 1 − log σ²), averaged over the 8 digits
    for (let i = 0; i < mu.length; i++) kl += 0.5 * (mu[i] ** 2 + Math.exp(lv[i]) - 1 - lv[i]);
    expect(terms.priorMatching).toBeCloseTo(kl / 8, 4);
    expect(terms.priorMatching).toBeGreaterThanOrEqual(0);
    tf.dispose([x, q.mu, q.logvar]);
  });

  test('the reconstruction term equals a Bernoulli log-likelihood computed here at z = mu + σ ε with the same ε', async () => {
    const x = digits(6, 3);
    const seed = 11;
    const terms = await evaluateTerms(vae.params, x, seed);
    const q = encode(vae.params, x);
    const eps = tf.randomNormal([6, 2], 0, 1, 'float32', seed);
    const [mu, lv, e] = [await q.mu.data(), await q.logvar.data(), await eps.data()];
    const z = tf.tensor2d(
      mu.map((m, i) => m + Math.exp(lv[i] / 2) * e[i]),
      [6, 2],
    );
    const logits = decode(vae.params, z);
    const [l, xs] = [await logits.data(), await x.data()];
    let ll = 0; // Σ x log σ(l) + (1 − x) log(1 − σ(l)), averaged over the 6 digits
    for (let i = 0; i < l.length; i++) {
      const s = 1 / (1 + Math.exp(-l[i]));
      ll += xs[i] * Math.log(s) + (1 - xs[i]) * Math.log(1 - s);
    }
    expect(terms.reconstruction).toBeCloseTo(ll / 6, 2);
    expect(terms.reconstruction).toBeLessThan(0);
    tf.dispose([x, q.mu, q.logvar, eps, z, logits]);
  });

  test('leaves the tensor count flat over 20 evaluations of a held-out set', async () => {
    const x = digits(50, 4);
    await evaluateTerms(vae.params, x, 0); // first call may create backend state
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await evaluateTerms(vae.params, x, i);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  test('rejects digits of the wrong width, naming the expected shape', async () => {
    const x = tf.zeros([3, 10]) as tf.Tensor2D;
    await expect(evaluateTerms(vae.params, x, 0)).rejects.toThrow('x must be [batch, 784], got [3, 10]');
    x.dispose();
  });
});

describe('vaeSnapshot', () => {
  const grid = tf.tensor2d([-2, 2, 0, 0, 2, -2, 1.5, 0.5], [4, 2]);
  afterAll(() => grid.dispose());

  test('returns each requested view with its shape, pixel values in [0, 1], and nothing unrequested', async () => {
    const x = digits(8, 5);
    const snap = await vaeSnapshot(vae.params, { reconstruct: x, samples: { n: 16, seed: 1 }, encode: x, decode: grid });
    expect(snap.reconstructions?.length).toBe(8 * 784);
    expect(snap.samples?.length).toBe(16 * 784);
    expect(snap.latentMeans?.length).toBe(8 * 2);
    expect(snap.decoded?.length).toBe(4 * 784);
    for (const view of [snap.reconstructions!, snap.samples!, snap.decoded!]) {
      expect(Math.min(...view)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...view)).toBeLessThanOrEqual(1);
    }
    // Each view owns its buffer, so it can be transferred on its own.
    expect(new Set([snap.reconstructions!.buffer, snap.samples!.buffer, snap.latentMeans!.buffer, snap.decoded!.buffer]).size).toBe(4);
    expect(Object.keys(await vaeSnapshot(vae.params, { encode: x }))).toEqual(['latentMeans']);
    x.dispose();
  });

  test('matches the model functions it reads: reconstruct, the encoder means and sigmoid(decode(z))', async () => {
    const x = digits(3, 6);
    const snap = await vaeSnapshot(vae.params, { reconstruct: x, encode: x, decode: grid });
    const r = vae.reconstruct(x);
    const q = encode(vae.params, x);
    const d = tf.sigmoid(decode(vae.params, grid));
    expectAllClose(snap.reconstructions!, await r.data(), 1e-6);
    expectAllClose(snap.latentMeans!, await q.mu.data(), 1e-6);
    expectAllClose(snap.decoded!, await d.data(), 1e-6);
    tf.dispose([x, r, q.mu, q.logvar, d]);
  });

  test('draws the same samples for the same seed and different ones for another seed', async () => {
    const a = await vaeSnapshot(vae.params, { samples: { n: 4, seed: 9 } });
    const b = await vaeSnapshot(vae.params, { samples: { n: 4, seed: 9 } });
    const c = await vaeSnapshot(vae.params, { samples: { n: 4, seed: 10 } });
    expect(b.samples).toEqual(a.samples);
    expect(c.samples).not.toEqual(a.samples);
  });

  test('leaves the tensor count flat over 10 snapshots', async () => {
    const x = digits(8, 7);
    await vaeSnapshot(vae.params, { reconstruct: x, samples: { n: 16, seed: 1 }, encode: x, decode: grid });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) await vaeSnapshot(vae.params, { reconstruct: x, samples: { n: 16, seed: i }, encode: x, decode: grid });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  test('rejects a latent point of the wrong dimension and a non-integer sample count', async () => {
    const z = tf.zeros([2, 3]) as tf.Tensor2D;
    await expect(vaeSnapshot(vae.params, { decode: z })).rejects.toThrow('decode must be [n, 2], got [2, 3]');
    await expect(vaeSnapshot(vae.params, { samples: { n: 2.5, seed: 0 } })).rejects.toThrow('samples.n must be a positive integer, got 2.5');
    z.dispose();
  });
});
