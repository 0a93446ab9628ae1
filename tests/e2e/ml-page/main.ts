/**
 * A test page that runs src/ml in the browser, with the WASM binaries self-hosted as the site
 * will (Vite `?url` imports). The e2e test calls `window.mlChecks.run(forced)`.
 */
import * as tf from '@tensorflow/tfjs';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, type BackendName } from '../../../src/ml/backend.ts';
import { dense, denseRelu } from '../../../src/ml/nn/dense.ts';
import { klStandardNormal } from '../../../src/ml/math/kl.ts';

const wasmPaths = {
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

/**
 * Shapes that take each branch of dense (src/ml/nn/dense.ts): its forward pass fuses matmul, bias and
 * ReLU into one kernel only when out ≤ batch, and its dL/dx transposes only when in > batch.
 */
const CASES = [
  { name: 'out > batch (transposed product)', batch: 3, inDim: 3, outDim: 4 },
  { name: 'out ≤ batch (fused kernel)', batch: 6, inDim: 3, outDim: 4 },
  { name: 'in > batch (transposed dL/dx)', batch: 2, inDim: 5, outDim: 4 },
] as const;
type Case = (typeof CASES)[number];

/** Deterministic, sign-mixed test values. */
const wave = (n: number, phase: number, scale: number) => Array.from({ length: n }, (_, i) => scale * Math.sin(1.3 * i + phase));

/**
 * The ops the models use on one shape: dense and denseRelu forward and backward, then the KL of
 * eq. vae-kl on the ReLU output; returns the loss and its gradients for x, W and b, flattened.
 */
async function compute({ batch, inDim, outDim }: Case): Promise<number[]> {
  const out = tf.tidy(() => {
    const x = tf.tensor2d(wave(batch * inDim, 0.7, 1.2), [batch, inDim]);
    const w = tf.tensor2d(wave(inDim * outDim, 0.2, 0.6), [inDim, outDim]);
    const b = tf.tensor1d(wave(outDim, 1.1, 0.2));
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
      const [x2, w2, b1] = [xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D];
      const [mu, logvar] = tf.split(denseRelu(x2, w2, b1), 2, 1);
      return tf.add(tf.sum(klStandardNormal(mu, tf.sub(logvar, 0.3))), tf.mul(tf.sum(tf.square(dense(x2, w2, b1))), 0.5));
    };
    const { value, grads } = tf.valueAndGrads(f)([x, w, b]);
    return tf.concat([value.reshape([1]), ...grads.map((g) => g.flatten())]);
  });
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

/** Whether dense's forward pass on this shape ran the fused matmul kernel (on the current backend). */
async function usesFusedKernel({ batch, inDim, outDim }: Case): Promise<boolean> {
  const info = await tf.profile(() => {
    tf.tidy(() => {
      dense(tf.ones([batch, inDim]) as tf.Tensor2D, tf.ones([inDim, outDim]) as tf.Tensor2D, tf.zeros([outDim]) as tf.Tensor1D);
    });
  });
  return info.kernelNames.includes('_FusedMatMul');
}

async function run(forced?: BackendName) {
  await tf.setBackend('cpu');
  const reference = await Promise.all(CASES.map(compute));
  const report = await initBackend({ preferred: forced, wasmPaths });
  const cases = [];
  for (const [k, c] of CASES.entries()) {
    const values = await compute(c);
    const maxAbsDiff = Math.max(...values.map((v, i) => Math.abs(v - reference[k][i])));
    cases.push({ ...c, n: values.length, maxAbsDiff, fused: await usesFusedKernel(c) });
  }
  const maxAbsDiff = Math.max(...cases.map((c) => c.maxAbsDiff));
  return { backend: report.backend, adapter: report.adapter, warnings: report.warnings, fallbackReason: report.fallbackReason ?? null, maxAbsDiff, cases };
}

(window as unknown as { mlChecks: unknown }).mlChecks = { run };
export type MlCheckResult = Awaited<ReturnType<typeof run>>;
document.body.dataset.ready = 'true';
