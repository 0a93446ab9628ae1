/**
 * Weight files of the DDPMs' networks: the blob of ../weightCodec.ts (every tensor in layer order)
 * plus a JSON manifest { format, entries, byteLength }, as written to public/models/ddpm2d/.
 */
import { packTensors, unpackTensors, type WeightEntry, type WeightFormat } from '../weightCodec.ts';

export { fromHalf, toHalf, type WeightEntry, type WeightFormat } from '../weightCodec.ts';

/** The manifest stored next to the blob. */
export interface WeightManifest {
  format: WeightFormat;
  entries: WeightEntry[];
  /** Blob length in bytes. */
  byteLength: number;
}

/** Encodes tensors (as Float32Arrays with names and shapes) into one blob and its manifest. */
export function encodeWeights(tensors: { name: string; shape: number[]; values: Float32Array }[], format: WeightFormat): { manifest: WeightManifest; bytes: Uint8Array } {
  const { entries, bytes } = packTensors(tensors, format);
  return { manifest: { format, entries, byteLength: bytes.byteLength }, bytes };
}

/** Decodes a blob back into one Float32Array per manifest entry, in order. */
export function decodeWeights(manifest: WeightManifest, bytes: Uint8Array): Float32Array[] {
  return unpackTensors(manifest.entries, manifest.format, bytes, manifest.byteLength);
}
