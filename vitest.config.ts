import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    // TF.js greets every Node process with advice to install tfjs-node (we run WASM and CPU on purpose).
    onConsoleLog: (log) => !log.includes('looks like you are running TensorFlow.js in Node.js'),
  },
});
