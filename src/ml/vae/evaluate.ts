/**
 * Test-set numbers for a trained VAE, in nats per digit: the negative ELBO (eq. vae-loss, one
 * sample, closed-form KL) and the importance-sampled −log p(x) (k samples from q(z|x) as proposal).
 * Runs in batches so memory stays bounded; reads back once per batch.
 */
import * as tf from '@tensorflow/tfjs';
import { estimateLogPx } from '../math/bounds.ts';
import type { MnistSet } from '../data/mnist.ts';
import { sumOverBatches } from '../eval/batched.ts';
import { deriveSeed } from '../random.ts';
import { bernoulliLogLikelihood, encode, vaeLoss } from './model.ts';
import type { VaeParams } from './params.ts';

/** Options of the evaluations. */
export interface EvalOptions {
  seed: number;
  /** Digits evaluated (the first `count` of the set); default all. */
  count?: number;
  /** Digits per batch; default 500 (ELBO) or 100 (log p(x)). */
  batch?: number;
  /** Importance samples per digit for −log p(x); default 1000. */
  samples?: number;
}

/** Mean −ELBO over the first `count` digits of `set`. */
export async function testNegElbo(p: VaeParams, set: MnistSet, options: EvalOptions): Promise<number> {
  const count = options.count ?? set.count;
  const [sum] = await sumOverBatches(set, count, options.batch ?? 500, (x, n, i) => tf.mul(vaeLoss(p, x, deriveSeed(options.seed, i)).loss, n));
  return sum / count;
}

/** Mean importance-sampled −log p(x) (default k = 1000) over the first `count` digits of `set`. */
export async function testNegLogPx(p: VaeParams, set: MnistSet, options: EvalOptions): Promise<number> {
  const count = options.count ?? set.count;
  const [sum] = await sumOverBatches(set, count, options.batch ?? 100, (x, _n, i) =>
    tf.sum(estimateLogPx(encode(p, x), bernoulliLogLikelihood(p, x), deriveSeed(options.seed, i), { samples: options.samples ?? 1000, chunk: 100 })),
  );
  return -sum / count;
}
