/** The fast dense layer computes x·W + b, and its gradient equals TF.js's own (finite differences too). */
import { test, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { dense } from '../../../src/ml/nn/dense.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () => tf.tensor2d([[0.5, -1, 2], [1.5, 0.25, -0.75]]);
const w = () => tf.tensor2d([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]);
const b = () => tf.tensor1d([0.05, -0.1]);

test('the forward pass is x·W + b', () => {
  const y = dense(x(), w(), b());
  expect(Array.from(y.dataSync())).toEqual(Array.from(tf.add(tf.matMul(x(), w()), b()).dataSync()));
});

test('gradients with respect to x, W and b match the built-in matMul gradient', () => {
  const loss = (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
    tf.sum(tf.square(f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D)));
  const ours = tf.grads(loss(dense))([x(), w(), b()]);
  const reference = tf.grads(loss((xx, ww, bb) => tf.add(tf.matMul(xx, ww), bb)))([x(), w(), b()]);
  ours.forEach((g, i) => {
    const diff = tf.max(tf.abs(tf.sub(g, reference[i]))).dataSync()[0];
    expect(diff).toBeLessThan(1e-5);
  });
});

test('a two-layer network trains under optimizer.minimize (inputs of hidden layers stay alive)', () => {
  const w1 = tf.variable(tf.randomNormal<tf.Rank.R2>([3, 4], 0, 0.5, 'float32', 1));
  const b1 = tf.variable(tf.zeros<tf.Rank.R1>([4]));
  const w2 = tf.variable(tf.randomNormal<tf.Rank.R2>([4, 1], 0, 0.5, 'float32', 2));
  const b2 = tf.variable(tf.zeros<tf.Rank.R1>([1]));
  const opt = tf.train.sgd(0.05);
  const target = tf.tensor2d([[1], [-1]]);
  const lossAt = () => tf.mean(tf.square(tf.sub(dense(tf.relu(dense(x(), w1, b1)), w2, b2), target))) as tf.Scalar;
  const first = lossAt().dataSync()[0];
  const before = tf.memory().numTensors;
  for (let i = 0; i < 50; i++) tf.dispose(opt.minimize(lossAt, true) ?? []);
  expect(tf.memory().numTensors).toBe(before);
  expect(lossAt().dataSync()[0]).toBeLessThan(first / 2);
});
