/**
 * MNIST digits: parsing the raw idx files, checking the compact browser assets, and seeded batching.
 *
 * Browser-safe: no fs here. Bytes come from a loader the caller passes in (fetch in a Worker,
 * fs in Node: see src/node/mnist.ts). Digits stay uint8 in memory (a quarter of float32) and become
 * Float32 intensities in [0, 1] only one batch at a time.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, mulberry32 } from '../random.ts';
import { verifyAsset, type MnistManifest } from './mnistAssets.ts';

// The asset checks have no TF.js, so a page can verify digits without loading it (mnistAssets.ts).
export { fnv1a32, verifyAsset, type MnistAssetFile, type MnistManifest } from './mnistAssets.ts';

/** Pixels per digit (28 x 28). */
export const MNIST_PIXELS = 784;

/** A set of digits: `count` images of rows x cols uint8 pixels, row-major, plus their labels. */
export interface MnistSet {
  count: number;
  rows: number;
  cols: number;
  /** [count * rows * cols] intensities 0..255. */
  images: Uint8Array;
  /** [count] digit classes 0..9. */
  labels: Uint8Array;
}

/** Reads a file's bytes (fetch in the browser, fs in Node). */
export type ReadBytes = (path: string) => Promise<Uint8Array>;

function readU32BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** Parses an idx3-ubyte image file (magic 2051, then count, rows, cols); `name` appears in every error. */
export function parseIdxImages(bytes: Uint8Array, name: string): { count: number; rows: number; cols: number; images: Uint8Array } {
  if (bytes.length < 16) throw new Error(`${name}: truncated idx header (${bytes.length} bytes)`);
  const magic = readU32BE(bytes, 0);
  if (magic !== 2051) throw new Error(`${name}: bad idx image magic number ${magic} (expected 2051)`);
  const count = readU32BE(bytes, 4);
  const rows = readU32BE(bytes, 8);
  const cols = readU32BE(bytes, 12);
  if (rows !== 28 || cols !== 28) throw new Error(`${name}: expected 28x28 digits, got ${rows}x${cols}`);
  const expected = 16 + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`${name}: ${bytes.length} bytes, expected ${expected} for ${count} digits`);
  return { count, rows, cols, images: bytes.subarray(16) };
}

/** Parses an idx1-ubyte label file (magic 2049, then count); `name` appears in every error. */
export function parseIdxLabels(bytes: Uint8Array, name: string): Uint8Array {
  if (bytes.length < 8) throw new Error(`${name}: truncated idx header (${bytes.length} bytes)`);
  const magic = readU32BE(bytes, 0);
  if (magic !== 2049) throw new Error(`${name}: bad idx label magic number ${magic} (expected 2049)`);
  const count = readU32BE(bytes, 4);
  if (bytes.length !== 8 + count) throw new Error(`${name}: ${bytes.length} bytes, expected ${8 + count} for ${count} labels`);
  return bytes.subarray(8);
}

/** The two halves of the compact assets: the training digits and the test digits. */
export type MnistSplit = 'train' | 'test';

/**
 * Loads and verifies one split of the compact assets listed in a manifest (public/data/mnist.json):
 * a page that only shows test digits never fetches or checks the 7.8 MB of training digits.
 */
export async function loadMnistSplit(manifest: MnistManifest, split: MnistSplit, read: ReadBytes): Promise<MnistSet> {
  const f = manifest.files;
  const [imageFile, labelFile] = split === 'train' ? [f.trainImages, f.trainLabels] : [f.testImages, f.testLabels];
  const [images, labels] = await Promise.all([imageFile, labelFile].map(async (file) => verifyAsset(file, await read(file.path))));
  const [count, rows, cols] = imageFile.shape;
  if (labels.length !== count) throw new Error(`${imageFile.path}: ${count} images but ${labels.length} labels`);
  return { count, rows, cols, images, labels };
}

/** Loads and verifies both splits of the compact assets listed in a manifest. */
export async function loadMnistAssets(manifest: MnistManifest, read: ReadBytes): Promise<{ train: MnistSet; test: MnistSet }> {
  const [train, test] = await Promise.all([loadMnistSplit(manifest, 'train', read), loadMnistSplit(manifest, 'test', read)]);
  return { train, test };
}

/** 0..255 → [0, 1], looked up rather than divided per pixel. */
const INTENSITY = Float32Array.from({ length: 256 }, (_, i) => i / 255);

/** Fills `out` ([n * 784]) with digits `order[start..start+n)` of `set` as intensities in [0, 1]. */
export function fillIntensities(set: MnistSet, order: ArrayLike<number>, start: number, n: number, out: Float32Array): Float32Array {
  const px = set.rows * set.cols;
  for (let r = 0; r < n; r++) {
    const src = order[start + r] * px;
    const dst = r * px;
    for (let j = 0; j < px; j++) out[dst + j] = INTENSITY[set.images[src + j]];
  }
  return out;
}

/** A seeded permutation of 0..n-1 (Fisher–Yates); the same seed gives the same order. */
export function shuffledIndices(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const u = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Yields training batches: a fresh seeded shuffle per epoch, the last partial batch kept. */
export interface MnistBatcher {
  /** The next batch, [b, 784] float32 in [0, 1]; the caller disposes it. */
  next(): tf.Tensor2D;
  /** Completed epochs so far. */
  readonly epoch: number;
  /** Batches per epoch (ceil(count / batchSize)). */
  readonly batchesPerEpoch: number;
  /** Back to epoch 0, batch 0 (same seed, same order). */
  reset(): void;
}

/**
 * Creates a batcher over `set`. One Float32Array is allocated up front and reused: each batch is
 * one `tf.tensor2d` upload from it, so a step allocates exactly one input tensor.
 */
export function createBatcher(set: MnistSet, batchSize: number, seed: number): MnistBatcher {
  const px = set.rows * set.cols;
  const buffer = new Float32Array(batchSize * px);
  const batchesPerEpoch = Math.ceil(set.count / batchSize);
  let epoch = 0;
  let cursor = 0;
  let order = shuffledIndices(set.count, deriveSeed(seed, 0));
  return {
    next() {
      if (cursor >= set.count) {
        epoch += 1;
        cursor = 0;
        order = shuffledIndices(set.count, deriveSeed(seed, epoch));
      }
      const n = Math.min(batchSize, set.count - cursor);
      fillIntensities(set, order, cursor, n, buffer);
      cursor += n;
      // tensor2d copies the values into the backend, so the buffer can be refilled next step.
      return tf.tensor2d(n === batchSize ? buffer : buffer.subarray(0, n * px), [n, px]);
    },
    get epoch() {
      return epoch;
    },
    batchesPerEpoch,
    reset() {
      epoch = 0;
      cursor = 0;
      order = shuffledIndices(set.count, deriveSeed(seed, 0));
    },
  };
}

/** The first `n` digits of a set as one [n, 784] float32 tensor in [0, 1] (for evaluation). */
export function setToTensor(set: MnistSet, n = set.count, start = 0): tf.Tensor2D {
  const px = set.rows * set.cols;
  const out = new Float32Array(n * px);
  for (let i = 0; i < n * px; i++) out[i] = INTENSITY[set.images[start * px + i]];
  return tf.tensor2d(out, [n, px]);
}
