import * as tf from '@tensorflow/tfjs';

/**
 * y = x·W + b with a hand-written gradient.
 *
 * Why: TF.js's built-in matMul gradient calls matMul with transposeA/transposeB, which the WASM
 * backend runs ~10x slower than a plain matMul (toolchain notes: 2.2 vs 25 GFLOP/s). Transposing
 * explicitly and then multiplying takes a VAE step from 132 ms to ~32 ms.
 *
 * x and W are handed to `save` (not captured by the closure): the forward pass runs inside a
 * tidy that disposes everything it does not save, and the gradient runs after it.
 */
export const dense = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
  save([x, w]);
  const value = tf.add(tf.matMul(x, w), b);
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
    const dy2 = dy as tf.Tensor2D;
    return [
      tf.matMul(dy2, tf.transpose(ws)), // dL/dx = dy · Wᵀ    [batch, in]
      tf.matMul(tf.transpose(xs), dy2), // dL/dW = xᵀ · dy    [in, out]
      tf.sum(dy2, 0), //                   dL/db = Σ_batch dy  [out]
    ];
  };
  return { value, gradFunc };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
