/**
 * Untrusted weight files (src/ml/weightFile.ts): a valid file round-trips, and every corruption of
 * the manifest or the blob is refused before decoding with an Error naming the file, the entry and
 * what is wrong. The files here are tiny VAEs (6-5-2) built without TF.
 */
import { describe, expect, test } from 'vitest';
import {
  encodeWeightFile,
  loadWeightFile,
  MAX_BYTES,
  readWeights,
  validateManifest,
  type FetchLike,
  type HostTensor,
  type WeightManifest,
} from '../../../src/ml/weightFile.ts';
import { fromHalf, unpackTensors, type WeightFormat } from '../../../src/ml/weightCodec.ts';
import { vaeWeightSpec } from '../../../src/ml/vae/weights.ts';
import type { VaeConfig } from '../../../src/ml/vae/config.ts';

const FILE = 'models/tiny/weights.json';
const BIN = 'models/tiny/weights.bin';
const config: VaeConfig = { inputDim: 6, hiddenDim: 5, latentDim: 2, learningRate: 1e-3, batchSize: 4 };

/** The spec's tensors filled with distinct values (k-th number of tensor j: j + k/100, alternating sign). */
function tensorsFor(c: VaeConfig): HostTensor[] {
  return vaeWeightSpec.tensors(c).map(({ name, shape }, j) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return { name, shape, values: Float32Array.from({ length: n }, (_, k) => (k % 2 ? -1 : 1) * (j + k / 100)) };
  });
}

async function valid(dtype: WeightFormat): Promise<{ manifest: WeightManifest<VaeConfig>; bytes: Uint8Array }> {
  return encodeWeightFile(vaeWeightSpec, config, tensorsFor(config), dtype);
}

/** A deep copy of the manifest with `edit` applied, as a parsed JSON value. */
function edited(manifest: WeightManifest<VaeConfig>, edit: (m: Record<string, any>) => void): unknown {
  const m = structuredClone(manifest) as unknown as Record<string, any>;
  edit(m);
  return m;
}
const entry = (m: Record<string, any>, name: string) => m.entries.find((e: { name: string }) => e.name === name);

describe('a valid weight file', () => {
  test("float32 round-trips exactly, in the spec's order, whatever the entries' order in the manifest", async () => {
    const { manifest, bytes } = await valid('float32');
    const shuffled = edited(manifest, (m) => m.entries.reverse());
    const file = await readWeights(shuffled, bytes, vaeWeightSpec, FILE);
    expect(file.config).toEqual(config);
    expect(file.tensors.map((t) => t.name)).toEqual(vaeWeightSpec.tensors(config).map((t) => t.name));
    file.tensors.forEach((t, k) => expect(Array.from(t.values)).toEqual(Array.from(tensorsFor(config)[k].values)));
  });

  test("records format, version, model, dtype, size and the blob's SHA-256 (checked against node:crypto)", async () => {
    const { createHash } = await import('node:crypto');
    const { manifest, bytes } = await valid('uint8');
    expect([manifest.format, manifest.version, manifest.model, manifest.dtype, manifest.byteLength]).toEqual([
      'nogm-weights',
      2,
      'vae',
      'uint8',
      bytes.byteLength,
    ]);
    expect(manifest.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

/** The uint8 file is 124 bytes: tensors of 30, 5, 20, 4, 10, 5, 30, 6 bytes, each padded to a multiple of 4 (32, 8, 20, 4, 12, 8, 32, 8). */
type Case = [what: string, make: (m: WeightManifest<VaeConfig>, b: Uint8Array) => [unknown, Uint8Array], message: string];

/** Each corruption, the file it makes and the exact message it must get (after `${FILE}: ` unless it names the blob). */
const uint8Cases: Case[] = [
  ['truncated blob', (m, b) => [m, b.subarray(0, b.length - 4)], `${BIN}: truncated: 120 bytes, ${FILE} says 124`],
  ['extra bytes after the blob', (m, b) => [m, Uint8Array.from([...b, 0, 0, 0, 0])], `${BIN}: 4 extra bytes: 128, ${FILE} says 124`],
  ['a flipped byte', (m, b) => [m, b.map((v, i) => (i === 40 ? v ^ 1 : v))], `${BIN}: checksum mismatch: SHA-256 ·, ${FILE} says ·`],
  ['an unknown format', (m, b) => [edited(m, (x) => (x.format = 'weights-v1')), b], 'unknown format "weights-v1" (expected "nogm-weights")'],
  ['no format tag (the old DDPM manifests)', (m, b) => [edited(m, (x) => delete x.format), b], 'unknown format undefined (expected "nogm-weights")'],
  ['a wrong version', (m, b) => [edited(m, (x) => (x.version = 1)), b], 'unsupported version 1 (expected 2)'],
  ["another model's file", (m, b) => [edited(m, (x) => (x.model = 'hvae')), b], 'holds model "hvae", expected "vae"'],
  ['an unknown dtype', (m, b) => [edited(m, (x) => (x.dtype = 'bfloat16')), b], 'unknown dtype "bfloat16" (expected one of float32, float16, uint8)'],
  ['a missing entry', (m, b) => [edited(m, (x) => x.entries.pop()), b], 'missing entry "decOut.b"'],
  [
    'an extra entry',
    (m, b) => [edited(m, (x) => x.entries.push({ name: 'decOut.gain', shape: [6], offset: 0, min: 0, scale: 1 })), b],
    'entry "decOut.gain" is not a tensor of model "vae" (expected encHidden.w, encHidden.b, encOut.w, encOut.b, decHidden.w, decHidden.b, decOut.w, decOut.b)',
  ],
  ['a repeated entry', (m, b) => [edited(m, (x) => (x.entries[1] = { ...x.entries[0] })), b], 'entry "encHidden.w" appears twice'],
  [
    'a wrong shape',
    (m, b) => [edited(m, (x) => (entry(x, 'encHidden.w').shape = [5, 6])), b],
    'entry "encHidden.w": shape [5, 6] does not match [6, 5], which the config implies',
  ],
  [
    'a negative shape',
    (m, b) => [edited(m, (x) => (entry(x, 'encHidden.w').shape = [-6, -5])), b],
    'entry "encHidden.w": shape must be a list of non-negative integers, got [-6, -5]',
  ],
  [
    'a non-integer shape',
    (m, b) => [edited(m, (x) => (entry(x, 'encOut.b').shape = [4.5])), b],
    'entry "encOut.b": shape must be a list of non-negative integers, got [4.5]',
  ],
  [
    'a huge shape',
    (m, b) => [edited(m, (x) => (entry(x, 'decOut.w').shape = [100000, 100000])), b],
    'entry "decOut.w": shape [100000, 100000] takes the file past 16777216 numbers',
  ],
  [
    'a NaN scale (JSON writes NaN as null)',
    (m, b) => [edited(m, (x) => (entry(x, 'encOut.w').scale = null)), b],
    'entry "encOut.w": uint8 needs a finite scale, got null',
  ],
  [
    'a NaN scale in a parsed object',
    (m, b) => [edited(m, (x) => (entry(x, 'encOut.w').scale = NaN)), b],
    'entry "encOut.w": uint8 needs a finite scale, got null',
  ],
  ['a missing min', (m, b) => [edited(m, (x) => delete entry(x, 'decHidden.b').min), b], 'entry "decHidden.b": uint8 needs a finite min, got undefined'],
  [
    'an offset past the end',
    (m, b) => [edited(m, (x) => (entry(x, 'decOut.b').offset = 120)), b],
    'entry "decOut.b": bytes 120 … 126 run past the blob\'s 124',
  ],
  [
    'a negative offset',
    (m, b) => [edited(m, (x) => (entry(x, 'encHidden.b').offset = -4)), b],
    'entry "encHidden.b": offset must be a non-negative integer, got -4',
  ],
  [
    'a byteLength over the cap',
    (m, b) => [edited(m, (x) => (x.byteLength = MAX_BYTES + 1)), b],
    `byteLength must be an integer in 0 … ${MAX_BYTES}, got ${MAX_BYTES + 1}`,
  ],
  ['no checksum', (m, b) => [edited(m, (x) => delete x.sha256), b], 'sha256 must be 64 lowercase hex digits, got undefined'],
  ['entries that are not a list', (m, b) => [edited(m, (x) => (x.entries = {})), b], 'entries must be a list, got {}'],
  ['an entry without a name', (m, b) => [edited(m, (x) => delete x.entries[2].name), b], 'entry 2 has no name'],
  ['not an object', (_m, b) => [[1, 2], b], 'not a weights manifest (expected a JSON object, got [1, 2])'],
  ['a config with a negative width', (m, b) => [edited(m, (x) => (x.config.hiddenDim = -5)), b], 'config.hiddenDim must be an integer in 1 … 16384, got -5'],
  [
    'a config asking for an absurd model',
    (m, b) => [edited(m, (x) => (x.config.hiddenDim = 1e9)), b],
    'config.hiddenDim must be an integer in 1 … 16384, got 1000000000',
  ],
  ['a config with a missing field', (m, b) => [edited(m, (x) => delete x.config.latentDim), b], 'config.latentDim is missing'],
  ['a config with an unknown field', (m, b) => [edited(m, (x) => (x.config.dropout = 0.1)), b], 'config has unknown field dropout'],
  ['a config with a NaN rate', (m, b) => [edited(m, (x) => (x.config.learningRate = null)), b], 'config.learningRate must be a number in (0, 1], got null'],
  ['no config', (m, b) => [edited(m, (x) => delete x.config), b], 'config must be an object, got undefined'],
];

describe('validateManifest refuses every corruption with its own message, naming the file', () => {
  test.each(uint8Cases)('%s', async (_what, make, message) => {
    const { manifest, bytes } = await valid('uint8');
    const [json, blob] = make(manifest, bytes);
    const error = await validateManifest(json, { file: FILE, blob, spec: vaeWeightSpec }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    // The checksum case shows the first 12 hex digits of two digests; compare them as a pattern.
    const shown = (error as Error).message.replace(/[0-9a-f]{12}…/g, '·');
    expect(shown).toBe(message.startsWith(BIN) ? message : `${FILE}: ${message}`);
  });

  test('a float32 entry that overruns the blob is refused before decoding (no bare RangeError)', async () => {
    const { manifest, bytes } = await valid('float32');
    const json = edited(manifest, (x) => (entry(x, 'decOut.b').offset = manifest.byteLength - 8));
    await expect(readWeights(json, bytes, vaeWeightSpec, FILE)).rejects.toThrow(
      `${FILE}: entry "decOut.b": bytes ${manifest.byteLength - 8} … ${manifest.byteLength + 16} run past the blob's ${manifest.byteLength}`,
    );
  });

  test('a NaN stored in a float32 blob (checksum and all consistent) is refused when decoded', async () => {
    const tensors = tensorsFor(config);
    tensors[1].values[3] = NaN;
    const { manifest, bytes } = await encodeWeightFile(vaeWeightSpec, config, tensors, 'float32');
    await expect(readWeights(manifest, bytes, vaeWeightSpec, FILE)).rejects.toThrow(`${FILE}: entry "encHidden.b": value 3 is NaN`);
  });

  test('an Infinity stored as float16 is refused too', async () => {
    const tensors = tensorsFor(config);
    tensors[0].values[0] = 1e6; // beyond float16's 65504: stored as +Inf
    const { manifest, bytes } = await encodeWeightFile(vaeWeightSpec, config, tensors, 'float16');
    await expect(readWeights(manifest, bytes, vaeWeightSpec, FILE)).rejects.toThrow(`${FILE}: entry "encHidden.w": value 0 is Infinity`);
  });
});

describe('loadWeightFile', () => {
  /** A fetch over an in-memory folder. */
  const fakeFetch =
    (files: Record<string, Uint8Array>): FetchLike =>
    async (url) => {
      const body = files[url];
      return { ok: body !== undefined, status: body ? 200 : 404, arrayBuffer: async () => body.slice().buffer };
    };
  const json = (m: unknown) => new TextEncoder().encode(JSON.stringify(m));

  test('fetches, validates and decodes weights.json and weights.bin under a folder URL', async () => {
    const { manifest, bytes } = await valid('float16');
    const file = await loadWeightFile('/m/', vaeWeightSpec, fakeFetch({ '/m/weights.json': json(manifest), '/m/weights.bin': bytes }));
    expect(file.tensors.map((t) => t.shape)).toEqual(vaeWeightSpec.tensors(config).map((t) => t.shape));
  });

  test('names the URL of a missing file, of bad JSON and of a failed check', async () => {
    const { manifest, bytes } = await valid('float16');
    await expect(loadWeightFile('/m/', vaeWeightSpec, fakeFetch({ '/m/weights.json': json(manifest) }))).rejects.toThrow('/m/weights.bin: HTTP 404');
    await expect(
      loadWeightFile('/m/', vaeWeightSpec, fakeFetch({ '/m/weights.json': new TextEncoder().encode('{"format":'), '/m/weights.bin': bytes })),
    ).rejects.toThrow(/^\/m\/weights\.json: not valid JSON/);
    await expect(loadWeightFile('/m/', vaeWeightSpec, fakeFetch({ '/m/weights.json': json(manifest), '/m/weights.bin': bytes.subarray(2) }))).rejects.toThrow(
      `/m/weights.bin: truncated: ${bytes.length - 2} bytes, /m/weights.json says ${bytes.length}`,
    );
  });
});

describe('unpackTensors (the codec under the format) on its own', () => {
  test('refuses an unknown format, an overrun and a missing scale instead of decoding garbage', async () => {
    const { unpackTensors } = await import('../../../src/ml/weightCodec.ts');
    const bytes = new Uint8Array(8);
    expect(() => unpackTensors([{ name: 'w', shape: [2], offset: 0 }], 'int4' as WeightFormat, bytes, 8)).toThrow('weights: unknown format int4');
    expect(() => unpackTensors([{ name: 'w', shape: [2], offset: 4 }], 'float32', bytes, 8)).toThrow("weights: w runs past the blob's 8 bytes");
    expect(() => unpackTensors([{ name: 'w', shape: [2], offset: 0, min: 0 }], 'uint8', bytes, 8)).toThrow('weights: w needs a finite min and scale');
  });
});

test('float16 decoding gives fromHalf of every one of the 65,536 bit patterns (NaN as NaN)', () => {
  const bytes = new Uint8Array(2 * 65536);
  const view = new DataView(bytes.buffer);
  for (let h = 0; h < 65536; h++) view.setUint16(2 * h, h, true);
  const [decoded] = unpackTensors([{ name: 'all', shape: [65536], offset: 0 }], 'float16', bytes, bytes.byteLength);
  const wrong: number[] = [];
  for (let h = 0; h < 65536; h++) {
    const want = Math.fround(fromHalf(h));
    if (!(decoded[h] === want || (Number.isNaN(want) && Number.isNaN(decoded[h])))) wrong.push(h);
  }
  expect(wrong).toEqual([]);
});
