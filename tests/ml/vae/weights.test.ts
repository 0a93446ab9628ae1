import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createVae } from '../../../src/ml/vae/model.ts';
import { namedVaeVariables, vaeWeightSpec } from '../../../src/ml/vae/weights.ts';
import { assignWeights, hostTensors } from '../../../src/ml/nn/namedVariables.ts';
import { fromHalf, toHalf } from '../../../src/ml/weightCodec.ts';
import { encodeWeightFile, readWeights } from '../../../src/ml/weightFile.ts';
import type { VaeConfig } from '../../../src/ml/vae/config.ts';
import { expectAllClose, useCpuBackend } from '../helpers.ts';

beforeAll(useCpuBackend);

const tiny: Partial<VaeConfig> = { inputDim: 6, hiddenDim: 5, latentDim: 2 };
const small = (seed: number) => createVae({ seed, config: tiny });
const flat = (vae: ReturnType<typeof small>) => Float32Array.from(vae.variables().flatMap((v) => Array.from(v.dataSync())));
/** The platform's half-precision array, where the runtime has one (Node 24 does). */
const F16 = (globalThis as { Float16Array?: new (n: number) => ArrayLike<number> & { buffer: ArrayBuffer } }).Float16Array;

/** A VAE's weights written as a file of `dtype` and read back through the browser's validation. */
async function roundTrip(vae: ReturnType<typeof small>, dtype: 'float32' | 'float16' | 'uint8') {
  const { manifest, bytes } = await encodeWeightFile(vaeWeightSpec, vae.config, hostTensors(namedVaeVariables(vae.params)), dtype);
  return { manifest, bytes, file: await readWeights(manifest, bytes, vaeWeightSpec, `tiny.${dtype}`) };
}

describe('VAE weights', () => {
  test('float16 conversion matches known half-precision values', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00); // overflow → Inf
    expect(toHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(fromHalf(0x3555)).toBeCloseTo(0.33325, 5);
    for (const v of [0.1, -3.14159, 1e-3, 1234.5]) expect(Math.abs(fromHalf(toHalf(v)) - v) / Math.abs(v)).toBeLessThan(2 ** -11);
  });

  test.skipIf(!F16)('float16 conversion agrees bit for bit with the platform Float16Array on 10,000 values', () => {
    const f16 = new F16!(10000) as unknown as Float32Array;
    const values = Float32Array.from({ length: 10000 }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 12) - 6));
    f16.set(values);
    const bits = new Uint16Array(f16.buffer);
    const ours = Uint16Array.from(values, (v) => toHalf(v));
    expect(ours).toEqual(bits);
    expect(Float32Array.from(bits, fromHalf)).toEqual(Float32Array.from(f16));
  });

  test("the spec lists exactly the model's variables, names and shapes, in order", () => {
    const a = small(1);
    expect(vaeWeightSpec.tensors(a.config)).toEqual(namedVaeVariables(a.params).map(({ name, variable }) => ({ name, shape: variable.shape })));
    a.dispose();
  });

  test('a float32 round trip restores the weights exactly into a differently seeded model', async () => {
    const a = small(1);
    const b = small(2);
    assignWeights(namedVaeVariables(b.params), (await roundTrip(a, 'float32')).file);
    expect(flat(b)).toEqual(flat(a));
    a.dispose();
    b.dispose();
  });

  test('float16 and uint8 round trips stay within their quantization step, at 1/2 and 1/4 of the size', async () => {
    const a = small(1);
    const f32 = await roundTrip(a, 'float32');
    for (const [dtype, tol, ratio] of [
      ['float16', 1e-3, 0.5],
      ['uint8', 0, 0.25],
    ] as const) {
      const { manifest, bytes, file } = await roundTrip(a, dtype);
      expect(bytes.length).toBeLessThanOrEqual(f32.bytes.length * ratio + 4 * manifest.entries.length);
      file.tensors.forEach((t, k) => {
        const step = dtype === 'uint8' ? (manifest.entries[k].scale ?? 0) / 2 + 1e-7 : tol;
        expectAllClose(t.values, f32.file.tensors[k].values, step);
      });
    }
    a.dispose();
  });

  test('a file for another size is refused before loading, naming the entry and both shapes', async () => {
    const a = small(1);
    const { manifest, bytes } = await roundTrip(a, 'float16');
    const lying = { ...manifest, config: { ...manifest.config, hiddenDim: 7 } };
    await expect(readWeights(lying, bytes, vaeWeightSpec, 'tiny.json')).rejects.toThrow(
      'tiny.json: entry "encHidden.w": shape [6, 5] does not match [6, 7], which the config implies',
    );
    a.dispose();
  });

  test('loading leaks no tensors', async () => {
    const a = small(1);
    const { file } = await roundTrip(a, 'uint8');
    const before = tf.memory().numTensors;
    assignWeights(namedVaeVariables(a.params), file);
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });
});
