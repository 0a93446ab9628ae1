import { describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import {
  createBatcher,
  fnv1a32,
  loadMnistAssets,
  parseIdxImages,
  parseIdxLabels,
  shuffledIndices,
  type MnistManifest,
  type MnistSet,
} from '../../src/ml/data/mnist.ts';
import { loadMnistAssetsFromDir, loadMnistFull } from '../../src/node/mnist.ts';

const dataDir = new URL('../../public/data/', import.meta.url);
const manifestOf = async (): Promise<MnistManifest> => JSON.parse(await readFile(new URL('mnist.json', dataDir), 'utf8'));
const readAsset = async (path: string) => new Uint8Array(await readFile(new URL(path, dataDir)));

/** A tiny set: 5 digits whose every pixel equals the digit's index times 50. */
function tinySet(count = 5): MnistSet {
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) images.fill(i * 50, i * 784, (i + 1) * 784);
  return { count, rows: 28, cols: 28, images, labels: Uint8Array.from({ length: count }, (_, i) => i) };
}

describe('MNIST files', () => {
  test('the full idx set has 60,000 training and 10,000 test digits of 28x28 and labels 0..9', async () => {
    const { train, test } = await loadMnistFull();
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(train.images.length).toBe(60000 * 784);
    expect(Math.max(...test.labels)).toBe(9);
  });

  test('the committed assets pass their checksums and equal the first digits of the full set', async () => {
    const assets = await loadMnistAssetsFromDir(new URL('.', dataDir).pathname);
    const full = await loadMnistFull();
    expect([assets.train.count, assets.test.count]).toEqual([10000, 1000]);
    expect(Buffer.compare(assets.train.images, full.train.images.subarray(0, 10000 * 784))).toBe(0);
    expect(assets.test.labels).toEqual(full.test.labels.subarray(0, 1000));
  });

  test('a corrupt asset is rejected with the file named', async () => {
    const manifest = await manifestOf();
    const read = async (path: string) => {
      const bytes = await readAsset(path);
      if (path === 'mnist-test-images.u8') bytes[1234] ^= 0xff;
      return bytes;
    };
    await expect(loadMnistAssets(manifest, read)).rejects.toThrow(/mnist-test-images\.u8: checksum .* \(corrupt file\)/);
  });

  test('a truncated asset is rejected with the file named', async () => {
    const manifest = await manifestOf();
    const read = async (path: string) => {
      const bytes = await readAsset(path);
      return path === 'mnist-train-labels.u8' ? bytes.subarray(0, 9000) : bytes;
    };
    await expect(loadMnistAssets(manifest, read)).rejects.toThrow(/mnist-train-labels\.u8: 9000 bytes, expected 10000/);
  });

  test('idx parsing rejects a wrong magic number and a truncated body, naming the file', () => {
    const header = (magic: number, ...dims: number[]) => {
      const b = new Uint8Array(4 + 4 * dims.length);
      const v = new DataView(b.buffer);
      [magic, ...dims].forEach((x, i) => v.setUint32(4 * i, x));
      return b;
    };
    expect(() => parseIdxImages(header(2049, 1, 28, 28), 'x.idx')).toThrow(/x\.idx: bad idx image magic number 2049/);
    expect(() => parseIdxImages(header(2051, 1, 28, 28), 'x.idx')).toThrow(/x\.idx: 16 bytes, expected 800/);
    expect(() => parseIdxLabels(header(2051, 0), 'y.idx')).toThrow(/y\.idx: bad idx label magic/);
    expect(parseIdxLabels(Uint8Array.of(...header(2049, 2), 7, 3), 'y.idx')).toEqual(Uint8Array.of(7, 3));
  });

  test('fnv1a32 matches the published FNV-1a test vectors', () => {
    expect(fnv1a32(new Uint8Array())).toBe('811c9dc5');
    expect(fnv1a32(new TextEncoder().encode('a'))).toBe('e40c292c');
    expect(fnv1a32(new TextEncoder().encode('foobar'))).toBe('bf9cf968');
  });
});

describe('createBatcher', () => {
  test('yields [batch, 784] intensities in [0, 1], a partial last batch, then a new epoch', async () => {
    await tf.setBackend('cpu');
    const batcher = createBatcher(tinySet(5), 2, 1);
    expect(batcher.batchesPerEpoch).toBe(3);
    const shapes: number[][] = [];
    const firstPixels: number[] = [];
    for (let i = 0; i < 3; i++) {
      const b = batcher.next();
      shapes.push(b.shape);
      const v = await b.data();
      for (let r = 0; r < b.shape[0]; r++) firstPixels.push(Math.round(v[r * 784] * 255));
      b.dispose();
    }
    expect(shapes).toEqual([
      [2, 784],
      [2, 784],
      [1, 784],
    ]);
    expect(firstPixels.sort((a, b) => a - b)).toEqual([0, 50, 100, 150, 200]); // each digit once per epoch
    expect(batcher.epoch).toBe(0);
    batcher.next().dispose();
    expect(batcher.epoch).toBe(1);
  });

  test('the same seed repeats the same batches; each batch adds exactly one tensor', async () => {
    await tf.setBackend('cpu');
    const set = tinySet(5);
    const a = createBatcher(set, 2, 7);
    const b = createBatcher(set, 2, 7);
    for (let i = 0; i < 6; i++) {
      const before = tf.memory().numTensors;
      const x = a.next();
      const y = b.next();
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(await x.data()).toEqual(await y.data());
      tf.dispose([x, y]);
    }
  });

  test('shuffles differ between seeds and between epochs', () => {
    expect(shuffledIndices(20, 1)).not.toEqual(shuffledIndices(20, 2));
    expect(Array.from(shuffledIndices(20, 1)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
