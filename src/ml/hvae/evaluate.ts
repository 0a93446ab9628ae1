/**
 * Test-set numbers for a trained HVAE, in nats per digit: −ELBO (eq. hvae-elbo, one joint sample)
 * with its three terms, and the importance-weighted estimate of −log p(x) (k joint samples).
 * Batched; one readback per batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistSet } from '../data/mnist.ts';
import { sumOverBatches } from '../eval/batched.ts';
import { deriveSeed } from '../random.ts';
import { hvaeIwBound, hvaeLoss, type HvaeParams } from './model.ts';

/** Options of the evaluations. */
export interface HvaeEvalOptions {
  seed: number;
  /** Digits evaluated (the first `count`); default all. */
  count?: number;
  /** Digits per batch; default 500 (ELBO) or 50 (importance sampling). */
  batch?: number;
  /** Importance samples per digit; default 1000. */
  samples?: number;
}

/** Mean −ELBO and its terms over the first `count` digits of `set`. */
export async function hvaeTestNegElbo(
  p: HvaeParams,
  set: MnistSet,
  options: HvaeEvalOptions,
): Promise<{ negElbo: number; reconstruction: number; klZ1: number; klZ2: number }> {
  const count = options.count ?? set.count;
  const sums = await sumOverBatches(set, count, options.batch ?? 500, (x, n, i) => {
    const l = hvaeLoss(p, x, deriveSeed(options.seed, i));
    return tf.mul(tf.stack([l.loss, l.reconstruction, l.klZ1, l.klZ2]), n);
  });
  const [negElbo, reconstruction, klZ1, klZ2] = sums.map((s) => s / count);
  return { negElbo, reconstruction, klZ1, klZ2 };
}

/** Mean importance-weighted −log p(x) (k joint samples, default 1000) over the first `count` digits. */
export async function hvaeTestNegLogPx(p: HvaeParams, set: MnistSet, options: HvaeEvalOptions): Promise<number> {
  const count = options.count ?? set.count;
  const k = options.samples ?? 1000;
  const [sum] = await sumOverBatches(set, count, options.batch ?? 50, (x, _n, i) => tf.sum(hvaeIwBound(p, x, k, deriveSeed(options.seed, i))));
  return -sum / count;
}
