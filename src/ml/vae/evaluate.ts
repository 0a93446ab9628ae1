/**
 * Test-set numbers for a trained VAE, in nats per digit: the negative ELBO (eq. vae-loss, one
 * sample, closed-form KL) and the importance-sampled −log p(x) (k samples from q(z|x) as proposal).
 * Runs in batches so memory stays bounded; reads back once per batch.
 */
import * as tf from '@tensorflow/tfjs';
import { estimateLogPx } from '../math/bounds.ts';
import { setToTensor, type MnistSet } from '../data/mnist.ts';
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
  const batch = options.batch ?? 500;
  let sum = 0;
  for (let start = 0, i = 0; start < count; start += batch, i++) {
    const n = Math.min(batch, count - start);
    const x = setToTensor(set, n, start);
    const loss = tf.tidy(() => tf.mul(vaeLoss(p, x, deriveSeed(options.seed, i)).loss, n));
    sum += (await loss.data())[0];
    tf.dispose([x, loss]);
  }
  return sum / count;
}

/** Mean importance-sampled −log p(x) (default k = 1000) over the first `count` digits of `set`. */
export async function testNegLogPx(p: VaeParams, set: MnistSet, options: EvalOptions): Promise<number> {
  const count = options.count ?? set.count;
  const batch = options.batch ?? 100;
  let sum = 0;
  for (let start = 0, i = 0; start < count; start += batch, i++) {
    const n = Math.min(batch, count - start);
    const x = setToTensor(set, n, start);
    const q = encode(p, x);
    const logPx = estimateLogPx(q, bernoulliLogLikelihood(p, x), deriveSeed(options.seed, i), {
      samples: options.samples ?? 1000,
      chunk: 100,
    });
    const total = tf.sum(logPx);
    sum -= (await total.data())[0];
    tf.dispose([x, q.mu, q.logvar, logPx, total]);
  }
  return sum / count;
}
