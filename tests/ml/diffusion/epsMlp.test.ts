import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEpsMlp, epsMlpShapes, hostInput, silu, sinusoidalTable } from '../../../src/ml/diffusion/epsMlp.ts';
import { expectAllClose, expectNoLeak, useCpuBackend, valuesOf } from '../helpers.ts';

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

  test('trains under optimizer.minimize, holding nothing but the optimizer’s moments between steps', async () => {
    const net = createEpsMlp(cfg, 1);
    const x = tf.randomNormal([32, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
    const t = tf.tensor1d(
      Array.from({ length: 32 }, (_, i) => 1 + (i % 10)),
      'int32',
    );
    const target = tf.randomNormal([32, 2], 0, 1, 'float32', 2);
    const opt = tf.train.adam(1e-2);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let k = 0; k < 20; k++) {
      const loss = opt.minimize(() => tf.mean(tf.square(tf.sub(net.predict(x, t), target))), true, net.variables);
      losses.push((await valuesOf(loss!))[0]);
      if (k === 0) expect(tf.memory().numTensors - before).toBe(2 * net.variables.length); // only Adam's two moments per variable
    }
    expect(losses[19]).toBeLessThan(losses[0]);
    opt.dispose();
    net.dispose();
    tf.dispose([x, t, target]);
  });

  test('forwardInput on host-assembled [x_t, emb(t)] equals predict and gives the weights the same gradients', async () => {
    const net = createEpsMlp(cfg, 3);
    const x = tf.randomNormal([5, 2], 0, 1, 'float32', 4) as tf.Tensor2D;
    const t = tf.tensor1d([1, 3, 5, 7, 10], 'int32');
    const input = tf.concat([x, tf.gather(tf.tensor2d(net.timeTable, [cfg.T + 1, cfg.timeEmbedDim]), t)], 1) as tf.Tensor2D;
    expectAllClose(await valuesOf(net.forwardInput(net.variables, input)), await valuesOf(net.predict(x, t)), 1e-6);
    const gradsOf = async (f: () => tf.Tensor) => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(f())) as tf.Scalar, net.variables);
      value.dispose();
      return Promise.all(net.variables.map((v) => valuesOf(grads[v.name])));
    };
    const viaHost = await gradsOf(() => net.forwardInput(net.variables, input));
    const viaPredict = await gradsOf(() => net.predict(x, t));
    viaHost.forEach((g, i) => expectAllClose(g, viaPredict[i], 1e-5));
    net.dispose();
    tf.dispose([x, t, input]);
  });
});

describe('a network told a label (classifier-free guidance)', () => {
  const labelled = { ...cfg, timeEveryLayer: true, labels: 3 };

  test('every layer sees emb(t) and a one-hot of labels + 1 entries (the last: no label)', () => {
    expect(epsMlpShapes(labelled)).toEqual([
      [2 + 8 + 4, 16],
      [16 + 8 + 4, 16],
      [16 + 8 + 4, 2],
    ]);
  });

  test('hostInput rows [x_t, emb(t), onehot(y)] give what predict gives from x_t, t and y; another label changes the output', async () => {
    const net = createEpsMlp(labelled, 3);
    const xs = Float32Array.from([0.5, -1, 2, 0.25, 0, 1]);
    const ts = Int32Array.from([1, 4, 10]);
    const ys = Int32Array.from([0, 3, 2]);
    const row = hostInput(xs, ts, 2, net.timeTable, 8, { of: ys, classes: 3 });
    expect(Array.from(row.slice(10, 14))).toEqual([1, 0, 0, 0]); // row 0: label 0
    expect(Array.from(row.slice(14 + 10, 14 + 14))).toEqual([0, 0, 0, 1]); // row 1: no label
    const x = tf.tensor2d(xs, [3, 2]);
    const t = tf.tensor1d(ts, 'int32');
    const viaHost = await valuesOf(net.forwardInput(net.variables, tf.tensor2d(row, [3, 14])));
    expectAllClose(viaHost, await valuesOf(net.predict(x, t, tf.tensor1d(ys, 'int32'))), 1e-6);
    const other = await valuesOf(net.predict(x, t, tf.tensor1d([1, 1, 1], 'int32')));
    expect(Math.max(...other.map((v, i) => Math.abs(v - viaHost[i])))).toBeGreaterThan(1e-4);
    expect(() => net.predict(x, t)).toThrow('pass a label');
    tf.dispose([x, t]);
    net.dispose();
  });
});

describe('silu', () => {
  test('is x·σ(x), and its hand-written gradient matches autodiff and central differences', async () => {
    const xs = [-8, -2.5, -0.3, 0, 0.4, 1.7, 9];
    const x = tf.tensor1d(xs);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    expectAllClose(
      await valuesOf(silu(x)),
      xs.map((v) => v * sig(v)),
      1e-6,
    );
    const ours = await valuesOf(tf.grad((z) => tf.sum(tf.mul(silu(z), tf.range(1, 8))))(x));
    const auto = await valuesOf(tf.grad((z) => tf.sum(tf.mul(tf.mul(z, tf.sigmoid(z)), tf.range(1, 8))))(x));
    expectAllClose(ours, auto, 1e-5);
    const h = 1e-3;
    const fd = xs.map((v, i) => ((i + 1) * ((v + h) * sig(v + h) - (v - h) * sig(v - h))) / (2 * h));
    expectAllClose(ours, fd, 1e-3);
    await expectNoLeak(() => tf.grad((z) => tf.sum(silu(z)))(x));
    x.dispose();
  });
});
