/** The 2-D diffusion example's worker side on the CPU backend: a model on drawn points, its snapshots (frames per sampler, L_t), no leaks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createAdapter } from '../../src/islands/ddpm-2d/adapter.ts';
import { EXTENT, LT_STEPS, SPEC } from '../../src/islands/ddpm-2d/config.ts';
import { decodePoints, encodePoints } from '../../src/islands/ddpm-2d/points.ts';
import { defaults } from '../../src/islands/kit/settings.ts';
import type { SettingsData } from '../../src/islands/kit/protocol.ts';
import { useCpuBackend } from '../ml/helpers.ts';

beforeAll(useCpuBackend);

const noFiles = {
  bytes: () => Promise.reject(new Error('no files in this test')),
  json: () => Promise.reject(new Error('no files in this test')),
};
const drawn = encodePoints([3, 3, 3.2, 3.1, -3, -3], EXTENT);
const settings = (over: Partial<SettingsData>): SettingsData => ({ ...defaults(SPEC), batch: 32, samples: 100, ...over });

describe('ddpm-2d adapter', () => {
  test('a drawn data set trains on the drawn points (each batch point within a few jitters of one of them)', () => {
    const adapter = createAdapter(noFiles);
    const model = adapter.create(settings({ dataset: 'drawn', points: drawn }), 1);
    const centres = decodePoints(drawn, EXTENT);
    const { x0 } = model.batchAt(0);
    for (let i = 0; i < x0.length; i += 2) {
      let nearest = Infinity;
      for (let k = 0; k < centres.length; k += 2) nearest = Math.min(nearest, Math.hypot(x0[i] - centres[k], x0[i + 1] - centres[k + 1]));
      expect(nearest).toBeLessThan(0.25);
    }
    model.dispose();
  });

  test.each([
    ['100', 101],
    ['10', 11],
  ])(
    'sampler %s: one frame per state x_t from x_T to x_0, the chosen number of points, L_t at every grid step, and no tensor left behind',
    async (sampler, frames) => {
      const adapter = createAdapter(noFiles);
      const s = settings({ sampler });
      const model = adapter.create(s, 2);
      const before = tf.memory().numTensors;
      const snap = await adapter.snapshot(model, s, 2);
      expect(tf.memory().numTensors).toBe(before);
      const d = snap.data as { times: number[]; frames: Float32Array[]; ltSteps: number[]; lt: Float32Array };
      expect(d.frames.length).toBe(frames);
      expect(d.times[0]).toBe(100);
      expect(d.times.at(-1)).toBe(0);
      expect(d.frames.every((f) => f.length === 200)).toBe(true);
      expect(d.ltSteps).toEqual(LT_STEPS);
      expect(d.lt.length).toBe(LT_STEPS.length);
      expect(Array.from(d.lt).every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      model.dispose();
    },
  );

  test('an empty drawing has no L_t to show (and its model refuses to train, with a reason)', async () => {
    const adapter = createAdapter(noFiles);
    const s = settings({ dataset: 'drawn', points: '' });
    const model = adapter.create(s, 1);
    const d = (await adapter.snapshot(model, s, 1)).data as { lt: Float32Array; ltSteps: number[] };
    expect(d.lt.length).toBe(0);
    expect(d.ltSteps).toEqual([]);
    expect(() => model.step(0)).toThrow(/draw some points first/);
    model.dispose();
  });
});
