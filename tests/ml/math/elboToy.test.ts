import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { elboGap, iwBoundSpread, klGaussian1d, toyElbo, toyLogEvidence, toyLogWeight, toyPosterior, type ToyModel } from '../../../src/ml/math/elboToy.ts';
import { deriveSeed, mulberry32 } from '../../../src/ml/random.ts';
import {
  klDiagToFull,
  linearGaussianElbo,
  linearGaussianLogLikelihood,
  linearGaussianLogMarginal,
  linearGaussianPosterior,
  type LinearGaussianModel,
} from '../../../src/ml/linearGaussian.ts';
import { iwBound } from '../../../src/ml/math/bounds.ts';
import { useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** The chapter's numbers: σ² = 1, x = 2. */
const chapter: ToyModel = { x: 2, noiseVar: 1 };
/** The same model as linearGaussian.ts sees it (W = 1, b = 0, s = σ). */
const asLinear = (m: ToyModel): LinearGaussianModel => ({ latentDim: 1, dataDim: 1, W: Float64Array.of(1), b: Float64Array.of(0), s: Math.sqrt(m.noiseVar) });
const one = (v: number) => Float64Array.of(v);

describe('the 1-D worked example (eq. elbo-toy-model, elbo-toy-elbo)', () => {
  test('reproduces every row of the chapter’s table (ELBO and gap to three decimals)', () => {
    const rows: [number, number, number, number][] = [
      [0, 1, -3.419, 1.153],
      [2, 0.5, -3.266, 1.0],
      [1, 1, -2.419, 0.153],
      [1, 0.25, -2.362, 0.097],
      [1, 0.5, -2.266, 0],
    ];
    expect(toyLogEvidence(chapter)).toBeCloseTo(-0.5 * Math.log(4 * Math.PI) - 1, 12);
    for (const [mean, variance, elbo, gap] of rows) {
      const v = elboGap(chapter, { mean, variance });
      expect(v.elbo).toBeCloseTo(elbo, 3);
      expect(v.gap).toBeCloseTo(gap, 3);
    }
  });

  test.each([
    { x: 2, noiseVar: 1 },
    { x: -0.7, noiseVar: 0.3 },
    { x: 3.1, noiseVar: 2.5 },
  ])('agrees with the general linear-Gaussian code for x = $x, σ² = $noiseVar', (model) => {
    const lin = asLinear(model);
    expect(toyLogEvidence(model)).toBeCloseTo(linearGaussianLogMarginal(lin, one(model.x)), 12);
    const post = linearGaussianPosterior(lin, one(model.x));
    expect(toyPosterior(model).mean).toBeCloseTo(post.mean[0], 12);
    expect(toyPosterior(model).variance).toBeCloseTo(post.cov[0], 12);
    for (const [mean, variance] of [
      [0, 1],
      [1.3, 0.2],
      [-2, 3],
    ]) {
      expect(toyElbo(model, { mean, variance })).toBeCloseTo(linearGaussianElbo(lin, one(model.x), one(mean), one(variance)), 12);
      expect(klGaussian1d({ mean, variance }, toyPosterior(model))).toBeCloseTo(klDiagToFull(one(mean), one(variance), post), 12);
    }
  });

  test('log p(x) = ELBO + KL(q ‖ p(z|x)) for any q (eq. elbo-kl-decomposition), each side computed on its own', () => {
    for (const [mean, variance] of [
      [-3, 0.05],
      [0.4, 2.9],
      [2.5, 0.7],
    ]) {
      const v = elboGap(chapter, { mean, variance });
      expect(v.elbo + v.gap).toBeCloseTo(v.logEvidence, 12);
    }
  });

  test('the gap is 0 at the true posterior and positive everywhere else', () => {
    const post = toyPosterior(chapter);
    expect(Math.abs(elboGap(chapter, post).gap)).toBeLessThan(1e-12);
    for (const [dm, dv] of [
      [0.05, 0],
      [0, 0.05],
      [-0.05, 0],
      [0, -0.05],
      [1, 1],
    ]) {
      expect(elboGap(chapter, { mean: post.mean + dm, variance: post.variance + dv }).gap).toBeGreaterThan(1e-4);
    }
  });

  test('names what is wrong with bad input', () => {
    expect(() => toyElbo(chapter, { mean: 0, variance: 0 })).toThrow(/variance s² must be positive/);
    expect(() => toyLogEvidence({ x: 1, noiseVar: -1 })).toThrow(/noise variance σ² must be positive/);
    expect(() => iwBoundSpread(chapter, { mean: 0, variance: 1 }, { k: 0, repeats: 10, seed: 1 })).toThrow(/k must be a whole number ≥ 1/);
  });
});

describe('the importance-weighted bound L_k of the toy model', () => {
  test('is exactly log p(x) with no spread when q is the posterior (every weight equals p(x))', () => {
    const r = iwBoundSpread(chapter, toyPosterior(chapter), { k: 7, repeats: 20, seed: 3 });
    expect(r.mean).toBeCloseTo(toyLogEvidence(chapter), 12);
    expect(r.sd).toBeLessThan(1e-12);
  });

  test('rises with k toward log p(x) and stays below it on average (q = the prior)', () => {
    const q = { mean: 0, variance: 1 };
    const logPx = toyLogEvidence(chapter);
    const means = [1, 10, 100, 1000].map((k) => iwBoundSpread(chapter, q, { k, repeats: 400, seed: 5 }).mean);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
    expect(means[3]).toBeLessThan(logPx);
    expect(logPx - means[3]).toBeLessThan(0.05);
  });

  test('L_1 averages to the closed-form ELBO within its Monte Carlo error', () => {
    const q = { mean: 1.5, variance: 0.3 };
    const r = iwBoundSpread(chapter, q, { k: 1, repeats: 20_000, seed: 9 });
    expect(Math.abs(r.mean - toyElbo(chapter, q))).toBeLessThan(4 * (r.sd / Math.sqrt(20_000)));
  });

  test('agrees in distribution with the TF.js bound of math/bounds.ts (k = 10)', async () => {
    const q = { mean: 0.3, variance: 1.4 };
    const n = 4000;
    const ours = iwBoundSpread(chapter, q, { k: 10, repeats: n, seed: 11 });
    const lin = asLinear(chapter);
    const x = tf.fill([n, 1], chapter.x) as tf.Tensor2D;
    const mu = tf.fill([n, 1], q.mean) as tf.Tensor2D;
    const logvar = tf.fill([n, 1], Math.log(q.variance)) as tf.Tensor2D;
    const bound = iwBound({ mu, logvar }, linearGaussianLogLikelihood(lin, x), 10, 4);
    const theirs = Array.from(await valuesOf(bound));
    tf.dispose([x, mu, logvar, bound]);
    const tfMean = theirs.reduce((a, b) => a + b, 0) / n;
    const tfSd = Math.sqrt(theirs.reduce((a, b) => a + (b - tfMean) ** 2, 0) / (n - 1));
    const se = Math.sqrt(ours.sd ** 2 / n + tfSd ** 2 / n);
    expect(Math.abs(ours.mean - tfMean)).toBeLessThan(4 * se);
    expect(ours.sd / tfSd).toBeGreaterThan(0.9);
    expect(ours.sd / tfSd).toBeLessThan(1.1);
  });
});

test('the bound’s inner loop computes the same log weights as toyLogWeight (k = 1, one draw per repeat)', () => {
  const q = { mean: -0.4, variance: 2.2 };
  const r = iwBoundSpread(chapter, q, { k: 1, repeats: 5, seed: 21 });
  // Repeat r draws ε from stream deriveSeed(21, r) by the same Box–Muller; recompute with the slow formula.
  for (let i = 0; i < 5; i++) {
    const u = mulberry32(deriveSeed(21, i));
    const eps = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    expect(r.values[i]).toBeCloseTo(toyLogWeight(chapter, q, q.mean + Math.sqrt(q.variance) * eps), 12);
  }
});
