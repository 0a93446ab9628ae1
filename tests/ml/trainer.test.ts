import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createTrainer, type TrainMetrics } from '../../src/ml/train/trainer.ts';
import type { StepResult, TrainableModel } from '../../src/ml/train/types.ts';
import { useCpuBackend, valuesOf } from './helpers.ts';

/**
 * A toy TrainableModel: least squares y ≈ x·w on 8 fixed points with SGD. Its loss can be made NaN
 * from step `nanAt` on (the weights are poisoned too, as a real divergence would do).
 */
function toyModel(seed: number, nanAt = Infinity): TrainableModel {
  const x = tf.tensor2d([1, 0, 0, 1, 1, 1, 2, 1, 1, 2, 3, 1, 0, 3, 2, 2], [8, 2]);
  const y = tf.tensor2d([1, -1, 0, 3, -1, 8, -3, 2], [8, 1]);
  const init = tf.randomNormal([2, 1], 0, 1, 'float32', seed);
  const w = tf.variable(init);
  init.dispose();
  const optimizer = tf.train.sgd(0.02);
  return {
    variables: () => [w],
    optimizerState: { checkpoint() {}, rollback() {} }, // plain SGD keeps no state besides the weights
    step(step: number): StepResult {
      if (step >= nanAt) {
        w.assign(tf.fill([2, 1], NaN) as tf.Tensor2D);
        return { loss: tf.scalar(NaN), terms: { half: tf.scalar(NaN) } };
      }
      const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar, true) as tf.Scalar;
      return { loss, terms: { half: tf.mul(loss, 0.5) as tf.Scalar } };
    },
    dispose() {
      tf.dispose([x, y, w]);
      optimizer.dispose();
    },
  };
}

beforeAll(useCpuBackend);

describe('createTrainer', () => {
  test('keeps tf.memory().numTensors flat over a 300-step run', async () => {
    const trainer = createTrainer((s) => toyModel(s), { seed: 1, reportEvery: 25 });
    const before = tf.memory().numTensors;
    const summary = await trainer.start(300);
    expect(summary).toEqual({ state: 'done', step: 300 });
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  test('frees everything it made on dispose, and reset replaces the model without leaking', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer((s) => toyModel(s), { seed: 1, reportEvery: 10 });
    await trainer.start(15);
    trainer.reset(2);
    expect(trainer.step).toBe(0);
    await trainer.start(5);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('reports every reportEvery steps (and at the end) with the mean loss, named terms and ms/step', async () => {
    const reports: TrainMetrics[] = [];
    const trainer = createTrainer((s) => toyModel(s), { seed: 1, reportEvery: 10, onMetrics: (m) => reports.push(m) });
    await trainer.start(35);
    expect(reports.map((r) => [r.step, r.steps])).toEqual([
      [10, 10],
      [20, 10],
      [30, 10],
      [35, 5],
    ]);
    for (const r of reports) {
      expect(r.terms.half).toBeCloseTo(r.loss / 2, 5);
      expect(r.msPerStep).toBeGreaterThan(0);
    }
    expect(reports[3].loss).toBeLessThan(reports[0].loss);
    trainer.dispose();
  });

  test('repeats a seeded run exactly', async () => {
    const run = async (seed: number) => {
      const losses: number[] = [];
      const trainer = createTrainer((s) => toyModel(s), { seed, reportEvery: 5, onMetrics: (m) => losses.push(m.loss) });
      await trainer.start(40);
      const w = await valuesOf(trainer.model.variables()[0].clone());
      trainer.dispose();
      return { losses, w };
    };
    const a = await run(3);
    expect(await run(3)).toEqual(a);
    expect((await run(4)).losses).not.toEqual(a.losses);
  });

  test('stops on a NaN loss, restores the last snapshot and reports the step', async () => {
    const snapshots = new Map<number, Float32Array>();
    const trainer = createTrainer((s) => toyModel(s, 25), {
      seed: 1,
      reportEvery: 10,
      onMetrics: (m) => snapshots.set(m.step, Float32Array.from(trainer.model.variables()[0].dataSync())),
    });
    const summary = await trainer.start(100);
    expect(summary).toEqual({ state: 'diverged', step: 20, nonFiniteStep: 25 });
    expect([...snapshots.keys()]).toEqual([10, 20]);
    expect(await valuesOf(trainer.model.variables()[0].clone())).toEqual(snapshots.get(20));
    await expect(trainer.resume()).rejects.toThrow(/reset/);
    trainer.dispose();
  });

  test('a NaN before the first report restores the initial weights', async () => {
    const trainer = createTrainer((s) => toyModel(s, 3), { seed: 5, reportEvery: 10 });
    const initial = await valuesOf(trainer.model.variables()[0].clone());
    expect(await trainer.start(10)).toEqual({ state: 'diverged', step: 0, nonFiniteStep: 3 });
    expect(await valuesOf(trainer.model.variables()[0].clone())).toEqual(initial);
    trainer.dispose();
  });

  test('pauses at a chunk boundary and resumes to the same weights as an uninterrupted run', async () => {
    const straight = createTrainer((s) => toyModel(s), { seed: 9, reportEvery: 10 });
    await straight.start(50);
    const want = await valuesOf(straight.model.variables()[0].clone());
    straight.dispose();

    const steps: number[] = [];
    const trainer = createTrainer((s) => toyModel(s), {
      seed: 9,
      reportEvery: 10,
      onMetrics: (m) => {
        steps.push(m.step);
        if (m.step === 20) trainer.pause();
      },
    });
    expect(await trainer.start(50)).toEqual({ state: 'paused', step: 20 });
    expect(await trainer.resume()).toEqual({ state: 'done', step: 50 });
    expect(steps).toEqual([10, 20, 30, 40, 50]);
    expect(await valuesOf(trainer.model.variables()[0].clone())).toEqual(want);
    trainer.dispose();
  });

  test('yields to the event loop between chunks, so a pause message arriving mid-run is seen', async () => {
    const trainer = createTrainer((s) => toyModel(s), { seed: 1, reportEvery: 1000, yieldEveryMs: 0 });
    setTimeout(() => trainer.pause(), 0); // like a Worker's onmessage handler
    const summary = await trainer.start(100_000);
    expect(summary.state).toBe('paused');
    expect(summary.step).toBeLessThan(100_000);
    trainer.dispose();
  });

  test('yields through a MessageChannel where setImmediate does not exist (Workers, browsers)', async () => {
    const saved = globalThis.setImmediate;
    // @ts-expect-error: removed for this test, as in a browser Worker
    delete globalThis.setImmediate;
    try {
      const trainer = createTrainer((s) => toyModel(s), { seed: 1, reportEvery: 1000, yieldEveryMs: 0 });
      setTimeout(() => trainer.pause(), 0);
      const summary = await trainer.start(100_000);
      expect(summary.state).toBe('paused');
      expect(summary.step).toBeLessThan(100_000);
      trainer.dispose();
    } finally {
      globalThis.setImmediate = saved;
    }
  });

  test.each([
    ['during a yield between chunks (a Worker message)', 'yield'],
    ['inside onMetrics, mid-report', 'report'],
  ] as const)('dispose() while a run is in flight (%s) stops the loop cleanly and frees every tensor', async (_, when) => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer((s) => toyModel(s), {
      seed: 1,
      reportEvery: 7,
      yieldEveryMs: 0,
      onMetrics: (m) => when === 'report' && m.step === 14 && trainer.dispose(),
    });
    if (when === 'yield') setTimeout(() => trainer.dispose(), 0);
    const summary = await trainer.start(100_000);
    expect(summary.state).toBe('disposed');
    expect(summary.step).toBeLessThan(100_000);
    if (when === 'report') expect(summary.step).toBe(14); // stopped at the chunk boundary right after that report
    expect(trainer.state).toBe('disposed');
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose(); // a second dispose is a no-op
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainer.resume()).rejects.toThrow(/disposed/);
    expect(() => trainer.reset()).toThrow(/disposed/);
  });
});
