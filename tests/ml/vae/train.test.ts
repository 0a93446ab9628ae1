import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { createBatcher, type MnistSet } from '../../../src/ml/data/mnist.ts';
import { loadMnistAssetsFromDir } from '../../../src/node/mnist.ts';
import { createTrainer, type TrainMetrics } from '../../../src/ml/train/trainer.ts';
import { createVae } from '../../../src/ml/vae/model.ts';
import { initBackend } from '../../../src/ml/backend.ts';

let train: MnistSet;
beforeAll(async () => {
  // WASM: the same kernels as the benchmark, and ~10x faster than the CPU backend.
  await initBackend({ candidates: ['wasm'] });
  train = (await loadMnistAssetsFromDir(fileURLToPath(new URL('../../../public/data/', import.meta.url)))).train;
});

/** A seeded run of a small VAE (784-64-4, batch 32) on the shipped digits; returns its reports. */
async function run(seed: number, steps: number) {
  const reports: TrainMetrics[] = [];
  const batcher = createBatcher(train, 32, seed);
  const trainer = createTrainer((s) => createVae({ seed: s, config: { hiddenDim: 64, latentDim: 4, batchSize: 32 }, nextBatch: () => batcher.next() }), {
    seed,
    reportEvery: 10,
    onMetrics: (m) => reports.push(m),
  });
  const before = tf.memory().numTensors;
  const summary = await trainer.start(steps);
  const after = tf.memory().numTensors;
  trainer.dispose();
  return { reports, summary, leaked: after - before };
}

describe('VAE training on MNIST', () => {
  test('a 60-step seeded run lowers the loss, repeats exactly and leaks no tensors', async () => {
    const a = await run(1, 60);
    expect(a.summary).toEqual({ state: 'done', step: 60 });
    expect(a.leaked).toBe(0);
    const first = a.reports[0];
    const last = a.reports[a.reports.length - 1];
    expect(last.loss).toBeLessThan(first.loss - 50); // ~540 → ~200 nats per digit
    // Each report carries both named terms, and they add up to the loss.
    expect(last.terms.reconstruction + last.terms.kl).toBeCloseTo(last.loss, 3);
    expect(last.terms.kl).toBeGreaterThan(0);
    const b = await run(1, 20);
    expect(b.reports.map((r) => r.loss)).toEqual(a.reports.slice(0, 2).map((r) => r.loss));
  });
});
