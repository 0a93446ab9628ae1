/**
 * The dense layers of every MLP in src/ml: values and gradients equal TF.js's own autodiff of
 * x·W + b (with and without ReLU) in both code paths (a layer wider than the batch, and not), the
 * data-input variants give x no gradient, and nothing leaks.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { dense, denseFromData, denseRelu, denseReluFromData, type DenseLayer } from '../../../src/ml/nn/dense.ts';
import { expectAllClose, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** Gradients of Σ c ⊙ f(x, W, b) for a layer f, as flat arrays [dx, dW, db]. */
async function gradsOf(f: DenseLayer, x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) {
  const c = tf.randomNormal([x.shape[0], w.shape[1]], 0, 1, 'float32', 9);
  // The layer runs inside a nested tidy, as in the models: its saved tensors must survive it.
  const g = tf.grads((xx, ww, bb) =>
    tf.sum(
      tf.mul(
        c,
        tf.tidy(() => f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D)),
      ),
    ),
  )([x, w, b]);
  c.dispose();
  return Promise.all(g.map(valuesOf));
}

const stock =
  (relu: boolean): DenseLayer =>
  (x, w, b) => {
    const z = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
    return relu ? (tf.relu(z) as tf.Tensor2D) : z;
  };

// [batch, in, out]: out ≤ batch takes the fused kernel and dz·Wᵀ; out > batch and in > batch take
// the transposed products (the VAE's 784→400 and 400→784 layers at batch 128 do).
const SHAPES = { 'narrower than the batch': [6, 3, 2], 'wider than the batch': [2, 5, 7] } as const;
const inputs = ([m, k, n]: readonly number[], seed: number) =>
  [tf.randomNormal([m, k], 0, 1, 'float32', seed), tf.randomNormal([k, n], 0, 0.7, 'float32', seed + 1), tf.randomNormal([n], 0, 0.5, 'float32', seed + 2)] as [
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
  ];

describe('dense layers with hand-written gradients', () => {
  for (const [label, shape] of Object.entries(SHAPES)) {
    test(`dense and denseRelu, ${label}: values and gradients match TF.js autodiff, even inside a nested tidy`, async () => {
      for (const [ours, relu] of [
        [dense, false],
        [denseRelu, true],
      ] as const) {
        const [X, W, B] = inputs(shape, 3);
        expectAllClose(await valuesOf(ours(X, W, B)), await valuesOf(stock(relu)(X, W, B)), 1e-5);
        const got = await gradsOf(ours, X, W, B);
        const want = await gradsOf(stock(relu), X, W, B);
        got.forEach((g, i) => expectAllClose(g, want[i], 1e-4));
        tf.dispose([X, W, B]);
      }
    });

    test(`denseFromData and denseReluFromData, ${label}: W and b get the same gradients, x none`, async () => {
      for (const [ours, relu] of [
        [denseFromData, false],
        [denseReluFromData, true],
      ] as const) {
        const [X, W, B] = inputs(shape, 11);
        expectAllClose(await valuesOf(ours(X, W, B)), await valuesOf(stock(relu)(X, W, B)), 1e-5);
        const [dx, dW, db] = await gradsOf(ours, X, W, B);
        const [, wantW, wantB] = await gradsOf(stock(relu), X, W, B);
        expect(Array.from(dx).every((v) => v === 0)).toBe(true);
        expectAllClose(dW, wantW, 1e-4);
        expectAllClose(db, wantB, 1e-4);
        tf.dispose([X, W, B]);
      }
    });
  }

  test('a layer adds exactly one tensor (its output) and its gradient leaks nothing, in both paths', () => {
    for (const shape of Object.values(SHAPES)) {
      const [X, W, B] = inputs(shape, 5);
      const before = tf.memory().numTensors;
      const y = denseRelu(X, W, B);
      expect(tf.memory().numTensors).toBe(before + 1);
      y.dispose();
      const g = tf.grads((a, c, d) => tf.sum(denseRelu(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D)))([X, W, B]);
      tf.dispose(g);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([X, W, B]);
    }
  });

  test('a two-layer network trains under optimizer.minimize (inputs of hidden layers stay alive)', () => {
    const x = tf.tensor2d([
      [0.5, -1, 2],
      [1.5, 0.25, -0.75],
    ]);
    const w1 = tf.variable(tf.randomNormal<tf.Rank.R2>([3, 4], 0, 0.5, 'float32', 1));
    const b1 = tf.variable(tf.zeros<tf.Rank.R1>([4]));
    const w2 = tf.variable(tf.randomNormal<tf.Rank.R2>([4, 1], 0, 0.5, 'float32', 2));
    const b2 = tf.variable(tf.zeros<tf.Rank.R1>([1]));
    const opt = tf.train.sgd(0.05);
    const target = tf.tensor2d([[1], [-1]]);
    const lossAt = () => tf.mean(tf.square(tf.sub(dense(denseRelu(x, w1, b1), w2, b2), target))) as tf.Scalar;
    const first = tf.tidy(() => lossAt().dataSync()[0]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) tf.dispose(opt.minimize(lossAt, true) ?? []);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.tidy(() => lossAt().dataSync()[0])).toBeLessThan(first / 2);
    opt.dispose();
    tf.dispose([x, w1, b1, w2, b2, target]);
  });
});
