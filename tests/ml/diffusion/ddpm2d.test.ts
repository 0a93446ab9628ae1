import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createDdpm2d } from '../../../src/ml/diffusion/ddpm2d.ts';
import { loadDdpm } from '../../../src/ml/diffusion/load.ts';
import { ddpm2dWeightSpec } from '../../../src/ml/diffusion/weights.ts';
import { encodeWeightFile, readWeights } from '../../../src/ml/weightFile.ts';
import { eightGaussians } from '../../../src/ml/data/toy2d.ts';
import { slicedWasserstein } from '../../../src/ml/eval/slicedWasserstein.ts';
import { defaultDdpm2dConfig } from '../../../src/ml/diffusion/config.ts';
import { simpleLoss } from '../../../src/ml/diffusion/loss.ts';
import { expectAllClose, expectNoLeak, mean, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** A smaller network than the benchmark's so the CPU test stays quick; the recipe is otherwise the default. */
const small = { hidden: [64, 64], batchSize: 128, decaySteps: 300, seed: 3 };

/** Runs `steps` training steps and reads every loss back at the end (tests only; the trainer reads every N steps). */
async function train(model: ReturnType<typeof createDdpm2d>, steps: number): Promise<number[]> {
  const losses: tf.Scalar[] = [];
  for (let k = 0; k < steps; k++) losses.push(model.step(k).loss);
  const values = Array.from(await valuesOf(tf.stack(losses)));
  tf.dispose(losses);
  return values;
}

describe('createDdpm2d', () => {
  test('300 CPU steps on 8 Gaussians lower the ε-MSE loss', async () => {
    const model = createDdpm2d(small);
    const losses = await train(model, 300);
    model.dispose();
    expect(mean(losses.slice(-50))).toBeLessThan(0.8 * mean(losses.slice(0, 50)));
  }, 60_000);

  test('two runs with the same seed repeat exactly; another seed differs', async () => {
    const runs = [3, 3, 4].map((seed) => createDdpm2d({ ...small, seed }));
    const losses = await Promise.all(runs.map((m) => train(m, 5)));
    const weights = await Promise.all(runs.map((m) => valuesOf(m.variables()[0].clone())));
    runs.forEach((m) => m.dispose());
    expect(losses[1]).toEqual(losses[0]);
    expect(Array.from(weights[1])).toEqual(Array.from(weights[0]));
    expect(losses[2]).not.toEqual(losses[0]);
  });

  test('the tensor count stays flat over training and returns to its start after dispose', async () => {
    const before = tf.memory().numTensors;
    const model = createDdpm2d(small);
    model.step(0).loss.dispose(); // the first step creates Adam's moment variables
    const afterFirst = tf.memory().numTensors;
    for (let k = 1; k < 10; k++) model.step(k).loss.dispose();
    expect(tf.memory().numTensors).toBe(afterFirst);
    await expectNoLeak(() => model.sample(10, 1));
    await expectNoLeak(() => model.sample(10, 1, 5));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a step reports eq. vdm-simple-loss of its batch, computed independently with qSample and predict', async () => {
    const model = createDdpm2d(small);
    const batch = model.batchAt(0);
    const B = small.batchSize;
    const x0 = tf.tensor2d(batch.x0, [B, 2]);
    const t = tf.tensor1d(batch.t, 'int32');
    const eps = tf.tensor2d(batch.eps, [B, 2]);
    const expected = (await valuesOf(simpleLoss(model.net.predict, x0, t, eps, model.tables)))[0];
    const got = (await valuesOf(model.step(0).loss))[0];
    expect(got).toBeCloseTo(expected, 5);
    expect(Math.min(...batch.t)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...batch.t)).toBeLessThanOrEqual(defaultDdpm2dConfig.T);
    tf.dispose([x0, t, eps]);
    model.dispose();
  });

  test('saved sampling weights load into a fresh model and reproduce its samples', async () => {
    const a = createDdpm2d(small);
    for (let k = 0; k < 3; k++) a.step(k).loss.dispose();
    const saved = await a.samplingWeights();
    const b = createDdpm2d({ ...small, seed: 99 });
    b.loadWeights(saved.map((w) => w.values));
    const sa = await valuesOf(a.sample(5, 4, 10));
    const sb = await valuesOf(b.sample(5, 4, 10));
    expectAllClose(sb, sa, 1e-6);
    // The same through a float32 weight file, as the browser loads public/models/ddpm2d/.
    const { manifest, bytes } = await encodeWeightFile(ddpm2dWeightSpec, a.config, saved, 'float32');
    const c = loadDdpm(await readWeights(manifest, bytes, ddpm2dWeightSpec, 'saved.json'));
    expectAllClose(await valuesOf(c.sample(5, 4, 10)), sa, 1e-6);
    a.dispose();
    b.dispose();
    c.dispose();
  });

  test('samples come back in data units with shape [n, 2]', () => {
    const model = createDdpm2d(small);
    const s = model.sample(7, 2, 10);
    expect(s.shape).toEqual([7, 2]);
    tf.dispose(s);
    model.dispose();
  });
});

/** 8 Gaussians with the mode at angle 0 moved onto its neighbour at 45°: what dropping one mode of eight looks like. */
function sevenModes(n: number, seed: number): Float32Array {
  const x = eightGaussians(n, seed);
  const [c, s] = [Math.cos(Math.PI / 4), Math.sin(Math.PI / 4)];
  for (let i = 0; i < n; i++) {
    const [a, b] = [x[2 * i], x[2 * i + 1]];
    if (Math.abs(Math.atan2(b, a)) < Math.PI / 8) [x[2 * i], x[2 * i + 1]] = [c * a - s * b, s * a + c * b];
  }
  return x;
}

describe('the committed model (public/models/ddpm2d, written by npm run train -- ddpm2d)', () => {
  test('samples 8 Gaussians by the full sampler closer to a perfect sampler than to one that drops a mode (SW1)', async () => {
    const dir = new URL('../../../public/models/ddpm2d/', import.meta.url);
    const file = await readWeights(
      JSON.parse(readFileSync(new URL('weights.json', dir), 'utf8')),
      new Uint8Array(readFileSync(new URL('weights.bin', dir))),
      ddpm2dWeightSpec,
      'ddpm2d/weights.json',
    );
    const model = loadDdpm(file);
    const n = 2000;
    const samples = await valuesOf(model.sample(n, 11)); // all T = 100 ancestral steps
    model.dispose();
    // Everything is compared with the same fresh data on the same 256 directions. A perfect sampler
    // scores the noise floor, the SW1 between two independent draws of the data (0.045 … 0.073 over
    // four seeds at n = 2,000); one that puts a mode's 1/8 of the mass onto its neighbour (1.53 away)
    // scores ≈ 0.15. The model must sit nearer the first: below their midpoint. Untrained scores > 1.
    const fresh = eightGaussians(n, 12);
    const sw1 = (x: Float32Array) => slicedWasserstein(x, fresh, { seed: 13 });
    const [floor, dropped] = [sw1(eightGaussians(n, 14)), sw1(sevenModes(n, 14))];
    expect(dropped).toBeGreaterThan(2 * floor); // the control tells the two apart
    expect(sw1(samples)).toBeLessThan((floor + dropped) / 2);
  }, 120_000); // 2,000 points × 100 steps on the CPU backend: ~15 s alone, longer on a busy machine
});
