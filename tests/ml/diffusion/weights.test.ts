import { describe, expect, test } from 'vitest';
import { decodeWeights, encodeWeights, fromHalf, toHalf } from '../../../src/ml/diffusion/weights.ts';
import { expectAllClose } from '../helpers.ts';

const tensors = [
  { name: 'layer0.weight', shape: [2, 3], values: Float32Array.from([0.1, -0.25, 3, 1e-3, -7.5, 0]) },
  { name: 'layer0.bias', shape: [3], values: Float32Array.from([0.5, 0.5, -0.125]) },
];

describe('half precision', () => {
  test('encodes known IEEE binary16 patterns', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00); // overflow → Inf
    expect(toHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(fromHalf(0x3555)).toBeCloseTo(1 / 3, 3);
  });

  test('round-trips any float within half a unit in the last place (relative 2^-11)', () => {
    for (const x of [0.1, -3.14159, 1234.5, 1e-3, -0.7]) expect(Math.abs(fromHalf(toHalf(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11);
  });
});

describe('weight files', () => {
  test('float32 round-trips exactly, with names, shapes and 4-byte aligned offsets', () => {
    const { manifest, bytes } = encodeWeights(tensors, 'float32');
    expect(manifest.entries.map((e) => [e.name, e.shape, e.offset])).toEqual([
      ['layer0.weight', [2, 3], 0],
      ['layer0.bias', [3], 24],
    ]);
    const back = decodeWeights(manifest, bytes);
    expect(Array.from(back[0])).toEqual(Array.from(tensors[0].values));
    expect(Array.from(back[1])).toEqual(Array.from(tensors[1].values));
  });

  test('float16 and uint8 decode to within their quantization error', () => {
    const half = encodeWeights(tensors, 'float16');
    expect(half.bytes.byteLength).toBe(12 + 8);
    decodeWeights(half.manifest, half.bytes).forEach((v, k) => expectAllClose(v, tensors[k].values, 4e-3));
    const byte = encodeWeights(tensors, 'uint8');
    decodeWeights(byte.manifest, byte.bytes).forEach((v, k) => expectAllClose(v, tensors[k].values, (byte.manifest.entries[k].scale ?? 0) / 2 + 1e-6));
  });

  test('a blob of the wrong length is refused', () => {
    const { manifest, bytes } = encodeWeights(tensors, 'float32');
    expect(() => decodeWeights(manifest, bytes.subarray(4))).toThrow(/bytes/);
  });
});
