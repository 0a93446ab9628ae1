/**
 * Saving and loading model weights (VAE, HVAE) as one binary blob plus a JSON manifest
 * (browser-safe: bytes in, bytes out; the caller reads or writes files). The blob is
 * ../weightCodec.ts's: float32, float16 (half the size) or uint8 (a quarter; per-tensor affine
 * min/scale), so that the shipped models stay small; the manifest also records the model's config.
 */
import * as tf from '@tensorflow/tfjs';
import { packTensors, unpackTensors, type WeightEntry, type WeightFormat } from '../weightCodec.ts';
import { LAYER_NAMES, type VaeParams } from './params.ts';

/** A variable with the name it is saved under. */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/** How each number is stored. */
export type WeightDtype = WeightFormat;

export { fromHalf as fromFloat16Bits, toHalf as toFloat16Bits, type WeightEntry } from '../weightCodec.ts';

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

/** The VAE's variables with stable names (`encHidden.w`, …), in LAYER_NAMES order. */
export function namedVaeVariables(p: VaeParams): NamedVariable[] {
  return LAYER_NAMES.flatMap((layer) => (['w', 'b'] as const).map((k) => ({ name: `${layer}.${k}`, variable: p[layer][k] })));
}

/** Encodes named variables as a manifest and one blob in the given dtype. */
export function encodeWeights(named: NamedVariable[], config: unknown, dtype: WeightDtype): { manifest: WeightsManifest; data: Uint8Array } {
  const items = named.map(({ name, variable }) => ({ name, shape: variable.shape.slice(), values: variable.dataSync() as Float32Array }));
  const { entries: tensors, bytes: data } = packTensors(items, dtype);
  return { manifest: { format: 'weights-v1', config, dtype, bytes: data.length, tensors }, data };
}

/** Decodes a blob back to named Float32Arrays; checks the format and sizes, naming what is wrong. */
export function decodeWeights(manifest: WeightsManifest, data: Uint8Array): Map<string, { shape: number[]; values: Float32Array }> {
  if (manifest.format !== 'weights-v1') throw new Error(`weights: unknown format ${String(manifest.format)}`);
  const values = unpackTensors(manifest.tensors, manifest.dtype, data, manifest.bytes);
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  manifest.tensors.forEach((e, k) => out.set(e.name, { shape: e.shape, values: values[k] }));
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
