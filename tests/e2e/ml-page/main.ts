/**
 * A test page that runs src/ml in the browser, with the WASM binaries self-hosted as the site
 * will (Vite `?url` imports). The e2e test calls `window.mlChecks.run(forced)`.
 */
import * as tf from '@tensorflow/tfjs';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, type BackendName } from '../../../src/ml/backend.ts';
import { dense } from '../../../src/ml/nn/dense.ts';
import { klStandardNormal } from '../../../src/ml/math/kl.ts';

const wasmPaths = {
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

/** A small computation touching the ops the models use: dense forward and backward, ReLU, KL. */
async function compute(): Promise<number[]> {
  const out = tf.tidy(() => {
    const x = tf.tensor2d([0.5, -1, 2, 1.5, 0.25, -0.75, 0.3, 0.9, -0.4], [3, 3]);
    const w = tf.tensor2d([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 0.05, -0.15, 0.25], [3, 4]);
    const b = tf.tensor1d([0.05, -0.1, 0.2, 0]);
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
      const h = tf.relu(dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D));
      const [mu, logvar] = tf.split(h, 2, 1);
      return tf.sum(klStandardNormal(mu, tf.sub(logvar, 0.3)));
    };
    const { value, grads } = tf.valueAndGrads(f)([x, w, b]);
    return tf.concat([value.reshape([1]), ...grads.map((g) => g.flatten())]);
  });
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

async function run(forced?: BackendName) {
  await tf.setBackend('cpu');
  const reference = await compute();
  const report = await initBackend({ preferred: forced, wasmPaths });
  const values = await compute();
  const maxAbsDiff = Math.max(...values.map((v, i) => Math.abs(v - reference[i])));
  return { backend: report.backend, adapter: report.adapter, warnings: report.warnings, fallbackReason: report.fallbackReason ?? null, maxAbsDiff, n: values.length };
}

(window as unknown as { mlChecks: unknown }).mlChecks = { run };
document.body.dataset.ready = 'true';
