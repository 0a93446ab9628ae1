import { describe, expect, test } from 'vitest';
import { learningRate } from '../../src/ml/train/learningRate.ts';

// Peak 1e-3, floor 1e-4, 10 warm-up steps, decay ends at step 110: the cosine phase spans 100 steps.
const cfg = { learningRate: 1e-3, warmupSteps: 10, decaySteps: 110, minLearningRate: 1e-4 };

describe('learningRate (warm-up, cosine decay, floor)', () => {
  test('warms up linearly: step k gets (k + 1)/10 of the peak', () => {
    expect(learningRate(0, cfg)).toBeCloseTo(1e-4, 15);
    expect(learningRate(4, cfg)).toBeCloseTo(5e-4, 15);
    expect(learningRate(9, cfg)).toBeCloseTo(1e-3, 15);
  });

  test('starts the cosine at the peak and passes its midpoint and quarter points by hand values', () => {
    expect(learningRate(10, cfg)).toBeCloseTo(1e-3, 15); // cos 0 = 1
    expect(learningRate(60, cfg)).toBeCloseTo(5.5e-4, 15); // 1e-4 + 0.5·(1 + cos π/2)·9e-4
    expect(learningRate(35, cfg)).toBeCloseTo(1e-4 + 0.5 * (1 + Math.SQRT1_2) * 9e-4, 15); // cos π/4 = 1/√2
    expect(learningRate(85, cfg)).toBeCloseTo(1e-4 + 0.5 * (1 - Math.SQRT1_2) * 9e-4, 15);
  });

  test('holds the floor from decaySteps on', () => {
    expect(learningRate(110, cfg)).toBe(1e-4);
    expect(learningRate(10_000, cfg)).toBe(1e-4);
  });

  test('with no warm-up, step 0 is the peak', () => {
    expect(learningRate(0, { ...cfg, warmupSteps: 0 })).toBe(1e-3);
  });
});
