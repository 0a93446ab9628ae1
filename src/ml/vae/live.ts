/**
 * What a live VAE example reads from the model while it trains, as plain numbers and Float32Arrays
 * (transferable to the page), each with a single `await data()`:
 *
 *   evaluateTerms(params, x, seed)  → { reconstruction, priorMatching, negElbo }, batch means in nats:
 *       reconstruction = E_q[log p_θ(x|z)]   (one reparameterized sample, eq. vae-mc-reconstruction, L = 1)
 *       priorMatching  = KL(q_φ(z|x) ‖ N(0, I)) (closed form, eq. vae-kl-closed)
 *       negElbo        = −reconstruction + priorMatching   (eq. vae-loss; equals vaeLoss(...).loss for the same seed)
 *   vaeSnapshot(params, request)    → { reconstructions?, samples?, latentMeans?, decoded? }:
 *       reconstructions  decoder means sigmoid(decode(mu(x))) of given digits, [n·784]
 *       samples          n digits decoded from z ~ N(0, I) (seeded), [n·784]
 *       latentMeans      encoder means mu(x) of a set, [n·latentDim] (the latent map when latentDim = 2)
 *       decoded          decoder means at given latent points (e.g. the manifold grid), [m·784]
 *
 * Inputs are tensors the caller owns (e.g. the 1,000 held-out digits, uploaded once); nothing here
 * disposes them, and nothing else outlives a call. The manifold grid's points are the caller's too
 * (gridLatent in src/islands/vae-latent/grid.ts lays them out), so src/ml imports nothing from islands.
 */
import * as tf from '@tensorflow/tfjs';
import { decode, encode, reconstruct, sample, vaeLoss } from './model.ts';
import type { VaeParams } from './params.ts';

/** The ELBO's two named terms and −ELBO, as batch means in nats per digit. */
export interface VaeTerms {
  /** E_q[log p_θ(x|z)] (≤ 0): the reconstruction term, one-sample Monte Carlo. */
  reconstruction: number;
  /** KL(q_φ(z|x) ‖ N(0, I)) (≥ 0): the prior-matching term, closed form. */
  priorMatching: number;
  /** −ELBO = −reconstruction + priorMatching: the training objective. */
  negElbo: number;
}

/** Batch means of the ELBO's terms for digits x [batch, 784]; `seed` fixes ε exactly as in vaeLoss. */
export async function evaluateTerms(params: VaeParams, x: tf.Tensor2D, seed: number): Promise<VaeTerms> {
  if (x.rank !== 2 || x.shape[1] !== params.encHidden.w.shape[0]) {
    throw new Error(`evaluateTerms: x must be [batch, ${params.encHidden.w.shape[0]}], got [${x.shape.join(', ')}]`);
  }
  // vaeLoss's `reconstruction` is the negated term (a loss); its `loss` is −ELBO. One read-back for all three.
  const packed = tf.tidy(() => {
    const l = vaeLoss(params, x, seed);
    return tf.stack([tf.neg(l.reconstruction), l.kl, l.loss]);
  });
  const [reconstruction, priorMatching, negElbo] = await packed.data();
  packed.dispose();
  return { reconstruction, priorMatching, negElbo };
}

/** What to read from the model in one snapshot; every field optional. */
export interface VaeSnapshotRequest {
  /** Digits to reconstruct, [n, 784] in [0, 1]. */
  reconstruct?: tf.Tensor2D;
  /** Digits from the prior: how many, and the seed of their z ~ N(0, I). */
  samples?: { n: number; seed: number };
  /** Digits whose encoder means to return, [n, 784]. */
  encode?: tf.Tensor2D;
  /** Latent points to decode, [m, latentDim] (e.g. the manifold grid; the page owns the grid layout). */
  decode?: tf.Tensor2D;
}

/** The snapshot: row-major Float32Arrays, each with its own buffer (so it can be transferred). */
export interface VaeSnapshot {
  /** Decoder means of `reconstruct`, [n·784] in [0, 1]. */
  reconstructions?: Float32Array;
  /** Decoder means of the prior draws, [n·784] in [0, 1]. */
  samples?: Float32Array;
  /** Encoder means of `encode`, [n·latentDim]. */
  latentMeans?: Float32Array;
  /** Decoder means at `decode`'s points, [m·784] in [0, 1]. */
  decoded?: Float32Array;
}

const PARTS = ['reconstructions', 'samples', 'latentMeans', 'decoded'] as const;

/** Reads the requested views of the model with one `await data()`; see VaeSnapshotRequest. */
export async function vaeSnapshot(params: VaeParams, request: VaeSnapshotRequest): Promise<VaeSnapshot> {
  const inputDim = params.encHidden.w.shape[0];
  const latentDim = params.decHidden.w.shape[0];
  const check = (name: string, t: tf.Tensor2D | undefined, cols: number) => {
    if (t && (t.rank !== 2 || t.shape[1] !== cols)) throw new Error(`vaeSnapshot: ${name} must be [n, ${cols}], got [${t.shape.join(', ')}]`);
  };
  check('reconstruct', request.reconstruct, inputDim);
  check('encode', request.encode, inputDim);
  check('decode', request.decode, latentDim);
  const n = request.samples?.n;
  if (n !== undefined && !(Number.isInteger(n) && n > 0)) throw new Error(`vaeSnapshot: samples.n must be a positive integer, got ${n}`);

  const parts = tf.tidy(() => ({
    reconstructions: request.reconstruct && reconstruct(params, request.reconstruct),
    samples: request.samples && sample(params, request.samples.n, request.samples.seed),
    latentMeans: request.encode && encode(params, request.encode).mu,
    decoded: request.decode && tf.sigmoid(decode(params, request.decode)),
  }));
  const present = PARTS.filter((k) => parts[k] !== undefined);
  if (present.length === 0) return {};
  // One concatenated read-back instead of one per view: each `data()` is a sync point with the backend.
  const flat = tf.tidy(() => tf.concat(present.map((k) => tf.reshape(parts[k]!, [-1]))));
  const all = await flat.data();
  const out: VaeSnapshot = {};
  let offset = 0;
  for (const k of present) {
    const size = parts[k]!.size;
    out[k] = (all as Float32Array).slice(offset, offset + size);
    offset += size;
  }
  tf.dispose([flat, ...present.map((k) => parts[k]!)]);
  return out;
}
