/**
 * The one weight-file format of every model in public/models (VAE, HVAE, both DDPMs), and its checks.
 * A model is two files: weights.bin, the blob of ./weightCodec.ts, and weights.json, its manifest:
 *
 *   { "format": "nogm-weights", "version": 2,      what this file is (version 1 was the VAE's 'weights-v1')
 *     "model": "vae" | "hvae" | "ddpm2d" | "ddpm-mnist" | "digit-classifier",
 *     "config": { … },                              the model's full config: shapes follow from it
 *     "dtype": "float32" | "float16" | "uint8",     how every number is stored
 *     "byteLength": 652824,                         the blob's size
 *     "sha256": "…",                                hex SHA-256 of the blob
 *     "entries": [{ "name", "shape", "offset", "min"?, "scale"? }, …] }   min/scale: uint8 only
 *
 * Both files are untrusted (a contributor can commit a broken one, a host can truncate one), so
 * `validateManifest` checks everything before any model is built, and every failure names the file,
 * the entry and what is wrong. Browser-safe: fetch and crypto.subtle only.
 */
import { checkConfig, type FieldRule } from './configCheck.ts';
import { packTensors, unpackTensors, type WeightEntry, type WeightFormat } from './weightCodec.ts';

export const WEIGHTS_FORMAT = 'nogm-weights';
export const WEIGHTS_VERSION = 2;
/** At most this many numbers in one file (16 M: ~15× the largest model here, ddpm-mnist's 1.1 M). */
export const MAX_ELEMENTS = 16 * 2 ** 20;
/** At most this many blob bytes (64 MiB: MAX_ELEMENTS as float32). */
export const MAX_BYTES = 4 * MAX_ELEMENTS;

const DTYPES: readonly WeightFormat[] = ['float32', 'float16', 'uint8'];
const WIDTH: Record<WeightFormat, number> = { float32: 4, float16: 2, uint8: 1 };

/** Which model a file holds. */
export type ModelKind = 'vae' | 'hvae' | 'ddpm2d' | 'ddpm-mnist' | 'digit-classifier';

/** weights.json. */
export interface WeightManifest<C = unknown> {
  format: typeof WEIGHTS_FORMAT;
  version: typeof WEIGHTS_VERSION;
  model: ModelKind;
  config: C;
  dtype: WeightFormat;
  byteLength: number;
  sha256: string;
  entries: WeightEntry[];
}

/** What a model expects of its files: its tag, its config's rules, and the tensors a config implies. */
export interface WeightSpec<C> {
  model: ModelKind;
  config: { [K in keyof C]-?: FieldRule };
  /** Every tensor the model needs, by name, with the shape `config` gives it (in the model's order). */
  tensors(config: C): { name: string; shape: number[] }[];
}

/** A validated file, decoded: the config and every tensor in the spec's order. */
export interface WeightFile<C> {
  model: ModelKind;
  config: C;
  tensors: { name: string; shape: number[]; values: Float32Array }[];
}

/** A named host tensor, as models hand them over for saving. */
export interface HostTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Hex SHA-256 of bytes (crypto.subtle: Node ≥ 19, browsers and workers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Packs a model's tensors (in its spec's order) into a manifest and blob of `dtype`. */
export async function encodeWeightFile<C>(
  spec: WeightSpec<C>,
  config: C,
  tensors: HostTensor[],
  dtype: WeightFormat,
): Promise<{ manifest: WeightManifest<C>; bytes: Uint8Array }> {
  const { entries, bytes } = packTensors(tensors, dtype);
  const manifest: WeightManifest<C> = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    model: spec.model,
    config,
    dtype,
    byteLength: bytes.byteLength,
    sha256: await sha256Hex(bytes),
    entries,
  };
  return { manifest, bytes };
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : Array.isArray(v) ? `[${v.map(String).join(', ')}]` : (JSON.stringify(v) ?? String(v)));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed weights.json against its blob and the model's spec, before anything is built:
 * format and version, model tag, config (./configCheck.ts), dtype, blob size and SHA-256, and per
 * entry: a shape of non-negative integers equal to the one the config implies, offset + length
 * inside the blob, finite min/scale for uint8; no missing, extra or repeated names; size caps.
 * Throws `${file}: …` naming the entry and what is wrong (`${blobFile}: …` for the blob's size and
 * checksum; blobFile defaults to file with .bin for .json); returns the manifest typed.
 */
export async function validateManifest<C>(
  json: unknown,
  opts: { file: string; blob: Uint8Array; spec: WeightSpec<C>; blobFile?: string },
): Promise<WeightManifest<C>> {
  const { file, blob, spec } = opts;
  const blobFile = opts.blobFile ?? file.replace(/\.json$/, '.bin');
  const fail = (what: string, where = file): never => {
    throw new Error(`${where}: ${what}`);
  };
  // 1) What the file says it is.
  if (!isObject(json)) fail(`not a weights manifest (expected a JSON object, got ${show(json)})`);
  const m = json as Record<string, unknown>;
  if (m.format !== WEIGHTS_FORMAT) fail(`unknown format ${show(m.format)} (expected "${WEIGHTS_FORMAT}")`);
  if (m.version !== WEIGHTS_VERSION) fail(`unsupported version ${show(m.version)} (expected ${WEIGHTS_VERSION})`);
  if (m.model !== spec.model) fail(`holds model ${show(m.model)}, expected "${spec.model}"`);
  const config = checkConfig<C>(m.config, spec.config, file);
  if (typeof m.dtype !== 'string' || !DTYPES.includes(m.dtype as WeightFormat)) fail(`unknown dtype ${show(m.dtype)} (expected one of ${DTYPES.join(', ')})`);
  const dtype = m.dtype as WeightFormat;
  // 2) The blob: size first (cheap and specific), then the checksum.
  const byteLength = m.byteLength;
  if (typeof byteLength !== 'number' || !Number.isInteger(byteLength) || byteLength < 0 || byteLength > MAX_BYTES)
    fail(`byteLength must be an integer in 0 … ${MAX_BYTES}, got ${show(byteLength)}`);
  if (blob.byteLength < (byteLength as number)) fail(`truncated: ${blob.byteLength} bytes, ${file} says ${byteLength}`, blobFile);
  if (blob.byteLength > (byteLength as number))
    fail(`${blob.byteLength - (byteLength as number)} extra bytes: ${blob.byteLength}, ${file} says ${byteLength}`, blobFile);
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) fail(`sha256 must be 64 lowercase hex digits, got ${show(m.sha256)}`);
  // 3) Entries, one by one.
  if (!Array.isArray(m.entries)) fail(`entries must be a list, got ${show(m.entries)}`);
  const expected = new Map(spec.tensors(config).map((t) => [t.name, t.shape]));
  const seen = new Set<string>();
  let total = 0;
  for (const [k, e] of (m.entries as unknown[]).entries()) {
    if (!isObject(e) || typeof e.name !== 'string') fail(`entry ${k} has no name`);
    const entry = e as Record<string, unknown>;
    const at = `entry "${entry.name as string}"`;
    if (seen.has(entry.name as string)) fail(`${at} appears twice`);
    seen.add(entry.name as string);
    const want = expected.get(entry.name as string);
    if (!want) fail(`${at} is not a tensor of model "${spec.model}" (expected ${[...expected.keys()].join(', ')})`);
    const shape = entry.shape;
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0))
      fail(`${at}: shape must be a list of non-negative integers, got ${show(shape)}`);
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    total += size;
    if (size > MAX_ELEMENTS || total > MAX_ELEMENTS) fail(`${at}: shape ${show(shape)} takes the file past ${MAX_ELEMENTS} numbers`);
    if ((shape as number[]).join() !== want!.join()) fail(`${at}: shape ${show(shape)} does not match [${want!.join(', ')}], which the config implies`);
    const offset = entry.offset;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) fail(`${at}: offset must be a non-negative integer, got ${show(offset)}`);
    const end = (offset as number) + size * WIDTH[dtype];
    if (end > (byteLength as number)) fail(`${at}: bytes ${offset} … ${end} run past the blob's ${byteLength}`);
    if (dtype === 'uint8') {
      for (const key of ['min', 'scale'] as const)
        if (typeof entry[key] !== 'number' || !Number.isFinite(entry[key])) fail(`${at}: uint8 needs a finite ${key}, got ${show(entry[key])}`);
    }
  }
  const missing = [...expected.keys()].filter((n) => !seen.has(n));
  if (missing.length) fail(`missing entr${missing.length > 1 ? 'ies' : 'y'} ${missing.map((n) => `"${n}"`).join(', ')}`);
  // 4) Last, as it reads every byte: the blob is the one the manifest was written for.
  const digest = await sha256Hex(blob);
  // Short digests (12 hex digits, like git's) keep the message readable in an example's status line.
  if (digest !== m.sha256) fail(`checksum mismatch: SHA-256 ${digest.slice(0, 12)}…, ${file} says ${(m.sha256 as string).slice(0, 12)}…`, blobFile);
  return json as unknown as WeightManifest<C>;
}

/**
 * Validates (see validateManifest), then decodes every tensor in the spec's order; a stored NaN or
 * ±Inf (float32/float16 can hold them) is refused too, so a model never receives non-finite weights.
 */
export async function readWeights<C>(json: unknown, blob: Uint8Array, spec: WeightSpec<C>, file: string): Promise<WeightFile<C>> {
  const manifest = await validateManifest(json, { file, blob, spec });
  const byName = new Map(manifest.entries.map((e) => [e.name, e]));
  const order = spec.tensors(manifest.config).map((t) => byName.get(t.name)!);
  const values = unpackTensors(order, manifest.dtype, blob, manifest.byteLength);
  const tensors = order.map((e, k) => {
    const bad = firstNonFinite(values[k]);
    if (bad >= 0) throw new Error(`${file}: entry "${e.name}": value ${bad} is ${values[k][bad]}`);
    return { name: e.name, shape: e.shape, values: values[k] };
  });
  return { model: manifest.model, config: manifest.config, tensors };
}

/** Index of the first NaN or ±Inf, or −1 (a plain loop: a callback per value cost ~60 ms on the VAE's 0.6 M weights). */
function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] !== 0) return i; // NaN and ±Inf give NaN
  return -1;
}

/** Fetches the way `fetch` does (injectable for tests and Node). */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * Fetches `${folderUrl}weights.json` and `weights.bin`, validates and decodes them (readWeights).
 * Every failure (HTTP status, bad JSON, any check) is an Error naming the URL.
 */
export async function loadWeightFile<C>(folderUrl: string, spec: WeightSpec<C>, fetchImpl: FetchLike = (url) => fetch(url)): Promise<WeightFile<C>> {
  const jsonUrl = `${folderUrl}weights.json`;
  const binUrl = `${folderUrl}weights.bin`;
  const get = async (url: string) => {
    const r = await fetchImpl(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  const [jsonBytes, blob] = await Promise.all([get(jsonUrl), get(binUrl)]);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch (err) {
    throw new Error(`${jsonUrl}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  return readWeights(json, blob, spec, jsonUrl);
}
