/** The hand-assembled SIMD Adam kernel on its own memory: Adam's update, no subnormal ever stored, NaN kept. */
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
  f.set(g, 0);
  f.set(w0, 4);
  f.set(m0, 8);
  f.set(v0, 12);
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

  test('passes NaN and ±Inf gradients through like the CPU loop: same weights and moments, NaN in the same lanes', () => {
    // 8 lanes (two float4s): NaN, +Inf, −Inf, a gradient under G_FLUSH, then ordinary ones; two steps.
    const g = [NaN, Infinity, -Infinity, 5e-17, 0.3, -2, 0, 1e-3];
    const lanes = g.length;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kernel = compileAdamKernel(memory)!;
    expect(kernel).not.toBeNull();
    const f = new Float32Array(memory.buffer);
    const [G, W, M, V] = [0, lanes, 2 * lanes, 3 * lanes]; // float offsets
    f.set(g, G);
    f.fill(1, W, W + lanes);
    // The CPU host loop of hostAdam (src/ml/optim/adam.ts), in float64 and without any flush, as the reference.
    const ref = { w: Array.from({ length: lanes }, () => 1), m: Array.from({ length: lanes }, () => 0), v: Array.from({ length: lanes }, () => 0) };
    for (let n = 1; n <= 2; n++) {
      kernel(4 * G, 4 * W, 4 * W, 4 * M, 4 * V, lanes / 4, B1, 1 - B1, B2, 1 - B2, LR / (1 - B1 ** n), 1 / (1 - B2 ** n), EPS);
      for (let i = 0; i < lanes; i++) {
        ref.m[i] = B1 * ref.m[i] + (1 - B1) * g[i];
        ref.v[i] = B2 * ref.v[i] + (1 - B2) * g[i] * g[i];
        ref.w[i] -= ((LR / (1 - B1 ** n)) * ref.m[i]) / (Math.sqrt(ref.v[i] / (1 - B2 ** n)) + EPS);
      }
    }
    const got = { w: Array.from(f.subarray(W, W + lanes)), m: Array.from(f.subarray(M, M + lanes)), v: Array.from(f.subarray(V, V + lanes)) };
    // Non-finite where the CPU is, with the same value (NaN, +Inf or −Inf), in weights and both moments.
    for (const key of ['w', 'm', 'v'] as const) {
      ref[key].forEach((x, i) => {
        if (!Number.isFinite(x))
          expect(got[key][i], `${key}[${i}]`).toBe(x); // toBe uses Object.is: NaN equals NaN
        else expect(Number.isFinite(got[key][i]), `${key}[${i}] finite`).toBe(true);
      });
    }
    expect(Number.isNaN(got.w[0]) && Number.isNaN(got.m[0]) && Number.isNaN(got.v[0])).toBe(true); // the NaN lane stays NaN
    // Finite lanes agree to float32 rounding; the flushed lane's moments differ from the CPU's by less than the flush.
    for (let i = 3; i < lanes; i++) {
      expect(Math.abs(got.w[i] - ref.w[i]), `w[${i}]`).toBeLessThan(1e-6);
      expect(Math.abs(got.m[i] - ref.m[i]), `m[${i}]`).toBeLessThanOrEqual(Math.max(G_FLUSH, 1e-6 * Math.abs(ref.m[i])));
      expect(Math.abs(got.v[i] - ref.v[i]), `v[${i}]`).toBeLessThanOrEqual(Math.max(G_FLUSH ** 2, 1e-6 * Math.abs(ref.v[i])));
    }
  });
});
