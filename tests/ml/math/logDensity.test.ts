import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, test } from 'vitest';
import { logBernoulliLogits, logNormalDiag, logStandardNormal } from '../../../src/ml/math/logDensity.ts';
import { expectAllClose, expectNoLeak, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

describe('logNormalDiag', () => {
  test('sums the per-dimension Gaussian log-densities of each row', async () => {
    const x = [0.5, -1, 2, 0];
    const mu = [0, 0.5, 1, -1];
    const logvar = [0, Math.log(4), Math.log(0.25), 1];
    const perDim = x.map((xi, i) => -0.5 * (Math.log(2 * Math.PI) + logvar[i] + (xi - mu[i]) ** 2 / Math.exp(logvar[i])));
    const got = await valuesOf(logNormalDiag(tf.tensor2d(x, [2, 2]), tf.tensor2d(mu, [2, 2]), tf.tensor2d(logvar, [2, 2])));
    expectAllClose(got, [perDim[0] + perDim[1], perDim[2] + perDim[3]], 1e-5);
  });

  test('with zero mean and zero log-variance equals the standard normal log-density', async () => {
    const z = tf.tensor2d([0.3, -2, 1.5, 0.1, 0, 4], [2, 3]);
    const a = await valuesOf(logNormalDiag(z, tf.zerosLike(z), tf.zerosLike(z)));
    const b = await valuesOf(logStandardNormal(z));
    expectAllClose(a, b, 1e-5);
  });

  test('leaves no tensors behind', async () => {
    const x = tf.ones([3, 2]);
    const logvar = tf.scalar(0.5);
    await expectNoLeak(() => logNormalDiag(x, x, logvar));
    await expectNoLeak(() => logStandardNormal(x));
    tf.dispose([x, logvar]);
  });
});

describe('logBernoulliLogits', () => {
  test('equals x log σ(l) + (1 − x) log(1 − σ(l)) for moderate logits', async () => {
    const x = [1, 0, 0.3, 1];
    const l = [2, -1, 0.5, -3];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const perDim = x.map((xi, i) => xi * Math.log(sig(l[i])) + (1 - xi) * Math.log(1 - sig(l[i])));
    const got = await valuesOf(logBernoulliLogits(tf.tensor2d(x, [2, 2]), tf.tensor2d(l, [2, 2])));
    expectAllClose(got, [perDim[0] + perDim[1], perDim[2] + perDim[3]], 1e-5);
  });

  test('stays finite and exact for saturated logits (log σ(l) = −softplus(−l))', async () => {
    // x = 1 with l = 100: log σ(100) ≈ −e^{−100} ≈ 0; x = 0 with l = 100: log(1 − σ(100)) = −100.
    const got = await valuesOf(logBernoulliLogits(tf.tensor2d([1, 0, 0, 1], [4, 1]), tf.tensor2d([100, 100, -100, -100], [4, 1])));
    expectAllClose(got, [0, -100, 0, -100], 1e-4);
  });

  test('leaves no tensors behind', async () => {
    const x = tf.ones([3, 2]);
    await expectNoLeak(() => logBernoulliLogits(x, x));
    x.dispose();
  });
});
