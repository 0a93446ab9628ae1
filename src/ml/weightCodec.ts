/**
 * The byte codec under every weights file in public/models: tensors packed one after another into a
 * blob (each 4-byte aligned) as float32, float16 (IEEE half) or uint8 (per-tensor affine:
 * w ≈ min + scale · q, q in 0…255). Plain JS, so a Worker can decode what `npm run train` wrote.
 * ./weightFile.ts wraps it in the manifest every model shares, and validates both before decoding.
 */

/** Storage formats, largest first. */
export type WeightFormat = 'float32' | 'float16' | 'uint8';

/** One tensor's place in the blob. */
export interface WeightEntry {
  name: string;
  shape: number[];
  /** Byte offset in the blob (aligned to 4). */
  offset: number;
  /** uint8 only: w = min + scale · q. */
  min?: number;
  scale?: number;
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

/**
 * Every half's float, indexed by its 16 bits (256 KB, built on first use): decoding a float16 file
 * is then one lookup per weight instead of fromHalf's arithmetic (~100 ms less for the VAE in a worker).
 */
let halfTable: Float32Array | null = null;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
function halves(): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = fromHalf(h);
  }
  return halfTable;
}

/** Packs named tensors into one blob in `format`; returns each tensor's entry and the bytes. */
export function packTensors(
  tensors: { name: string; shape: number[]; values: Float32Array }[],
  format: WeightFormat,
): { entries: WeightEntry[]; bytes: Uint8Array } {
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
    const v = t.values;
    if (format === 'float32') for (let i = 0; i < v.length; i++) view.setFloat32(at + 4 * i, v[i], true);
    else if (format === 'float16') for (let i = 0; i < v.length; i++) view.setUint16(at + 2 * i, toHalf(v[i]), true);
    else {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < v.length; i++) {
        min = Math.min(min, v[i]);
        max = Math.max(max, v[i]);
      }
      const scale = max > min ? (max - min) / 255 : 1;
      entries[k].min = min;
      entries[k].scale = scale;
      for (let i = 0; i < v.length; i++) bytes[at + i] = Math.round((v[i] - min) / scale);
    }
  });
  return { entries, bytes };
}

/**
 * Unpacks each entry of a blob written by packTensors, in order; `byteLength` is checked against the blob.
 * ./weightFile.ts's validateManifest checks untrusted files fully first; these checks only keep a
 * direct caller from decoding garbage (an unknown format, an overrun, a missing min/scale) silently.
 */
export function unpackTensors(entries: WeightEntry[], format: WeightFormat, bytes: Uint8Array, byteLength: number): Float32Array[] {
  if (bytes.byteLength !== byteLength) throw new Error(`weights: blob has ${bytes.byteLength} bytes, manifest says ${byteLength}`);
  const width = ({ float32: 4, float16: 2, uint8: 1 } as Record<string, number>)[format];
  if (!width) throw new Error(`weights: unknown format ${String(format)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return entries.map((e) => {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset + n * width > bytes.byteLength) throw new Error(`weights: ${e.name} runs past the blob's ${bytes.byteLength} bytes`);
    if (format === 'uint8' && !(Number.isFinite(e.min) && Number.isFinite(e.scale))) throw new Error(`weights: ${e.name} needs a finite min and scale`);
    const out = new Float32Array(n);
    if (format === 'float32') for (let i = 0; i < n; i++) out[i] = view.getFloat32(e.offset + 4 * i, true);
    else if (format === 'float16') {
      const table = halves();
      const at = bytes.byteOffset + e.offset;
      if (LITTLE_ENDIAN && at % 2 === 0) {
        const bits = new Uint16Array(bytes.buffer, at, n); // the file is little-endian, like the platform: read it in place
        for (let i = 0; i < n; i++) out[i] = table[bits[i]];
      } else for (let i = 0; i < n; i++) out[i] = table[view.getUint16(e.offset + 2 * i, true)];
    } else for (let i = 0; i < n; i++) out[i] = e.min! + e.scale! * bytes[e.offset + i];
    return out;
  });
}
