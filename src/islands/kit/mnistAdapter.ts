/**
 * Worker side, what the adapters of the examples that train on MNIST (the VAE, the HVAE) share: the
 * digits the site ships, the first test digits on the backend (reconstructed and shown above their
 * reconstructions), the steps' terms under the equation's names, and the fixed noise seed of the
 * held-out evaluation. The models and their math stay in src/ml.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../ml/random.ts';
import { loadMnistSplit, setToTensor, type MnistManifest, type MnistSet, type MnistSplit } from '../../ml/data/mnist.ts';
import type { TrainableModel } from '../../ml/train/types.ts';
import type { AdapterContext } from './adapter.ts';

/**
 * The site's digits (public/data): 10,000 training digits and the test set, each split fetched and
 * checked against the manifest on its first use, once. Showing a committed model needs only the test
 * digits; the training digits (7.8 MB) wait until the reader trains.
 */
export function siteMnist(ctx: AdapterContext): (split: MnistSplit) => Promise<MnistSet> {
  let manifest: Promise<MnistManifest> | null = null;
  const loads = new Map<MnistSplit, Promise<MnistSet>>();
  return (split) => {
    const known = loads.get(split);
    if (known) return known;
    manifest ??= ctx.json<MnistManifest>('data/mnist.json');
    const load = manifest.then((m) => loadMnistSplit(m, split, (path) => ctx.bytes(`data/${path}`)));
    loads.set(split, load);
    // A failed load is not remembered: the next use tries again.
    load.catch(() => {
      loads.delete(split);
      manifest = null;
    });
    return load;
  };
}

/** The first `n` test digits on the backend [n, 784], and their pixels read back once (a copy for each snapshot). */
export async function uploadDigits(set: MnistSet, n: number): Promise<{ tensor: tf.Tensor2D; pixels: Float32Array }> {
  const tensor = setToTensor(set, n);
  return { tensor, pixels: (await tensor.data()).slice() as Float32Array };
}

/** `terms` under new names, `names[term]` for each; a term not in `names` is dropped. */
export function renameTerms<T>(terms: Readonly<Record<string, T>>, names: Readonly<Record<string, string>>): Record<string, T> {
  return Object.fromEntries(Object.entries(names).map(([from, to]) => [to, terms[from]]));
}

/** The model with its step's terms renamed (the trainer reports them by these names, so the curves carry the equation's data-terms). */
export function withTermNames<M extends TrainableModel>(model: M, names: Readonly<Record<string, string>>): M {
  return {
    ...model,
    step(k: number) {
      const r = model.step(k);
      return { loss: r.loss, terms: renameTerms(r.terms!, names) };
    },
  };
}

/**
 * The noise seed of every held-out evaluation: fixed, so two evaluations differ only by the weights
 * (`npm run train -- vae-preview` and `hvae-preview` evaluate the committed models with the same).
 */
export const heldOutSeed = (stream: number): number => deriveSeed(1, stream);
