import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { dense as linear, denseRelu as linearRelu, denseReluFromData as linearReluFromData } from '../../../src/ml/nn/dense.ts';
import { createAdam } from '../../../src/ml/optim/adam.ts';
import { expectAllClose, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** Gradients of Σ c ⊙ f(x, W, b) for a layer f, as flat arrays [dx, dW, db]. */
async function gradsOf(f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D, x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) {
  const c = tf.randomNormal([x.shape[0], w.shape[1]], 0, 1, 'float32', 9);
  // The layer runs inside a nested tidy, as in the models: its saved tensors must survive it.
  const g = tf.grads((xx, ww, bb) => tf.sum(tf.mul(c, tf.tidy(() => f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D)))))([x, w, b]);
  c.dispose();
  return Promise.all(g.map(valuesOf));
}

describe('dense layers with hand-written gradients', () => {
  const x = () => tf.tensor2d([[1, -2, 0.5], [0.3, 0.1, -1], [2, 1, 1], [-1, -1, 0.2]]);
  const w = () => tf.tensor2d([[0.2, -0.5], [0.7, 0.1], [-0.3, 0.4]]);
  const b = () => tf.tensor1d([0.1, -0.2]);
  const stock = (relu: boolean) => (xx: tf.Tensor2D, ww: tf.Tensor2D, bb: tf.Tensor1D) => {
    const z = tf.add(tf.matMul(xx, ww), bb) as tf.Tensor2D;
    return relu ? tf.relu(z) : z;
  };

  test('linear and linearRelu match the values and gradients of TF.js autodiff, even inside a nested tidy', async () => {
    for (const [ours, relu] of [[linear, false], [linearRelu, true]] as const) {
      const [X, W, B] = [x(), w(), b()];
      expectAllClose(await valuesOf(ours(X, W, B)), await valuesOf(stock(relu)(X, W, B)), 1e-6);
      const got = await gradsOf(ours, X, W, B);
      const want = await gradsOf(stock(relu), X, W, B);
      got.forEach((g, i) => expectAllClose(g, want[i], 1e-5));
      tf.dispose([X, W, B]);
    }
  });

  test('linearReluFromData gives W and b the same gradients and x none', async () => {
    const [X, W, B] = [x(), w(), b()];
    const [dx, dW, db] = await gradsOf(linearReluFromData, X, W, B);
    const [, wantW, wantB] = await gradsOf(stock(true), X, W, B);
    expect(Array.from(dx).every((v) => v === 0)).toBe(true);
    expectAllClose(dW, wantW, 1e-5);
    expectAllClose(db, wantB, 1e-5);
    tf.dispose([X, W, B]);
  });

  test('a layer adds exactly one tensor (its output) and its gradient leaks nothing', async () => {
    const [X, W, B] = [x(), w(), b()];
    const before = tf.memory().numTensors;
    const y = linearRelu(X, W, B);
    expect(tf.memory().numTensors).toBe(before + 1);
    y.dispose();
    const g = tf.grads((a, c, d) => tf.sum(linearRelu(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D)))([X, W, B]);
    tf.dispose(g);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([X, W, B]);
  });
});

describe('createAdam', () => {
  test('takes the same steps as tf.train.adam with the same constants', async () => {
    const init = [tf.tensor2d([[0.5, -1], [2, 0.1]]), tf.tensor1d([0.3, -0.7])];
    const ours = init.map((t) => tf.variable(t.clone()));
    const theirs = init.map((t) => tf.variable(t.clone()));
    const adam = createAdam(ours, { learningRate: 0.01 });
    const ref = tf.train.adam(0.01, 0.9, 0.999, 1e-8);
    const lossOf = (vs: tf.Variable[]) => () =>
      tf.add(tf.sum(tf.square(tf.sub(vs[0], 1))), tf.sum(tf.mul(tf.sin(vs[1]), 3))) as tf.Scalar;
    for (let step = 0; step < 20; step++) {
      const g = tf.variableGrads(lossOf(ours), ours);
      const list = ours.map((v) => g.grads[v.name]);
      adam.apply(list);
      tf.dispose([g.value, ...list]);
      ref.minimize(lossOf(theirs), false, theirs);
    }
    for (let i = 0; i < 2; i++) expectAllClose(ours[i].dataSync(), theirs[i].dataSync(), 1e-5);
    adam.dispose();
    ref.dispose();
    tf.dispose([...init, ...ours, ...theirs]);
  });

  test('picks up weights that were assigned from outside (a restored snapshot)', async () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const adam = createAdam([v], { learningRate: 0.1 });
    const g = tf.tensor1d([1, 1]);
    adam.apply([g]);
    v.assign(tf.tensor1d([10, 20]));
    adam.apply([g]);
    const after = Array.from(v.dataSync());
    expect(after[0]).toBeGreaterThan(9.5);
    expect(after[1]).toBeGreaterThan(19.5);
    tf.dispose([v, g]);
  });
});
