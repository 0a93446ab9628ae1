/**
 * Dense layers y = x·W + b (optionally ReLU) with a hand-written gradient, for every MLP in src/ml.
 *
 * Why: TF.js's built-in matMul gradient calls matMul with transposeA/transposeB, which the WASM
 * backend runs ~10x slower than a plain matMul (toolchain notes: 2.2 vs 25 GFLOP/s); transposing
 * explicitly and then multiplying took a VAE step from 132 ms to ~32 ms. Profiling on WASM then asked for:
 * - the forward pass as one fused kernel (matmul + bias [+ ReLU]) instead of two or three;
 * - ReLU's gradient as one mask taken from the output (no cast/step of the pre-activation);
 * - the bias gradient Σ_batch dy as a 1xB matmul with ones (WASM's sum over axis 0 transposes first);
 * - a first layer whose input is data skipping dL/dx (as large as the forward product for 784→400).
 * x and W are handed to customGrad's `save` (not captured by the closure): the forward pass runs inside
 * a tidy that disposes everything it does not save, and the gradient runs after it.
 */
import * as tf from '@tensorflow/tfjs';

type Save = (tensors: tf.Tensor[]) => void;
/** x [batch, in], W [in, out], b [out] → [batch, out]. */
export type DenseLayer = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** dL/db = Σ_batch dy as onesᵀ·dy ([1, B]·[B, out]), reshaped to [out]. */
function biasGrad(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]);
}

/**
 * dL/dx = dz·Wᵀ. On WASM the right operand of a matmul is repacked (a copy) on every call with new
 * data, ~3 ns per element: Wᵀ [out, in] for the decoder's 400→784 layer costs ~1 ms, more than its
 * transpose. When `in` exceeds the batch, (W·dzᵀ)ᵀ repacks dzᵀ [out, batch] instead, for the price
 * of two transposes of batch-sized tensors; otherwise the direct product.
 */
function inputGrad(dz: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  return w.shape[0] > dz.shape[0] ? tf.transpose(tf.matMul(w, tf.transpose(dz))) : tf.matMul(dz, tf.transpose(w));
}

/**
 * Builds a layer. `relu`: y = max(0, x·W + b), whose gradient masks dy where y = 0.
 * `inputIsData`: skip dL/dx = dy·Wᵀ (a first layer's input is data). customGrad still wants a
 * gradient for x, so it gets zeros (a cheap fill).
 */
function makeLayer(relu: boolean, inputIsData: boolean): DenseLayer {
  return tf.customGrad((...args: unknown[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, Save];
    const [m, n] = [x.shape[0], w.shape[1]];
    let value: tf.Tensor2D;
    let xT: tf.Tensor2D | null = null;
    if (n > m) {
      // Wider than the batch (the VAE's 784→400 and 400→784 layers): y = (Wᵀ·xᵀ)ᵀ repacks xᵀ
      // [in, batch] rather than W [in, out] (see inputGrad), ~0.4 ms less per layer on WASM even with
      // the unfused bias and ReLU; and xᵀ is what dL/dW = xᵀ·dz needs.
      xT = tf.transpose(x);
      const yb = tf.add(tf.transpose(tf.matMul(tf.transpose(w), xT)), b) as tf.Tensor2D;
      value = relu ? (tf.relu(yb) as tf.Tensor2D) : yb;
    } else {
      // The fused kernel directly: tf.fused.matMul refuses to fuse a ReLU while gradients are being
      // recorded (its own gradient would need the pre-activation); ours needs only the output.
      // The kernel takes rank-3 operands ([1, m, k] · [1, k, n]), as tf.fused.matMul passes them.
      const a3 = tf.reshape(x, [1, m, x.shape[1]]);
      const b3 = tf.reshape(w, [1, w.shape[0], n]);
      const out = tf.engine().runKernel(
        '_FusedMatMul',
        { a: a3, b: b3, bias: b },
        {
          transposeA: false,
          transposeB: false,
          activation: relu ? 'relu' : 'linear',
        },
      ) as tf.Tensor3D;
      value = tf.reshape(out, [m, n]) as tf.Tensor2D;
    }
    // Saved: xᵀ or x (the gradient of W needs xᵀ), W, and the output for ReLU's mask.
    save([xT ?? x, w, ...(relu ? [value] : [])]);
    const transposedInput = xT != null;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
      // ReLU: the pre-activation was positive exactly where the output is.
      const dz = (ys ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
      return [
        inputIsData ? tf.zeros([m, w.shape[0]]) : inputGrad(dz, ws), //         dL/dx = dz · Wᵀ [batch, in]
        tf.matMul(transposedInput ? xs : tf.transpose(xs), dz), //              dL/dW = xᵀ · dz  [in, out]
        biasGrad(dz), //                                                       dL/db = Σ_batch dz [out]
      ];
    };
    return { value, gradFunc };
  }) as unknown as DenseLayer;
}

/** y = x·W + b; safe inside nested tidies. */
export const dense: DenseLayer = makeLayer(false, false);

/** y = ReLU(x·W + b). */
export const denseRelu: DenseLayer = makeLayer(true, false);

/** y = x·W + b for a first layer whose input x is data (no gradient for x). */
export const denseFromData: DenseLayer = makeLayer(false, true);

/** y = ReLU(x·W + b) for a first layer whose input x is data (no gradient for x). */
export const denseReluFromData: DenseLayer = makeLayer(true, true);
