/**
 * What `npm run train -- vae` and `-- hvae` share: training on MNIST with a per-epoch curve, the
 * quantization tolerance of their format choice (./chooseFormat.ts), and writing weights.json,
 * weights.bin and metrics.json. (A folder, so that the
 * train dispatcher does not list it as a model.)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { initBackend, type BackendReport } from '../../../src/ml/backend.ts';
import { loadMnistFull } from '../../../src/node/mnist.ts';
import { createBatcher, type MnistSet } from '../../../src/ml/data/mnist.ts';
import { createTrainer, type TrainMetrics } from '../../../src/ml/train/trainer.ts';
import type { TrainableModel } from '../../../src/ml/train/types.ts';
import { manifestJson, type Encoded } from './chooseFormat.ts';

/** The options both commands take (spread into parseArgs's options). */
export const COMMON_OPTIONS = {
  epochs: { type: 'string', default: '10' },
  out: { type: 'string' }, // another folder, e.g. for a quick trial run that must not touch public/
  limit: { type: 'string' }, // train on the first N digits only (quick trials)
  seed: { type: 'string', default: '1' },
} as const;

/** Starts the backend (WASM, else CPU) and loads MNIST: the training set, cut to `limit` digits if given, and the test set. */
export async function setup(limit: string | undefined): Promise<{ backend: BackendReport; train: MnistSet; test: MnistSet }> {
  const backend = await initBackend({ candidates: ['wasm', 'cpu'] });
  console.log(`backend ${backend.backend} (threads ${backend.threads ?? '-'})`);
  const full = await loadMnistFull();
  return { backend, train: limit ? { ...full.train, count: Number(limit) } : full.train, test: full.test };
}

/** Quantization may cost at most this many nats of test −ELBO (chooseFormat's tolerance). */
export const QUANTIZATION_TOLERANCE = 0.1;

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Trains the model `make` builds for `epochs` epochs of batch-128 MNIST, logging `${label} epoch N: …`. */
export async function trainEpochs<M extends TrainableModel>(
  label: string,
  make: (seed: number, nextBatch: () => ReturnType<ReturnType<typeof createBatcher>['next']>) => M,
  train: MnistSet,
  epochs: number,
  seed: number,
): Promise<{ model: M; curve: TrainMetrics[]; trainSeconds: number; dispose: () => void }> {
  const batcher = createBatcher(train, 128, seed);
  const curve: TrainMetrics[] = [];
  const trainer = createTrainer((s) => make(s, () => batcher.next()), {
    seed,
    reportEvery: batcher.batchesPerEpoch,
    onMetrics: (m) => {
      curve.push(m);
      console.log(`${label} epoch ${curve.length}: loss ${m.loss.toFixed(2)}, ${m.msPerStep.toFixed(1)} ms/step`);
    },
  });
  const t0 = performance.now();
  const summary = await trainer.start(epochs * batcher.batchesPerEpoch);
  const trainSeconds = (performance.now() - t0) / 1000;
  if (summary.state !== 'done') throw new Error(`${label}: training stopped: ${JSON.stringify(summary)}`);
  return { model: trainer.model as M, curve, trainSeconds, dispose: () => trainer.dispose() };
}

/** The per-epoch rows of metrics.json: loss, the named terms, ms/step. */
export function curveRows(curve: TrainMetrics[], terms: string[]): Record<string, number>[] {
  return curve.map((m, i) => ({
    epoch: i + 1,
    loss: round(m.loss, 3),
    ...Object.fromEntries(terms.map((t) => [t, round(m.terms[t], 3)])),
    msPerStep: round(m.msPerStep, 2),
  }));
}

/** Writes weights.bin, weights.json and metrics.json into `dir`. */
export async function writeModel(dir: URL, encoded: Encoded<unknown>, metrics: object): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(new URL('weights.bin', dir), encoded.bytes);
  await writeFile(new URL('weights.json', dir), manifestJson(encoded.manifest));
  await writeFile(new URL('metrics.json', dir), JSON.stringify(metrics, null, 2) + '\n');
}
