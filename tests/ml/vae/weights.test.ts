import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createVae } from '../../../src/ml/vae/model.ts';
import { decodeWeights, encodeWeights, fromFloat16Bits, loadWeightsInto, namedVaeVariables, toFloat16Bits } from '../../../src/ml/vae/weights.ts';
import { expectAllClose, useCpuBackend } from '../helpers.ts';

beforeAll(useCpuBackend);

const small = (seed: number) => createVae({ seed, config: { inputDim: 6, hiddenDim: 5, latentDim: 2 } });
const flat = (vae: ReturnType<typeof small>) => Float32Array.from(vae.variables().flatMap((v) => Array.from(v.dataSync())));

describe('VAE weights', () => {
  test('float16 conversion matches known half-precision values', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00); // overflow → Inf
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(fromFloat16Bits(0x3555)).toBeCloseTo(0.33325, 5);
    for (const v of [0.1, -3.14159, 1e-3, 1234.5]) expect(Math.abs(fromFloat16Bits(toFloat16Bits(v)) - v) / Math.abs(v)).toBeLessThan(2 ** -11);
  });

  test('float16 conversion agrees bit for bit with the platform Float16Array on 10,000 values', () => {
    const F16 = (globalThis as { Float16Array?: new (n: number) => ArrayLike<number> & { buffer: ArrayBuffer } }).Float16Array;
    if (!F16) return; // Node 24 has it; older runtimes skip this cross-check
    const f16 = new F16(10000) as unknown as Float32Array;
    const values = Float32Array.from({ length: 10000 }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 12) - 6));
    f16.set(values);
    const bits = new Uint16Array(f16.buffer);
    const ours = Uint16Array.from(values, (v) => toFloat16Bits(v));
    expect(ours).toEqual(bits);
    expect(Float32Array.from(bits, fromFloat16Bits)).toEqual(Float32Array.from(f16));
  });

  test('a float32 round trip restores the weights exactly into a differently seeded model', () => {
    const a = small(1);
    const b = small(2);
    const { manifest, data } = encodeWeights(namedVaeVariables(a.params), a.config, 'float32');
    loadWeightsInto(namedVaeVariables(b.params), manifest, data);
    expect(flat(b)).toEqual(flat(a));
    a.dispose();
    b.dispose();
  });

  test('float16 and uint8 round trips stay within their quantization step, at 1/2 and 1/4 of the size', () => {
    const a = small(1);
    const f32 = encodeWeights(namedVaeVariables(a.params), a.config, 'float32');
    for (const [dtype, tol, ratio] of [['float16', 1e-3, 0.5], ['uint8', 0, 0.25]] as const) {
      const { manifest, data } = encodeWeights(namedVaeVariables(a.params), a.config, dtype);
      expect(data.length).toBeLessThanOrEqual(f32.data.length * ratio + 4 * manifest.tensors.length);
      const decoded = decodeWeights(manifest, data);
      const original = decodeWeights(f32.manifest, f32.data);
      for (const e of manifest.tensors) {
        const step = dtype === 'uint8' ? (e.scale ?? 0) / 2 + 1e-7 : tol;
        expectAllClose(decoded.get(e.name)!.values, original.get(e.name)!.values, step);
      }
    }
    a.dispose();
  });

  test('a truncated blob or a shape mismatch is rejected with the reason', () => {
    const a = small(1);
    const { manifest, data } = encodeWeights(namedVaeVariables(a.params), a.config, 'float16');
    expect(() => decodeWeights(manifest, data.subarray(0, 10))).toThrow(/blob has 10 bytes/);
    const other = createVae({ seed: 1, config: { inputDim: 6, hiddenDim: 7, latentDim: 2 } });
    expect(() => loadWeightsInto(namedVaeVariables(other.params), manifest, data)).toThrow(/encHidden\.w has shape \[6,5\], the model expects \[6,7\]/);
    a.dispose();
    other.dispose();
  });

  test('loading leaks no tensors', () => {
    const a = small(1);
    const { manifest, data } = encodeWeights(namedVaeVariables(a.params), a.config, 'uint8');
    const before = tf.memory().numTensors;
    loadWeightsInto(namedVaeVariables(a.params), manifest, data);
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });
});
