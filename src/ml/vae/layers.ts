/**
 * Dense layers for the VAE and HVAE: y = x·W + b (optionally ReLU) with a hand-written gradient.
 *
 * Like nn/dense.ts (explicit transposes in the gradient, since TF.js's built-in matMul gradient uses
 * transposeA/B, ~10x slower on WASM; inputs handed to customGrad's `save` so that nested tidies
 * cannot free them before backprop), plus what profiling the VAE step on WASM asked for:
 * - the forward pass is one fused kernel (matmul + bias [+ ReLU]) instead of two or three;
 * - ReLU's gradient is one mask taken from the output (no cast/step of the pre-activation);
 * - the bias gradient Σ_batch dy is a 1xB matmul with ones (WASM's sum over axis 0 transposes first);
 * - a first layer whose input is data skips dL/dx (as large as the forward product for 784→400).
 */
import * as tf from '@tensorflow/tfjs';

type Save = (tensors: tf.Tensor[]) => void;
type Layer = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** dL/db = Σ_batch dy as onesᵀ·dy ([1, B]·[B, out]), reshaped to [out]. */
function biasGrad(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]);
}

/**
 * Builds a layer. `relu`: y = max(0, x·W + b), whose gradient masks dy where y = 0.
 * `inputIsData`: skip dL/dx = dy·Wᵀ (a first layer's input is data; for the VAE's 784→400 encoder
 * layer that product costs as much as the forward one). customGrad still wants a gradient for x,
 * so it gets zeros (a cheap fill).
 */
function makeLayer(relu: boolean, inputIsData: boolean): Layer {
  return tf.customGrad((...args: unknown[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, Save];
    // The fused kernel directly: tf.fused.matMul refuses to fuse a ReLU while gradients are being
    // recorded (its own gradient would need the pre-activation); ours needs only the output.
    // The kernel takes rank-3 operands ([1, m, k] · [1, k, n]), as tf.fused.matMul passes them.
    const [m, n] = [x.shape[0], w.shape[1]];
    const a3 = tf.reshape(x, [1, m, x.shape[1]]);
    const b3 = tf.reshape(w, [1, w.shape[0], n]);
    const out = tf.engine().runKernel('_FusedMatMul', { a: a3, b: b3, bias: b }, {
      transposeA: false,
      transposeB: false,
      activation: relu ? 'relu' : 'linear',
    }) as tf.Tensor3D;
    const value = tf.reshape(out, [m, n]) as tf.Tensor2D;
    save(relu ? [x, w, value] : [x, w]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
      // ReLU: the pre-activation was positive exactly where the output is.
      const dz = (ys ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
      return [
        inputIsData ? tf.zerosLike(xs) : tf.matMul(dz, tf.transpose(ws)), // dL/dx = dz · Wᵀ [batch, in]
        tf.matMul(tf.transpose(xs), dz), //                                 dL/dW = xᵀ · dz  [in, out]
        biasGrad(dz), //                                                    dL/db = Σ_batch dz [out]
      ];
    };
    return { value, gradFunc };
  }) as unknown as Layer;
}

/** y = x·W + b; safe inside nested tidies. */
export const linear: Layer = makeLayer(false, false);

/** y = ReLU(x·W + b). */
export const linearRelu: Layer = makeLayer(true, false);

/** y = ReLU(x·W + b) for a first layer whose input x is data (no gradient for x). */
export const linearReluFromData: Layer = makeLayer(true, true);
