/** Test-set evaluation in batches (memory stays bounded), with one readback per batch. */
import * as tf from '@tensorflow/tfjs';
import { setToTensor, type MnistSet } from '../data/mnist.ts';

/**
 * Σ over the first `count` digits of `set` of what `f` returns per batch (a tensor of totals, any
 * shape: its values are summed element-wise across batches). `f(x, n, i)` gets batch i's digits
 * x [n, 784]; tensors it creates are freed after the readback.
 */
export async function sumOverBatches(set: MnistSet, count: number, batch: number, f: (x: tf.Tensor2D, n: number, i: number) => tf.Tensor): Promise<number[]> {
  let sums: number[] = [];
  for (let start = 0, i = 0; start < count; start += batch, i++) {
    const n = Math.min(batch, count - start);
    const x = setToTensor(set, n, start);
    const totals = tf.tidy(() => f(x, n, i));
    const values = await totals.data();
    if (sums.length === 0) sums = Array.from({ length: values.length }, () => 0);
    values.forEach((v, k) => (sums[k] += v));
    tf.dispose([x, totals]);
  }
  return sums;
}
