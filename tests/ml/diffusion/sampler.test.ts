import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disposeScheduleTensors, perExample, scheduleTensors } from '../../../src/ml/diffusion/forward.ts';
import type { EpsPredictor } from '../../../src/ml/diffusion/loss.ts';
import { planStep, sampleAncestral, sampleRespaced, samplingPlan } from '../../../src/ml/diffusion/sampler.ts';
import { evenlySpacedSteps, makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { deriveSeed } from '../../../src/ml/random.ts';
import { expectAllClose, expectNoLeak, mean, useCpuBackend, valuesOf, variance } from '../helpers.ts';

const schedule = makeSchedule('linear', 40, 1e-3, 0.2);
let st: ReturnType<typeof scheduleTensors>;

beforeAll(async () => {
  await useCpuBackend();
  st = scheduleTensors(schedule);
});
afterAll(() => disposeScheduleTensors(st));

/** A deterministic, t-dependent stand-in for a trained network. */
const toyNet: EpsPredictor = (xt, t) => tf.tidy(() => tf.mul(tf.tanh(xt), tf.expandDims(tf.sin(tf.cast(t, 'float32')), 1)) as tf.Tensor2D);

/** The exact ε-predictor for the single data point c. */
function perfectFor(c: number[]): EpsPredictor {
  return (xt, t) =>
    tf.tidy(() => tf.div(tf.sub(xt, tf.mul(perExample(st.sqrtAlphaBar, t), tf.tensor1d(c))), perExample(st.sqrtOneMinusAlphaBar, t)) as tf.Tensor2D);
}

describe('samplers (eq. vdm-sampling-step)', () => {
  test('the respaced sampler that keeps every step equals the ancestral sampler', async () => {
    const a = await valuesOf(sampleAncestral(toyNet, schedule, 64, 2, 3));
    const r = await valuesOf(sampleRespaced(toyNet, schedule, evenlySpacedSteps(schedule.T, schedule.T), 64, 2, 3));
    expectAllClose(r, a, 1e-4);
  });

  test('with the perfect predictor of a single-point data set every sample lands on that point', async () => {
    const c = [1.2, -0.7];
    const a = await valuesOf(sampleAncestral(perfectFor(c), schedule, 16, 2, 8));
    expectAllClose(
      a,
      Array.from({ length: 32 }, (_, i) => c[i % 2]),
      1e-3,
    );
  });

  test('so does a respaced sampler with 5 of the 40 steps', async () => {
    const c = [1.2, -0.7];
    const r = await valuesOf(sampleRespaced(perfectFor(c), schedule, evenlySpacedSteps(schedule.T, 5), 16, 2, 8));
    expectAllClose(
      r,
      Array.from({ length: 32 }, (_, i) => c[i % 2]),
      1e-3,
    );
  });

  test('the x̂_0 form of the mean equals the ε form when nothing is clipped', async () => {
    const a = await valuesOf(sampleAncestral(toyNet, schedule, 32, 2, 6));
    const b = await valuesOf(sampleAncestral(toyNet, schedule, 32, 2, 6, { clip: 1e6 }));
    expectAllClose(b, a, 1e-3);
  });

  test('clipping x̂_0 keeps samples of a wild predictor bounded', async () => {
    const wild: EpsPredictor = (xt) => tf.tidy(() => tf.mul(xt, -3) as tf.Tensor2D);
    const clipped = await valuesOf(sampleAncestral(wild, schedule, 32, 2, 6, { clip: 2 }));
    expect(Math.max(...clipped.map(Math.abs))).toBeLessThanOrEqual(2 + 1e-4); // the last step returns x̂_0 itself
  });

  test('the same seed gives the same samples, another seed different ones', async () => {
    const a = await valuesOf(sampleAncestral(toyNet, schedule, 8, 2, 1));
    const b = await valuesOf(sampleAncestral(toyNet, schedule, 8, 2, 1));
    const c = await valuesOf(sampleAncestral(toyNet, schedule, 8, 2, 2));
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  test('onStep sees x_T, every kept step in descending order, and finally the returned x_0', async () => {
    const kept = evenlySpacedSteps(40, 5);
    const seen: { t: number; x: tf.Tensor2D }[] = [];
    const before = tf.memory().numTensors;
    const x0 = sampleRespaced(toyNet, schedule, kept, 16, 2, 7, { onStep: (t, x) => seen.push({ t, x: tf.keep(x.clone()) }) });
    expect(seen.map((s) => s.t)).toEqual([...kept.slice().reverse(), 0]);
    // The first state is the x_T ~ N(0, I) of the plain sampler; the last is its output.
    expectAllClose(await valuesOf(seen[0].x.clone()), await valuesOf(tf.randomNormal([16, 2], 0, 1, 'float32', deriveSeed(7, 0))), 0);
    expectAllClose(await valuesOf(seen[seen.length - 1].x.clone()), await valuesOf(x0.clone()), 0);
    expectAllClose(await valuesOf(x0), await valuesOf(sampleRespaced(toyNet, schedule, kept, 16, 2, 7)), 0);
    tf.dispose(seen.map((s) => s.x));
    expect(tf.memory().numTensors).toBe(before);
  });

  test('leave no tensors behind', async () => {
    await expectNoLeak(() => sampleAncestral(toyNet, schedule, 4, 2, 1));
    await expectNoLeak(() => sampleRespaced(toyNet, schedule, [1, 20, 40], 4, 2, 1));
  });
});

describe('DDIM steps (η < 1, Song et al. 2021)', () => {
  const c = [1.2, -0.7];
  const onPoint = (values: ArrayLike<number>) =>
    expectAllClose(
      values,
      Array.from({ length: values.length }, (_, i) => c[i % 2]),
      1e-3,
    );

  test.each([0, 0.5])('with the perfect predictor of a single point, η = %s lands every sample on it, all steps or 5 respaced', async (eta) => {
    onPoint(await valuesOf(sampleAncestral(perfectFor(c), schedule, 16, 2, 8, { eta })));
    onPoint(await valuesOf(sampleRespaced(perfectFor(c), schedule, evenlySpacedSteps(schedule.T, 5), 16, 2, 8, { eta })));
  });

  test('η = 0 adds no noise: a step does not depend on its noise seed; η = 1 does', async () => {
    const plan = samplingPlan(schedule);
    const x = tf.randomNormal([8, 2], 0, 1, 'float32', 4) as tf.Tensor2D;
    const stepWith = async (seed: number, eta: number) => {
      const { next, x0Hat } = planStep(toyNet, plan, 20, x, seed, { eta });
      x0Hat.dispose();
      return Array.from(await valuesOf(next));
    };
    expect(await stepWith(2, 0)).toEqual(await stepWith(1, 0));
    expect(await stepWith(2, 1)).not.toEqual(await stepWith(1, 1));
    x.dispose();
  });

  test('from x_t ~ q(x_t | x_0), one step with η = 0.5 and the exact x̂_0 gives the forward marginal q(x_{t−1} | x_0) (Monte Carlo, 20,000 draws)', async () => {
    const t = 25;
    const n = 20_000;
    const ab = schedule.alphaBar;
    const x = tf.tidy(() =>
      tf.add(tf.mul(tf.randomNormal([n, 2], 0, 1, 'float32', 9), Math.sqrt(1 - ab[t])), tf.mul(tf.tensor1d(c), Math.sqrt(ab[t]))),
    ) as tf.Tensor2D;
    const { next, x0Hat } = planStep(perfectFor(c), samplingPlan(schedule), t, x, 3, { eta: 0.5 });
    const v = await valuesOf(next);
    tf.dispose([x, x0Hat]);
    for (const d of [0, 1]) {
      const column = v.filter((_, i) => i % 2 === d);
      // Standard errors: √((1 − ᾱ)/n) ≈ 0.004 for the mean, ≈ 0.01·(1 − ᾱ) for the variance; 5 of them.
      expect(Math.abs(mean(column) - Math.sqrt(ab[t - 1]) * c[d])).toBeLessThan(5 * Math.sqrt((1 - ab[t - 1]) / n));
      expect(Math.abs(variance(column) / (1 - ab[t - 1]) - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    }
  });
});
