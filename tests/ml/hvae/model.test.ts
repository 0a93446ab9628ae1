import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createHvae, hvaeIwBound, hvaeLogWeights, hvaeLoss, hvaeTerms, hvaeWeightedLoss, reconstructHvae, sampleHvae } from '../../../src/ml/hvae/model.ts';
import { DEFAULT_HVAE_CONFIG } from '../../../src/ml/hvae/config.ts';
import { klDiagGaussians } from '../../../src/ml/math/kl.ts';
import { encodeZ1 } from '../../../src/ml/hvae/model.ts';
import { createTrainer, type TrainMetrics } from '../../../src/ml/train/trainer.ts';
import { expectTensorDelta, mean, scalarOf, useCpuBackend, valuesOf, variance } from '../helpers.ts';

beforeAll(useCpuBackend);

/** A small HVAE: 16 pixels, 12 hidden units, z1 of 4, z2 of 2. */
const small = (seed = 1) => createHvae({ seed, config: { inputDim: 16, hiddenDim: 12, z1Dim: 4, z2Dim: 2 } });
/** Three binary 4x4 "digits". */
const digits = () =>
  tf.tensor2d([
    [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0],
    [0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1],
    [1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0],
  ]);

describe('HVAE', () => {
  test('has two latent layers with a smaller top layer by default', () => {
    expect(DEFAULT_HVAE_CONFIG.z2Dim).toBeLessThan(DEFAULT_HVAE_CONFIG.z1Dim);
  });

  test('reports reconstruction and one KL term per latent layer, summing to the loss, without leaking', async () => {
    const hvae = small();
    const x = digits();
    const l = await expectTensorDelta(4, () => hvaeLoss(hvae.params, x, 3));
    const [loss, rec, k1, k2] = await Promise.all([l.loss, l.reconstruction, l.klZ1, l.klZ2].map(scalarOf));
    expect(loss).toBeCloseTo(rec + k1 + k2, 4);
    expect(rec).toBeGreaterThan(0);
    const s = await expectTensorDelta(1, () => sampleHvae(hvae.params, 5, 1));
    const r = await expectTensorDelta(1, () => reconstructHvae(hvae.params, x));
    expect([s.shape, r.shape]).toEqual([
      [5, 16],
      [3, 16],
    ]);
    tf.dispose([x, s, r]);
    hvae.dispose();
  });

  test('the top KL term is non-negative for every sample (closed form)', async () => {
    const hvae = small();
    const x = digits();
    for (let seed = 0; seed < 20; seed++) {
      const t = hvaeTerms(hvae.params, x, seed);
      expect(Math.min(...(await valuesOf(t.klZ2)))).toBeGreaterThanOrEqual(0);
      tf.dispose([t.reconstruction, t.klZ1]);
    }
    tf.dispose(x);
    hvae.dispose();
  });

  test('the two KL terms together are non-negative in expectation: they form KL(q(z1,z2|x) ‖ p(z1,z2))', async () => {
    const hvae = small(2);
    const x = digits();
    // 400 joint samples per digit in one call: the digits tiled, each row drawing its own ε.
    const t = hvaeTerms(hvae.params, tf.tile(x, [400, 1]) as tf.Tensor2D, 1);
    const totals = await valuesOf(tf.add(t.klZ1, t.klZ2));
    tf.dispose([t.reconstruction, t.klZ1, t.klZ2]);
    expect(mean(totals)).toBeGreaterThan(0);
    tf.dispose(x);
    hvae.dispose();
  });

  test('when p(z1|z2) ignores z2, the z1 term estimates the closed-form KL(q(z1|x) ‖ p(z1))', async () => {
    const hvae = small(3);
    const pz1 = hvae.params.pZ1.out;
    pz1.w.assign(tf.zerosLike(pz1.w)); // p(z1|z2) = N(b_mu, diag e^{b_logvar}) whatever z2
    pz1.b.assign(tf.tensor1d([0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0, 0.3]));
    const x = digits();
    const t = hvaeTerms(hvae.params, tf.tile(x, [3000, 1]) as tf.Tensor2D, 1); // 3000 draws per digit
    const klZ1 = await valuesOf(t.klZ1);
    tf.dispose([t.reconstruction, t.klZ2]);
    const draws = [0, 1, 2].map((i) => Array.from({ length: 3000 }, (_, s) => klZ1[3 * s + i]));
    const q = encodeZ1(hvae.params, x);
    const closed = await valuesOf(klDiagGaussians(q.mu, q.logvar, tf.tensor1d([0.3, -0.2, 0.1, 0.5]), tf.tensor1d([-0.4, 0.2, 0, 0.3])));
    draws.forEach((d, i) => expect(mean(d)).toBeCloseTo(closed[i], 1));
    tf.dispose([x, q.mu, q.logvar]);
    hvae.dispose();
  });

  test('the ELBO is at most the importance-weighted estimate, which grows with k', async () => {
    const hvae = small(4);
    const x = digits();
    const w = await valuesOf(hvaeLogWeights(hvae.params, x, 2000, 5)); // [2000, 3]
    const elbo = [0, 1, 2].map((i) => mean(Array.from({ length: 2000 }, (_, s) => w[s * 3 + i])));
    const iw1 = await valuesOf(hvaeIwBound(hvae.params, x, 1, 6));
    const iw500 = await valuesOf(hvaeIwBound(hvae.params, x, 500, 7));
    for (let i = 0; i < 3; i++) {
      expect(elbo[i]).toBeLessThan(iw500[i]);
      expect(iw500[i]).toBeLessThan(0); // a bound on a log-probability of binary data
    }
    expect(mean(iw500)).toBeGreaterThan(mean(Array.from(iw1)) - 1e-3);
    // The ELBO from the log-weights agrees with −loss (both unbiased for the mean ELBO of the 3 digits, independent
    // draws) within 4 Monte Carlo standard errors of their difference. −loss on R copies of each digit averages 3R
    // one-draw estimates: SE = √(Σᵢ σᵢ²/R)/3 with σᵢ² the variance of one draw for digit i, measured on the same
    // draws (hvaeLoss is the batch mean of hvaeTerms with the same seed); likewise the 2000-draw ELBO, from the
    // log-weights' variances. Here σᵢ ≈ 1.0–1.2 nats, so SE ≈ 0.045 and the bound ≈ 0.19 nats (was 5 nats: one draw
    // per digit, SE ≈ 0.62, would allow only ~2.5 at 4 SE).
    const R = 200;
    const tiled = tf.tile(x, [R, 1]) as tf.Tensor2D; // row r·3 + i is draw r of digit i
    const l = hvaeLoss(hvae.params, tiled, 8);
    const negLoss = -(await scalarOf(l.loss));
    const t = hvaeTerms(hvae.params, tiled, 8);
    const rows = await valuesOf(tf.addN([t.reconstruction, t.klZ1, t.klZ2]));
    expect(mean(rows)).toBeCloseTo(-negLoss, 3); // the same draws as the loss
    const perDigit = (v: Float32Array, draws: number) => [0, 1, 2].map((i) => Array.from({ length: draws }, (_, r) => v[3 * r + i]));
    const se = (v: Float32Array, draws: number) => Math.sqrt(perDigit(v, draws).reduce((s, d) => s + variance(d), 0) / draws) / 3;
    const bound = 4 * Math.hypot(se(rows, R), se(w, 2000));
    expect(bound).toBeLessThan(0.3); // the check stays sharp: a blown-up variance would fail here, not loosen it
    expect(Math.abs(negLoss - mean(elbo))).toBeLessThan(bound);
    tf.dispose([x, tiled, l.reconstruction, l.klZ1, l.klZ2, t.reconstruction, t.klZ1, t.klZ2]);
    hvae.dispose();
  });

  test('trains: 60 seeded steps on fixed digits lower the loss with flat tensor count', async () => {
    const x = digits();
    const reports: TrainMetrics[] = [];
    const trainer = createTrainer(
      (s) => createHvae({ seed: s, config: { inputDim: 16, hiddenDim: 12, z1Dim: 4, z2Dim: 2, learningRate: 1e-2 }, nextBatch: () => x.clone() }),
      { seed: 1, reportEvery: 10, onMetrics: (m) => reports.push(m) },
    );
    const before = tf.memory().numTensors;
    await trainer.start(60);
    expect(tf.memory().numTensors).toBe(before);
    expect(reports[5].loss).toBeLessThan(reports[0].loss);
    expect(Object.keys(reports[0].terms)).toEqual(['reconstruction', 'klZ1', 'klZ2']);
    trainer.dispose();
    x.dispose();
  });

  test('β weights only the top KL term of the training loss; β = 1 is −ELBO; the terms stay the ELBO’s; nothing leaks', async () => {
    const hvae = small(3);
    const x = digits();
    const plain = hvaeLoss(hvae.params, x, 5);
    const [rec, k1, k2, negElbo] = await Promise.all([plain.reconstruction, plain.klZ1, plain.klZ2, plain.loss].map(scalarOf));
    for (const beta of [0, 1, 4]) {
      const w = await expectTensorDelta(4, () => hvaeWeightedLoss(hvae.params, x, 5, beta));
      const [loss, wRec, wK1, wK2] = await Promise.all([w.loss, w.reconstruction, w.klZ1, w.klZ2].map(scalarOf));
      expect(loss).toBeCloseTo(rec + k1 + beta * k2, 4);
      expect([wRec, wK1, wK2]).toEqual([rec, k1, k2]);
      if (beta === 1) expect(loss).toBe(negElbo);
      tf.dispose(Object.values(w));
    }
    expect(() => hvaeWeightedLoss(hvae.params, x, 5, -1)).toThrow(/≥ 0/);
    expect(() => createHvae({ seed: 1, topKlWeight: Number.NaN })).toThrow(/topKlWeight/);
    tf.dispose([x, ...Object.values(plain)]);
    hvae.dispose();
  });

  test('trains with β = 4: the loss falls, tensor count flat, and the top KL ends below the β = 1 run’s', async () => {
    const x = digits();
    const run = async (beta: number) => {
      const reports: TrainMetrics[] = [];
      const trainer = createTrainer(
        (s) =>
          createHvae({
            seed: s,
            config: { inputDim: 16, hiddenDim: 12, z1Dim: 4, z2Dim: 2, learningRate: 1e-2 },
            nextBatch: () => x.clone(),
            topKlWeight: beta,
          }),
        { seed: 1, reportEvery: 20, onMetrics: (m) => reports.push(m) },
      );
      const before = tf.memory().numTensors;
      await trainer.start(200);
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
      return reports;
    };
    const [one, four] = [await run(1), await run(4)];
    expect(four.at(-1)!.loss).toBeLessThan(four[0].loss);
    expect(four.at(-1)!.terms.klZ2).toBeLessThan(one.at(-1)!.terms.klZ2);
    x.dispose();
  });
});
