/**
 * What the examples' bundles get when src/ml imports `@tensorflow/tfjs` (an alias in
 * astro.config.mjs): the core API with the CPU and WebGL backends, as the full package provides,
 * minus tfjs-layers, tfjs-converter and tfjs-data, which src/ml never uses. WebGPU and WASM are
 * registered by src/ml/backend.ts. Node (tests, benchmarks, training) keeps the full package.
 */
export * from '@tensorflow/tfjs-core';
// The side effects the full package runs: every op's gradient, and the chained ops (x.reshape(…)).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
