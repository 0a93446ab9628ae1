import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  klDiagToFull,
  linearGaussianElbo,
  linearGaussianLogLikelihood,
  linearGaussianLogMarginal,
  linearGaussianPosterior,
  type LinearGaussianModel,
} from '../../../src/ml/linearGaussian.ts';
import { expectAllClose, expectNoLeak, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

const logN = (x: number, m: number, v: number) => -0.5 * (Math.log(2 * Math.PI * v) + (x - m) ** 2 / v);

/** One latent dimension, two data dimensions: small enough to integrate over z on a grid. */
const oneLatent: LinearGaussianModel = { latentDim: 1, dataDim: 2, W: Float64Array.from([1.5, -0.7]), b: Float64Array.from([0.2, 0.1]), s: 0.6 };
/** Two latents, three data dimensions, a general (non-orthogonal) W. */
const general: LinearGaussianModel = {
  latentDim: 2,
  dataDim: 3,
  W: Float64Array.from([1.0, 0.4, -0.5, 1.2, 0.3, -0.8]),
  b: Float64Array.from([0.1, -0.2, 0.3]),
  s: 0.5,
};
/** W with orthogonal columns: the true posterior is diagonal, so a diagonal q can equal it. */
const orthogonal: LinearGaussianModel = {
  latentDim: 2,
  dataDim: 3,
  W: Float64Array.from([1, 2, 2, -1, 0, 0]),
  b: Float64Array.from([0, 0.5, -0.5]),
  s: 0.8,
};

/** ∫ g(z) dz over a fine 1-D grid (trapezoid rule), for the integrals below. */
function integrate(g: (z: number) => number, lo = -10, hi = 10, n = 40_001): number {
  const h = (hi - lo) / (n - 1);
  let s = 0;
  for (let i = 0; i < n; i++) s += (i === 0 || i === n - 1 ? 0.5 : 1) * g(lo + i * h);
  return s * h;
}

describe('linear-Gaussian model', () => {
  const x = Float64Array.from([1.1, -0.4]);
  const joint = (z: number) => Math.exp(logN(z, 0, 1) + logN(x[0], 1.5 * z + 0.2, 0.36) + logN(x[1], -0.7 * z + 0.1, 0.36));

  test('log p(x) equals the log of ∫ p(x|z) p(z) dz integrated numerically', () => {
    expect(linearGaussianLogMarginal(oneLatent, x)).toBeCloseTo(Math.log(integrate(joint)), 8);
  });

  test('the posterior mean and variance equal those of p(x|z)p(z) normalized on a grid (Bayes rule)', () => {
    const px = integrate(joint);
    const mean = integrate((z) => z * joint(z)) / px;
    const variance = integrate((z) => (z - mean) ** 2 * joint(z)) / px;
    const post = linearGaussianPosterior(oneLatent, x);
    expect(post.mean[0]).toBeCloseTo(mean, 8);
    expect(post.cov[0]).toBeCloseTo(variance, 8);
  });

  test('ELBO = log p(x) − KL(q ‖ p(z|x)) to 1e-4 for arbitrary diagonal Gaussians q (eq. elbo-kl-decomposition)', () => {
    const x3 = Float64Array.from([0.7, -1.3, 0.4]);
    const logPx = linearGaussianLogMarginal(general, x3);
    const post = linearGaussianPosterior(general, x3);
    const qs: Array<[number[], number[]]> = [
      [
        [0, 0],
        [1, 1],
      ],
      [
        [0.5, -0.3],
        [0.2, 0.05],
      ],
      [
        [-2, 1.5],
        [3, 0.5],
      ],
    ];
    for (const [mu, variance] of qs) {
      const m = Float64Array.from(mu);
      const v = Float64Array.from(variance);
      const elbo = linearGaussianElbo(general, x3, m, v);
      expect(Math.abs(elbo - (logPx - klDiagToFull(m, v, post)))).toBeLessThan(1e-4);
      expect(elbo).toBeLessThan(logPx);
    }
  });

  test('the ELBO reaches log p(x) exactly when q is the true posterior', () => {
    const x3 = Float64Array.from([0.3, 1.2, -0.9]);
    const post = linearGaussianPosterior(orthogonal, x3);
    expect(Math.abs(post.cov[1])).toBeLessThan(1e-12); // orthogonal columns: diagonal posterior
    const elbo = linearGaussianElbo(orthogonal, x3, post.mean, Float64Array.from([post.cov[0], post.cov[3]]));
    expect(Math.abs(elbo - linearGaussianLogMarginal(orthogonal, x3))).toBeLessThan(1e-4);
  });

  test('the TF log-likelihood callback matches log N(x; Wz + b, s²I) for stacked samples', async () => {
    const xs = tf.tensor2d([1.1, -0.4, 0.0, 0.5], [2, 2]);
    const z = tf.tensor2d([0.3, -1, 2, 0.1], [4, 1]); // 2 samples × 2 data points, sample-major
    const got = await valuesOf(linearGaussianLogLikelihood(oneLatent, xs)(z, 2));
    const data = [
      [1.1, -0.4],
      [0.0, 0.5],
    ];
    const expected = [0.3, -1, 2, 0.1].map((zi, r) => {
      const xi = data[r % 2];
      return logN(xi[0], 1.5 * zi + 0.2, 0.36) + logN(xi[1], -0.7 * zi + 0.1, 0.36);
    });
    expectAllClose(got, expected, 1e-4);
    await expectNoLeak(() => linearGaussianLogLikelihood(oneLatent, xs)(z, 2));
    tf.dispose([xs, z]);
  });
});
