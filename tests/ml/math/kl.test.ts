import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { klDiagGaussians, klStandardNormal } from '../../../src/ml/math/kl.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';
import { expectAllClose, expectNoLeak, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** Seeded Monte Carlo estimate of KL(q ‖ p) = E_q[log q(z) − log p(z)] for 1-D Gaussians, with its standard error. */
function monteCarloKl(mu1: number, var1: number, mu2: number, var2: number, n: number, seed: number): { kl: number; se: number } {
  const eps = fillNormal(new Float32Array(n), mulberry32(seed));
  const logN = (z: number, m: number, v: number) => -0.5 * (Math.log(2 * Math.PI * v) + (z - m) ** 2 / v);
  let sum = 0;
  let sumSq = 0;
  for (const e of eps) {
    const z = mu1 + Math.sqrt(var1) * e;
    const r = logN(z, mu1, var1) - logN(z, mu2, var2);
    sum += r;
    sumSq += r * r;
  }
  const mean = sum / n;
  return { kl: mean, se: Math.sqrt((sumSq / n - mean * mean) / n) };
}

describe('klDiagGaussians', () => {
  test('agrees with a seeded Monte Carlo estimate, dimension by dimension', async () => {
    const mu1 = [0.3, -1, 2];
    const var1 = [0.5, 2, 0.1];
    const mu2 = [0, 0.5, 1.5];
    const var2 = [1, 0.7, 0.3];
    const got = await valuesOf(
      klDiagGaussians(tf.tensor2d(mu1, [1, 3]), tf.tensor2d(var1.map(Math.log), [1, 3]), tf.tensor2d(mu2, [1, 3]), tf.tensor2d(var2.map(Math.log), [1, 3])),
    );
    let kl = 0;
    let variance = 0;
    mu1.forEach((_, j) => {
      const est = monteCarloKl(mu1[j], var1[j], mu2[j], var2[j], 200_000, 11 + j);
      kl += est.kl;
      variance += est.se ** 2;
    });
    expect(Math.abs(got[0] - kl)).toBeLessThan(4 * Math.sqrt(variance));
  });

  test('is zero between identical Gaussians and positive otherwise', async () => {
    const mu = tf.tensor2d([0.2, -0.4, 1, 1], [2, 2]);
    const logvar = tf.tensor2d([0.1, -1, 0, 0.3], [2, 2]);
    expectAllClose(await valuesOf(klDiagGaussians(mu, logvar, mu, logvar)), [0, 0], 1e-6);
    const other = await valuesOf(klDiagGaussians(mu, logvar, tf.zerosLike(mu), tf.zerosLike(mu)));
    expect(Math.min(...other)).toBeGreaterThan(0);
  });

  test('leaves no tensors behind', async () => {
    const a = tf.ones([2, 3]);
    const zero = tf.zerosLike(a);
    await expectNoLeak(() => klDiagGaussians(a, a, a, zero));
    tf.dispose([a, zero]);
  });
});

describe('klStandardNormal', () => {
  test('equals the general diagonal KL with a N(0, I) second argument', async () => {
    const mu = tf.tensor2d([0.5, -1.2, 0, 2], [2, 2]);
    const logvar = tf.tensor2d([-0.5, 0.8, 0, -2], [2, 2]);
    const closed = await valuesOf(klStandardNormal(mu, logvar));
    const general = await valuesOf(klDiagGaussians(mu, logvar, tf.zerosLike(mu), tf.zerosLike(mu)));
    expectAllClose(closed, general, 1e-5);
  });

  test('matches ½ Σ (μ² + σ² − 1 − log σ²) computed by hand', async () => {
    const got = await valuesOf(klStandardNormal(tf.tensor2d([1, 0], [1, 2]), tf.tensor2d([0, Math.log(2)], [1, 2])));
    expectAllClose(got, [0.5 * (1 + 0) + 0.5 * (2 - 1 - Math.log(2))], 1e-6);
  });

  test('leaves no tensors behind', async () => {
    const a = tf.ones([2, 3]);
    await expectNoLeak(() => klStandardNormal(a, a));
    a.dispose();
  });
});
