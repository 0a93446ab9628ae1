import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { elbo, estimateLogPx, iwBound, logImportanceWeights, reparameterize, sampleLatents, type DiagGaussian } from '../../../src/ml/math/bounds.ts';
import {
  linearGaussianElbo,
  linearGaussianLogLikelihood,
  linearGaussianLogMarginal,
  linearGaussianPosterior,
  type LinearGaussianModel,
} from '../../../src/ml/linearGaussian.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';
import { expectNoLeak, mean, scalarOf, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** W with orthogonal columns, so the true posterior is a diagonal Gaussian. */
const model: LinearGaussianModel = {
  latentDim: 2,
  dataDim: 3,
  W: Float64Array.from([1, 2, 2, -1, 0, 0]),
  b: Float64Array.from([0, 0.5, -0.5]),
  s: 0.8,
};
const xValues = [0.3, 1.2, -0.9];
const x64 = Float64Array.from(xValues);
const logPx = linearGaussianLogMarginal(model, x64);
const post = linearGaussianPosterior(model, x64);

/** q(z|x) for one data point as tensors: [1, 2]. */
function encoder(mu: number[], variance: number[]): DiagGaussian {
  return { mu: tf.tensor2d(mu, [1, 2]), logvar: tf.tensor2d(variance.map(Math.log), [1, 2]) };
}

describe('reparameterize (eq. vae-reparam)', () => {
  test('gradients of E[f(z)] in mu and logvar match central finite differences with fixed noise', async () => {
    const L = 64;
    const eps = fillNormal(new Float32Array(L * 2), mulberry32(5));
    const f = (z: number) => Math.sin(z) + 0.5 * z * z;
    // Reference in float64: E[f(z)] ≈ (1/L) Σ f(mu + e^{logvar/2} ε), differentiated numerically.
    const expectation = (mu: number[], logvar: number[]) => {
      let s = 0;
      for (let i = 0; i < L; i++) for (let j = 0; j < 2; j++) s += f(mu[j] + Math.exp(logvar[j] / 2) * eps[i * 2 + j]);
      return s / L;
    };
    const mu0 = [0.4, -0.7];
    const lv0 = [-0.3, 0.5];
    const h = 1e-5;
    const fd = (which: 'mu' | 'lv', j: number) => {
      const up = which === 'mu' ? mu0.map((v, k) => v + (k === j ? h : 0)) : mu0;
      const dn = which === 'mu' ? mu0.map((v, k) => v - (k === j ? h : 0)) : mu0;
      const upL = which === 'lv' ? lv0.map((v, k) => v + (k === j ? h : 0)) : lv0;
      const dnL = which === 'lv' ? lv0.map((v, k) => v - (k === j ? h : 0)) : lv0;
      return (expectation(up, upL) - expectation(dn, dnL)) / (2 * h);
    };
    const epsT = tf.tensor2d(eps, [L, 2]);
    const objective = (mu: tf.Tensor, logvar: tf.Tensor) => {
      const z = reparameterize(mu, logvar, epsT);
      return tf.div(tf.sum(tf.add(tf.sin(z), tf.mul(tf.square(z), 0.5))), L);
    };
    const [gMu, gLv] = tf.grads(objective)([tf.tensor2d(mu0, [1, 2]), tf.tensor2d(lv0, [1, 2])]);
    const gradMu = await valuesOf(gMu);
    const gradLv = await valuesOf(gLv);
    for (let j = 0; j < 2; j++) {
      expect(gradMu[j]).toBeCloseTo(fd('mu', j), 4);
      expect(gradLv[j]).toBeCloseTo(fd('lv', j), 4);
    }
    epsT.dispose();
  });
});

describe('sampling helpers', () => {
  test('sampleLatents stacks draws sample-major with q tiled alongside, and leaks nothing', async () => {
    const q = encoder([5, -5], [1e-6, 1e-6]); // nearly deterministic: every draw ≈ mu
    const { z, muRep, logvarRep } = sampleLatents(q, 3, 1);
    expect(z.shape).toEqual([3, 2]);
    expect(muRep.shape).toEqual([3, 2]);
    expect(Array.from(await valuesOf(z)).map(Math.round)).toEqual([5, -5, 5, -5, 5, -5]);
    tf.dispose([muRep, logvarRep]);
    await expectNoLeak(() => sampleLatents(q, 3, 1));
    const eps = tf.ones([1, 2]);
    await expectNoLeak(() => reparameterize(q.mu, q.logvar, eps));
    const x = tf.tensor2d(xValues, [1, 3]);
    await expectNoLeak(() => logImportanceWeights(q, linearGaussianLogLikelihood(model, x), 4, 2));
    tf.dispose([q.mu, q.logvar, eps, x]);
  });
});

describe('elbo', () => {
  test('the L-sample Monte Carlo ELBO agrees with the exact ELBO of the linear-Gaussian model', async () => {
    const mu = [0.2, -0.1];
    const variance = [0.3, 0.6];
    const q = encoder(mu, variance);
    const x = tf.tensor2d(xValues, [1, 3]);
    const terms = elbo(q, linearGaussianLogLikelihood(model, x), 20_000, 3);
    const exact = linearGaussianElbo(model, x64, Float64Array.from(mu), Float64Array.from(variance));
    const value = await scalarOf(terms.elbo);
    const rec = await scalarOf(terms.reconstruction);
    const kl = await scalarOf(terms.kl);
    expect(value).toBeCloseTo(rec - kl, 4);
    expect(Math.abs(value - exact)).toBeLessThan(0.05);
    tf.dispose([q.mu, q.logvar, x]);
  });

  test('leaves no tensors behind', async () => {
    const q = encoder([0, 0], [1, 1]);
    const x = tf.tensor2d(xValues, [1, 3]);
    await expectNoLeak(() => elbo(q, linearGaussianLogLikelihood(model, x), 4, 1));
    tf.dispose([q.mu, q.logvar, x]);
  });
});

describe('iwBound (Burda et al. 2015)', () => {
  test('equals log p(x) for every k when q is the true posterior (all weights equal p(x))', async () => {
    const q = encoder(Array.from(post.mean), [post.cov[0], post.cov[3]]);
    const x = tf.tensor2d(xValues, [1, 3]);
    for (const k of [1, 7]) {
      expect(Math.abs((await scalarOf(iwBound(q, linearGaussianLogLikelihood(model, x), k, 9))) - logPx)).toBeLessThan(1e-4);
    }
    tf.dispose([q.mu, q.logvar, x]);
  });

  test('rises with k on average over seeds and approaches log p(x)', async () => {
    // A poor q (shifted, three times too wide): the gap log p(x) − L_k shrinks as k grows.
    const q = encoder([post.mean[0] + 0.1, post.mean[1] - 0.1], [post.cov[0] * 3, post.cov[3] * 3]);
    const x = tf.tensor2d(xValues, [1, 3]);
    const lik = linearGaussianLogLikelihood(model, x);
    const averages: number[] = [];
    for (const k of [1, 4, 16, 64]) {
      const values: number[] = [];
      for (let seed = 0; seed < 40; seed++) values.push(await scalarOf(iwBound(q, lik, k, 100 + seed)));
      averages.push(mean(values));
    }
    for (let i = 1; i < averages.length; i++) expect(averages[i]).toBeGreaterThan(averages[i - 1]);
    // A bound in expectation: the seed average may overshoot log p(x) only by its sampling noise.
    expect(averages[averages.length - 1]).toBeLessThan(logPx + 0.01);
    expect(logPx - averages[averages.length - 1]).toBeLessThan(0.25 * (logPx - averages[0]));
    tf.dispose([q.mu, q.logvar, x]);
  });

  test('leaves no tensors behind', async () => {
    const q = encoder([0, 0], [1, 1]);
    const x = tf.tensor2d(xValues, [1, 3]);
    await expectNoLeak(() => iwBound(q, linearGaussianLogLikelihood(model, x), 5, 1));
    tf.dispose([q.mu, q.logvar, x]);
  });
});

describe('estimateLogPx', () => {
  test('with k = 1000 in chunks of 100 recovers log p(x) for a reasonable proposal', async () => {
    // Proposal close to the posterior: the estimate's standard deviation is about 0.008 here.
    const q = encoder([post.mean[0] + 0.05, post.mean[1] - 0.05], [post.cov[0] * 1.2, post.cov[3] * 1.2]);
    const x = tf.tensor2d(xValues, [1, 3]);
    const estimate = await scalarOf(estimateLogPx(q, linearGaussianLogLikelihood(model, x), 4, { samples: 1000, chunk: 100 }));
    expect(Math.abs(estimate - logPx)).toBeLessThan(0.03);
    tf.dispose([q.mu, q.logvar, x]);
  });

  test('returns one value per data point and leaves no tensors behind', async () => {
    const q: DiagGaussian = { mu: tf.zeros([2, 2]), logvar: tf.zeros([2, 2]) };
    const x = tf.tensor2d([...xValues, ...xValues], [2, 3]);
    const lik = linearGaussianLogLikelihood(model, x);
    const out = estimateLogPx(q, lik, 1, { samples: 50, chunk: 20 });
    expect(out.shape).toEqual([2]);
    out.dispose();
    await expectNoLeak(() => estimateLogPx(q, lik, 1, { samples: 50, chunk: 20 }));
    tf.dispose([q.mu, q.logvar, x]);
  });
});
