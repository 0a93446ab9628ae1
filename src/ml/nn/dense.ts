import * as tf from '@tensorflow/tfjs';

/**
 * y = x·W + b with a hand-written gradient.
 *
 * Why: TF.js's built-in matMul gradient calls matMul with transposeA/transposeB, which the WASM
 * backend runs ~10x slower than a plain matMul (toolchain notes: 2.2 vs 25 GFLOP/s). Transposing
 * explicitly and then multiplying takes a VAE step from 132 ms to ~32 ms.
 */
export const dense = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => {
  const value = tf.add(tf.matMul(x, w), b);
  const gradFunc = (dy: tf.Tensor) => {
    const dy2 = dy as tf.Tensor2D;
    return [
      tf.matMul(dy2, tf.transpose(w)), // dL/dx = dy · Wᵀ   [batch, in]
      tf.matMul(tf.transpose(x), dy2), // dL/dW = xᵀ · dy   [in, out]
      tf.sum(dy2, 0), //                  dL/db = Σ_batch dy [out]
    ];
  };
  return { value, gradFunc };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
