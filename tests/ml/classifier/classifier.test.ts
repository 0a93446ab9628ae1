/** The digit classifier that judges the DDPM's samples: its shift, its training, and the committed weights' accuracy. */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadClassifier } from '../../../src/ml/classifier/load.ts';
import { createDigitClassifier } from '../../../src/ml/classifier/model.ts';
import { shiftInto } from '../../../src/ml/classifier/shift.ts';
import { classifierWeightSpec } from '../../../src/ml/classifier/weights.ts';
import { setToTensor } from '../../../src/ml/data/mnist.ts';
import { readWeights } from '../../../src/ml/weightFile.ts';
import { loadMnistAssetsFromDir } from '../../../src/node/mnist.ts';
import { mean, useCpuBackend } from '../helpers.ts';

beforeAll(useCpuBackend);

describe('shiftInto', () => {
  test('moves every pixel by (dx, dy) and fills the edges it uncovers with zeros', () => {
    const src = Float32Array.from({ length: 784 }, (_, i) => i + 1);
    const out = new Float32Array(784);
    shiftInto(src, 0, 28, 28, 2, -1, out, 0);
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const [sx, sy] = [x - 2, y + 1];
        expect(out[y * 28 + x]).toBe(sx >= 0 && sy < 28 ? src[sy * 28 + sx] : 0);
      }
    shiftInto(src, 0, 28, 28, 0, 0, out, 0);
    expect(out).toEqual(src);
  });
});

test('training lowers the cross-entropy on a few hundred digits, with a flat tensor count', async () => {
  const { test: set } = await loadMnistAssetsFromDir('public/data');
  const model = createDigitClassifier(set, { hidden: [32], batchSize: 50, warmupSteps: 5, decaySteps: 120, learningRate: 3e-3 });
  const losses: number[] = [];
  let before = 0;
  for (let k = 0; k < 120; k++) {
    if (k === 10) before = tf.memory().numTensors;
    const { loss } = model.step(k);
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
  expect(mean(losses.slice(-20))).toBeLessThan(0.6 * mean(losses.slice(0, 10)));
}, 60_000);

test('the committed classifier (npm run train -- ddpm-mnist) validates, loads and labels the 1,000 committed test digits ≥ 97 % right', async () => {
  const dir = 'public/models/digit-classifier/';
  const json: unknown = JSON.parse(readFileSync(`${dir}weights.json`, 'utf8'));
  const file = await readWeights(json, new Uint8Array(readFileSync(`${dir}weights.bin`)), classifierWeightSpec, `${dir}weights.json`);
  const classifier = loadClassifier(file);
  const { test: set } = await loadMnistAssetsFromDir('public/data');
  const before = tf.memory().numTensors;
  const predicted = tf.tidy(() => tf.argMax(classifier.probabilities(setToTensor(set)), 1).dataSync());
  expect(tf.memory().numTensors).toBe(before);
  classifier.dispose();
  let right = 0;
  for (let i = 0; i < set.count; i++) if (predicted[i] === set.labels[i]) right++;
  expect(set.count).toBe(1000);
  expect(right / set.count).toBeGreaterThanOrEqual(0.97);
  // The metrics the train script wrote say what it measured on the full 10,000 test digits.
  const metrics = JSON.parse(readFileSync(`${dir}metrics.json`, 'utf8')) as { testAccuracy: number; testDigits: number };
  expect(metrics.testDigits).toBe(10_000);
  expect(metrics.testAccuracy).toBeGreaterThanOrEqual(0.98);
}, 60_000);
