import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { MnistSet } from '../../../src/ml/data/mnist.ts';
import { setToTensor } from '../../../src/ml/data/mnist.ts';
import { createVae } from '../../../src/ml/vae/model.ts';
import { testNegElbo, testNegLogPx } from '../../../src/ml/vae/evaluate.ts';
import { deriveSeed, mulberry32 } from '../../../src/ml/random.ts';
import { scalarOf, useCpuBackend } from '../helpers.ts';

beforeAll(useCpuBackend);

/** 30 random binary 28x28 "digits". */
function randomSet(): MnistSet {
  const u = mulberry32(4);
  const images = Uint8Array.from({ length: 30 * 784 }, () => (u() < 0.2 ? 255 : 0));
  return { count: 30, rows: 28, cols: 28, images, labels: new Uint8Array(30) };
}

describe('VAE evaluation', () => {
  test('the batched test −ELBO equals the loss of one batch holding every digit (same noise per batch)', async () => {
    const vae = createVae({ seed: 1, config: { hiddenDim: 16, latentDim: 3 } });
    const set = randomSet();
    const before = tf.memory().numTensors;
    const batched = await testNegElbo(vae.params, set, { seed: 5, batch: 30 });
    expect(tf.memory().numTensors).toBe(before);
    const x = setToTensor(set);
    const l = vae.loss(x, deriveSeed(5, 0));
    expect(batched).toBeCloseTo(await scalarOf(l.loss), 3);
    tf.dispose([x, l.reconstruction, l.kl]);
    vae.dispose();
  });

  test('the importance-sampled −log p(x) is below the −ELBO and leaks nothing', async () => {
    const vae = createVae({ seed: 2, config: { hiddenDim: 16, latentDim: 3 } });
    const set = randomSet();
    const before = tf.memory().numTensors;
    const negElbo = await testNegElbo(vae.params, set, { seed: 1 });
    const negLogPx = await testNegLogPx(vae.params, set, { seed: 2, samples: 40, batch: 15 });
    expect(tf.memory().numTensors).toBe(before);
    expect(negLogPx).toBeLessThan(negElbo);
    expect(negLogPx).toBeGreaterThan(0);
    vae.dispose();
  });
});
