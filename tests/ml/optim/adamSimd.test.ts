/** The hand-assembled SIMD Adam kernel on its own memory: Adam's update, and no subnormal ever stored. */
import { describe, expect, test } from 'vitest';
import { compileAdamKernel, G_FLUSH, MOMENT_FLUSH } from '../../../src/ml/optim/adamSimd.ts';

const [B1, B2, EPS, LR] = [0.9, 0.999, 1e-8, 1e-3];

/** Runs `steps` kernel calls on 4 lanes; returns m, v, w as float32 views. */
function runKernel(g: number[], m0: number[], v0: number[], w0: number[], steps = 1) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const kernel = compileAdamKernel(memory);
  expect(kernel).not.toBeNull();
  const f = new Float32Array(memory.buffer);
  // Byte layout: g at 0, w at 16, m at 32, v at 48 (the new weights overwrite the old ones in place).
  f.set(g, 0); f.set(w0, 4); f.set(m0, 8); f.set(v0, 12);
  for (let n = 1; n <= steps; n++) kernel!(0, 16, 16, 32, 48, 1, B1, 1 - B1, B2, 1 - B2, LR / (1 - B1 ** n), 1 / (1 - B2 ** n), EPS);
  return { w: f.subarray(4, 8), m: f.subarray(8, 12), v: f.subarray(12, 16) };
}

describe('the SIMD Adam kernel', () => {
  test('takes Adam’s bias-corrected first step: w moves by lr·sign(g)', () => {
    const { w, m, v } = runKernel([0.5, -2, 3, 0.01], [0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]);
    [0.5, -2, 3, 0.01].forEach((g, i) => {
      expect(m[i]).toBeCloseTo((1 - B1) * g, 7);
      expect(v[i]).toBeCloseTo((1 - B2) * g * g, 7);
      expect(w[i]).toBeCloseTo(1 - LR * Math.sign(g), 6);
    });
  });

  test('flushes tiny gradients and decaying moments to zero instead of storing subnormals', () => {
    // Lane 0: a gradient below G_FLUSH; lanes 1-3: moments that a zero gradient decays past MOMENT_FLUSH.
    const m0 = [0, 1.05 * MOMENT_FLUSH, -1.05 * MOMENT_FLUSH, 1e-3];
    const v0 = [0, 1.0005 * MOMENT_FLUSH, 1e-3, 1.0005 * MOMENT_FLUSH];
    const { m, v, w } = runKernel([G_FLUSH / 2, 0, 0, 0], m0, v0, [1, 1, 1, 1], 2);
    expect(Array.from(m.subarray(0, 3))).toEqual([0, 0, 0]); // +0 even for the negative lane (toEqual tells −0 apart)
    expect(v[0]).toBe(0);
    expect(v[1]).toBe(0);
    expect(v[3]).toBe(0);
    expect(m[3]).toBeCloseTo(0.81e-3, 9); // a normal moment just decays
    for (const x of [...m, ...v]) expect(x === 0 || Math.abs(x) >= 1.1754944e-38).toBe(true);
    expect(w[0]).toBe(1); // a flushed gradient moves nothing
  });
});
