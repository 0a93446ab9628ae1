import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEpsMlp, sinusoidalTable } from '../../../src/ml/diffusion/epsMlp.ts';
import { expectNoLeak, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

const cfg = { dataDim: 2, hidden: [16, 16], timeEmbedDim: 8, T: 10, timeScale: 1 };

describe('sinusoidal time embedding', () => {
  test('row t holds sin then cos of t·ω_k, ω_k = 10000^{−k/(h−1)}', () => {
    const table = sinusoidalTable(10, 4, 1); // h = 2: ω = 1, 1e-4
    expect(table[3 * 4 + 0]).toBeCloseTo(Math.sin(3), 6);
    expect(table[3 * 4 + 1]).toBeCloseTo(Math.sin(3e-4), 6);
    expect(table[3 * 4 + 2]).toBeCloseTo(Math.cos(3), 6);
    expect(table[3 * 4 + 3]).toBeCloseTo(Math.cos(3e-4), 6);
  });
});

describe('createEpsMlp', () => {
  test('maps [batch, 2] and int32 t to [batch, 2], the same for the same seed', async () => {
    const a = createEpsMlp(cfg, 5);
    const b = createEpsMlp(cfg, 5);
    const x = tf.tensor2d([0.1, 0.2, -1, 3, 0, 0], [3, 2]);
    const t = tf.tensor1d([1, 5, 10], 'int32');
    const ya = await valuesOf(a.predict(x, t));
    const yb = await valuesOf(b.predict(x, t));
    expect(ya.length).toBe(6);
    expect(Array.from(yb)).toEqual(Array.from(ya));
    await expectNoLeak(() => a.predict(x, t));
    tf.dispose([x, t]);
    a.dispose();
    b.dispose();
  });

  test('trains under optimizer.minimize when the layer inputs are kept, and frees them afterwards', async () => {
    const net = createEpsMlp(cfg, 1);
    const x = tf.randomNormal([32, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
    const t = tf.tensor1d(Array.from({ length: 32 }, (_, i) => 1 + (i % 10)), 'int32');
    const target = tf.randomNormal([32, 2], 0, 1, 'float32', 2);
    const opt = tf.train.adam(1e-2);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let k = 0; k < 20; k++) {
      const kept: tf.Tensor[] = [];
      const loss = opt.minimize(() => tf.mean(tf.square(tf.sub(net.predict(x, t, kept), target))), true, net.variables);
      tf.dispose(kept);
      losses.push((await valuesOf(loss!))[0]);
      if (k === 0) expect(tf.memory().numTensors - before).toBe(2 * net.variables.length); // only Adam's two moments per variable
    }
    expect(losses[19]).toBeLessThan(losses[0]);
    opt.dispose();
    net.dispose();
    tf.dispose([x, t, target]);
  });
});
