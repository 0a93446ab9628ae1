/**
 * The storage-format choice every `npm run train` script makes: encode the trained weights in each
 * format (src/ml/weightFile.ts), read each back through the same validation the browser runs,
 * score it, and keep the smallest whose score is within `tolerance` of float32's.
 */
import { encodeWeightFile, readWeights, type HostTensor, type WeightFile, type WeightManifest, type WeightSpec } from '../../../src/ml/weightFile.ts';
import type { WeightFormat } from '../../../src/ml/weightCodec.ts';

/** One format's file, as it will be written. */
export interface Encoded<C> {
  manifest: WeightManifest<C>;
  bytes: Uint8Array;
}

/** Largest first: float32 is the reference the others are scored against. */
const FORMATS: readonly WeightFormat[] = ['float32', 'float16', 'uint8'];

/**
 * Scores every format (`evaluate` gets the decoded file and returns the rounded numbers to record,
 * `score` picks the one compared, lower is better) and returns them, the files and the choice.
 */
export async function chooseFormat<C, R extends Record<string, number>>(opts: {
  label: string;
  spec: WeightSpec<C>;
  config: C;
  tensors: HostTensor[];
  evaluate: (file: WeightFile<C>) => Promise<R>;
  score: (r: R) => number;
  /** How much worse than float32 a smaller format may score and still be chosen. */
  tolerance: number;
}): Promise<{ results: Record<WeightFormat, R & { bytes: number }>; encoded: Record<WeightFormat, Encoded<C>>; chosen: WeightFormat }> {
  const results = {} as Record<WeightFormat, R & { bytes: number }>;
  const encoded = {} as Record<WeightFormat, Encoded<C>>;
  for (const format of FORMATS) {
    const e = await encodeWeightFile(opts.spec, opts.config, opts.tensors, format);
    const r = await opts.evaluate(await readWeights(e.manifest, e.bytes, opts.spec, `${opts.label} (${format})`));
    encoded[format] = e;
    results[format] = { ...r, bytes: e.bytes.byteLength };
    console.log(`${opts.label} ${format}: score ${opts.score(r).toFixed(4)}, ${e.bytes.byteLength} bytes`);
  }
  const base = opts.score(results.float32);
  const chosen = [...FORMATS].reverse().find((f) => opts.score(results[f]) - base <= opts.tolerance) ?? 'float32';
  return { results, encoded, chosen };
}

/** weights.json as written: the manifest, pretty-printed. */
export function manifestJson(manifest: WeightManifest<unknown>): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
