import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disposeScheduleTensors, marginalCoefficients, qPosterior, qSample, qSampleHost, scheduleTensors } from '../../../src/ml/diffusion/forward.ts';
import { makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';
import { expectAllClose, expectNoLeak, mean, useCpuBackend, valuesOf, variance } from '../helpers.ts';

const schedule = makeSchedule('linear', 50, 1e-3, 0.05);
let st: ReturnType<typeof scheduleTensors>;

beforeAll(async () => {
  await useCpuBackend();
  st = scheduleTensors(schedule);
});
afterAll(() => disposeScheduleTensors(st));

describe('qSample (eq. vdm-forward-marginal)', () => {
  test('its samples have the mean and variance of iterating q(x_t|x_{t−1}) step by step', async () => {
    const n = 20_000;
    const t = 30;
    const x0 = 1.5;
    // Independent computation: run the chain x_s = √α_s x_{s−1} + √(1 − α_s) ε_s for s = 1 … t.
    const chain = new Float64Array(n).fill(x0);
    const u = mulberry32(21);
    const e = new Float32Array(n);
    for (let s = 1; s <= t; s++) {
      fillNormal(e, u);
      for (let i = 0; i < n; i++) chain[i] = Math.sqrt(schedule.alpha[s]) * chain[i] + Math.sqrt(schedule.beta[s]) * e[i];
    }
    const xs = await valuesOf(
      qSample(tf.fill([n, 1], x0) as tf.Tensor2D, tf.fill([n], t, 'int32') as tf.Tensor1D, tf.randomNormal([n, 1], 0, 1, 'float32', 4) as tf.Tensor2D, st),
    );
    // Standard errors at n = 20,000: about 0.007 for the means, 0.01 for the variances.
    expect(Math.abs(mean(xs) - mean(chain))).toBeLessThan(0.03);
    expect(Math.abs(variance(xs) - variance(chain))).toBeLessThan(0.04);
    expect(mean(chain)).toBeCloseTo(Math.sqrt(schedule.alphaBar[t]) * x0, 1);
  });

  test('uses √ᾱ_t and √(1 − ᾱ_t) of each example’s own t', async () => {
    const x0 = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const eps = tf.tensor2d([0.5, -0.5, 1, 0], [2, 2]);
    const t = tf.tensor1d([1, 40], 'int32');
    const got = await valuesOf(qSample(x0, t, eps, st));
    const a = (k: number) => Math.sqrt(schedule.alphaBar[k]);
    const b = (k: number) => Math.sqrt(1 - schedule.alphaBar[k]);
    expectAllClose(got, [a(1) * 1 + b(1) * 0.5, a(1) * 2 - b(1) * 0.5, a(40) * 3 + b(40) * 1, a(40) * 4], 1e-5);
    await expectNoLeak(() => qSample(x0, t, eps, st));
    tf.dispose([x0, eps, t]);
  });

  test('the host twin qSampleHost gives the same hand values, and agrees with the tensor version on 3 × 64 random rows', async () => {
    const c = marginalCoefficients(schedule);
    const a = (k: number) => Math.sqrt(schedule.alphaBar[k]);
    const b = (k: number) => Math.sqrt(1 - schedule.alphaBar[k]);
    const got = qSampleHost(c, Float32Array.from([1, 2, 3, 4]), Int32Array.from([1, 40]), Float32Array.from([0.5, -0.5, 1, 0]), 2);
    expectAllClose(got, [a(1) * 1 + b(1) * 0.5, a(1) * 2 - b(1) * 0.5, a(40) * 3 + b(40) * 1, a(40) * 4], 1e-6);
    const u = mulberry32(9);
    const [n, dim] = [64, 3];
    const x0 = fillNormal(new Float32Array(n * dim), u);
    const eps = fillNormal(new Float32Array(n * dim), u);
    const t = Int32Array.from({ length: n }, () => 1 + Math.floor(u() * schedule.T));
    const inputs = [tf.tensor2d(x0, [n, dim]), tf.tensor1d(t, 'int32'), tf.tensor2d(eps, [n, dim])] as const;
    expectAllClose(qSampleHost(c, x0, t, eps, dim), await valuesOf(qSample(...inputs, st)), 1e-5);
    tf.dispose([...inputs]);
  });
});

describe('scheduleTensors', () => {
  test('uploads tables indexed by t and frees them all', async () => {
    const before = tf.memory().numTensors;
    const tables = scheduleTensors(schedule);
    expect(tables.sqrtAlphaBar.shape).toEqual([schedule.T + 1]);
    expect((await tables.sqrtAlphaBar.data())[7]).toBeCloseTo(Math.sqrt(schedule.alphaBar[7]), 6);
    disposeScheduleTensors(tables);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('qPosterior (eq. vdm-posterior)', () => {
  test('mean and variance equal q(x_t|x_{t−1}) q(x_{t−1}|x_0) normalized on a 1-D grid (Bayes rule)', async () => {
    const t = 10;
    const [x0, xt] = [0.8, -0.3];
    const logN = (x: number, m: number, v: number) => -((x - m) ** 2) / (2 * v) - 0.5 * Math.log(v);
    // Unnormalized posterior density of x_{t−1} on a fine grid, then its moments.
    const lo = -6;
    const h = 1e-4;
    let z = 0;
    let m1 = 0;
    let m2 = 0;
    for (let x = lo; x <= 6; x += h) {
      const p = Math.exp(
        logN(xt, Math.sqrt(schedule.alpha[t]) * x, schedule.beta[t]) + logN(x, Math.sqrt(schedule.alphaBar[t - 1]) * x0, 1 - schedule.alphaBar[t - 1]),
      );
      z += p;
      m1 += p * x;
      m2 += p * x * x;
    }
    const gridMean = m1 / z;
    const gridVar = m2 / z - gridMean ** 2;
    const post = qPosterior(tf.tensor2d([xt], [1, 1]), tf.tensor2d([x0], [1, 1]), tf.tensor1d([t], 'int32'), st);
    expect((await valuesOf(post.mean))[0]).toBeCloseTo(gridMean, 4);
    expect((await valuesOf(post.variance))[0]).toBeCloseTo(gridVar, 5);
  });

  test('leaves no tensors behind', async () => {
    const x = tf.ones([3, 2]) as tf.Tensor2D;
    const t = tf.tensor1d([2, 3, 4], 'int32');
    await expectNoLeak(() => qPosterior(x, x, t, st));
    tf.dispose([x, t]);
  });
});
