/**
 * Weight files of the 2-D DDPM's network: a binary blob of every tensor in layer order plus a JSON
 * manifest, as float32, float16 or uint8 (per-tensor affine: w ≈ min + scale · q). Plain JS, so a
 * Worker can decode what `npm run train -- ddpm2d` wrote to public/models/ddpm2d/.
 */

/** Storage formats, largest first. */
export type WeightFormat = 'float32' | 'float16' | 'uint8';

/** One tensor in the blob. */
export interface WeightEntry {
  name: string;
  shape: number[];
  /** Byte offset in the blob. */
  offset: number;
  /** uint8 only: w = min + scale · q. */
  min?: number;
  scale?: number;
}

/** The manifest stored next to the blob. */
export interface WeightManifest {
  format: WeightFormat;
  entries: WeightEntry[];
  /** Blob length in bytes. */
  byteLength: number;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of a float (round to nearest even; overflow to ±Inf; subnormals kept). */
export function toHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf or NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // too large: Inf
  if (e <= 0) {
    if (e < -10) return sign; // too small: ±0
    mant |= 0x800000; // implicit leading 1, then shift into a subnormal
    const shift = 14 - e;
    const half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rem > mid || (rem === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  return sign | (half + (rem > 0x1000 || (rem === 0x1000 && half & 1) ? 1 : 0)); // a carry into the exponent is correct rounding
}

/** The float a half-precision bit pattern stands for. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Encodes tensors (as Float32Arrays with names and shapes) into one blob and its manifest. */
export function encodeWeights(tensors: { name: string; shape: number[]; values: Float32Array }[], format: WeightFormat): { manifest: WeightManifest; bytes: Uint8Array } {
  const width = format === 'float32' ? 4 : format === 'float16' ? 2 : 1;
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    entries.push({ name: t.name, shape: t.shape, offset });
    offset += Math.ceil((t.values.length * width) / 4) * 4; // keep every tensor 4-byte aligned
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  tensors.forEach((t, k) => {
    const at = entries[k].offset;
    if (format === 'float32') t.values.forEach((v, i) => view.setFloat32(at + 4 * i, v, true));
    else if (format === 'float16') t.values.forEach((v, i) => view.setUint16(at + 2 * i, toHalf(v), true));
    else {
      let min = Infinity;
      let max = -Infinity;
      for (const v of t.values) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      const scale = max > min ? (max - min) / 255 : 1;
      entries[k].min = min;
      entries[k].scale = scale;
      t.values.forEach((v, i) => view.setUint8(at + i, Math.round((v - min) / scale)));
    }
  });
  return { manifest: { format, entries, byteLength: offset }, bytes };
}

/** Decodes a blob back into one Float32Array per manifest entry, in order. */
export function decodeWeights(manifest: WeightManifest, bytes: Uint8Array): Float32Array[] {
  if (bytes.byteLength !== manifest.byteLength) throw new Error(`weights: blob has ${bytes.byteLength} bytes, manifest says ${manifest.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return manifest.entries.map((e) => {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (manifest.format === 'float32') out[i] = view.getFloat32(e.offset + 4 * i, true);
      else if (manifest.format === 'float16') out[i] = fromHalf(view.getUint16(e.offset + 2 * i, true));
      else out[i] = (e.min ?? 0) + (e.scale ?? 1) * view.getUint8(e.offset + i);
    }
    return out;
  });
}
