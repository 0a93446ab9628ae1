/**
 * The TF.js WASM binaries, self-hosted: importing this from a worker makes Vite emit the three
 * .wasm files next to its bundle and gives initBackend their URLs (never a CDN).
 */
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};
