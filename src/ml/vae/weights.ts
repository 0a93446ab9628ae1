/**
 * Saving and loading model weights (VAE, HVAE) as one binary blob plus a JSON manifest
 * (browser-safe: bytes in, bytes out; the caller reads or writes files). Weights can be stored as
 * float32, float16 (half the size) or uint8 (a quarter; per-tensor affine min/scale), so that the
 * shipped models stay small.
 */
import * as tf from '@tensorflow/tfjs';
import { LAYER_NAMES, type VaeParams } from './params.ts';

/** A variable with the name it is saved under. */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/** How each number is stored. */
export type WeightDtype = 'float32' | 'float16' | 'uint8';

/** One tensor's place in the blob. */
export interface WeightEntry {
  /** `layer.w` or `layer.b`, e.g. `encHidden.w`. */
  name: string;
  shape: number[];
  /** Byte offset in the blob (aligned to 4). */
  offset: number;
  /** For uint8: value = min + q · scale. */
  min?: number;
  scale?: number;
}

/** The JSON that describes a weights blob. */
export interface WeightsManifest {
  format: 'weights-v1';
  /** The model's config, so a loader can build the right shapes first. */
  config: unknown;
  dtype: WeightDtype;
  /** Total blob size in bytes. */
  bytes: number;
  tensors: WeightEntry[];
}

/** float32 → IEEE 754 half bits (round to nearest even; overflow → ±Inf, tiny → subnormal or 0). */
export function toFloat16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf or NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // too large: Inf
  if (e <= 0) {
    if (e < -10) return sign; // too small: ±0
    mant |= 0x800000; // subnormal half: shift in the implicit 1
    const shift = 14 - e;
    const half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rem > mid || (rem === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // Round to nearest even; a carry out of the mantissa correctly bumps the exponent.
  return sign | (half + (rem > 0x1000 || (rem === 0x1000 && half & 1) ? 1 : 0));
}

/** IEEE 754 half bits → number. */
export function fromFloat16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** The VAE's variables with stable names (`encHidden.w`, …), in LAYER_NAMES order. */
export function namedVaeVariables(p: VaeParams): NamedVariable[] {
  return LAYER_NAMES.flatMap((layer) => (['w', 'b'] as const).map((k) => ({ name: `${layer}.${k}`, variable: p[layer][k] })));
}

/** Encodes named variables as a manifest and one blob in the given dtype. */
export function encodeWeights(named: NamedVariable[], config: unknown, dtype: WeightDtype): { manifest: WeightsManifest; data: Uint8Array } {
  const items = named.map(({ name, variable }) => ({ name, shape: variable.shape.slice(), values: variable.dataSync() as Float32Array }));
  const width = dtype === 'float32' ? 4 : dtype === 'float16' ? 2 : 1;
  const tensors: WeightEntry[] = [];
  let offset = 0;
  for (const it of items) {
    tensors.push({ name: it.name, shape: it.shape, offset });
    offset += Math.ceil((it.values.length * width) / 4) * 4;
  }
  const data = new Uint8Array(offset);
  const view = new DataView(data.buffer);
  items.forEach((it, k) => {
    const entry = tensors[k];
    const v = it.values;
    if (dtype === 'float32') {
      for (let i = 0; i < v.length; i++) view.setFloat32(entry.offset + 4 * i, v[i], true);
    } else if (dtype === 'float16') {
      for (let i = 0; i < v.length; i++) view.setUint16(entry.offset + 2 * i, toFloat16Bits(v[i]), true);
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < v.length; i++) {
        lo = Math.min(lo, v[i]);
        hi = Math.max(hi, v[i]);
      }
      const scale = hi > lo ? (hi - lo) / 255 : 1;
      entry.min = lo;
      entry.scale = scale;
      for (let i = 0; i < v.length; i++) data[entry.offset + i] = Math.round((v[i] - lo) / scale);
    }
  });
  return { manifest: { format: 'weights-v1', config, dtype, bytes: data.length, tensors }, data };
}

/** Decodes a blob back to named Float32Arrays; checks the format and sizes, naming what is wrong. */
export function decodeWeights(manifest: WeightsManifest, data: Uint8Array): Map<string, { shape: number[]; values: Float32Array }> {
  if (manifest.format !== 'weights-v1') throw new Error(`weights: unknown format ${String(manifest.format)}`);
  if (data.length !== manifest.bytes) throw new Error(`weights: blob has ${data.length} bytes, manifest says ${manifest.bytes}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const e of manifest.tensors) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    if (manifest.dtype === 'float32') for (let i = 0; i < n; i++) values[i] = view.getFloat32(e.offset + 4 * i, true);
    else if (manifest.dtype === 'float16') for (let i = 0; i < n; i++) values[i] = fromFloat16Bits(view.getUint16(e.offset + 2 * i, true));
    else for (let i = 0; i < n; i++) values[i] = (e.min ?? 0) + data[e.offset + i] * (e.scale ?? 1);
    out.set(e.name, { shape: e.shape, values });
  }
  return out;
}

/** Loads decoded weights into named variables; every name must be present with the same shape. */
export function loadWeightsInto(named: NamedVariable[], manifest: WeightsManifest, data: Uint8Array): void {
  const decoded = decodeWeights(manifest, data);
  for (const { name, variable } of named) {
    const entry = decoded.get(name);
    if (!entry) throw new Error(`weights: ${name} missing`);
    if (entry.shape.join() !== variable.shape.join()) {
      throw new Error(`weights: ${name} has shape [${entry.shape}], the model expects [${variable.shape}]`);
    }
    tf.tidy(() => variable.assign(tf.tensor(entry.values, variable.shape)));
  }
}
