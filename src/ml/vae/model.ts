/**
 * The MLP VAE of chapter "Variational autoencoders", from data to loss:
 *   encoder   q_φ(z|x) = N(mu(x), diag σ²(x))          (eq. vae-encoder), one ReLU hidden layer;
 *   sampling  z = mu + σ ⊙ ε, ε ~ N(0, I)              (eq. vae-reparam);
 *   decoder   p_θ(x|z) = Bernoulli(sigmoid(logits(z))) (eq. vae-decoder-likelihoods), on intensities in [0, 1];
 *   loss      −ELBO = −E_q[log p_θ(x|z)] + KL(q_φ(z|x) ‖ N(0, I))   (eq. vae-loss, L = 1),
 *             the KL term in closed form (eq. vae-kl-closed).
 * Pure functions of (params, inputs); `createVae` bundles them with an optimizer as a TrainableModel.
 */
import * as tf from '@tensorflow/tfjs';
import { elbo, type DiagGaussian, type LogLikelihood } from '../math/bounds.ts';
import { logBernoulliLogits } from '../math/logDensity.ts';
import { adamTrainable } from '../train/adamTrainable.ts';
import type { TrainableModel } from '../train/types.ts';
import { vaeConfig, type VaeConfig } from './config.ts';
import { dense, denseRelu, denseReluFromData } from '../nn/dense.ts';
import { initVaeParams, paramList, type VaeParams } from './params.ts';

/** Encoder: x [batch, 784] → q(z|x) = N(mu, diag e^{logvar}) (eq. vae-encoder), each [batch, latentDim]. */
export function encode(p: VaeParams, x: tf.Tensor2D): DiagGaussian {
  return tf.tidy(() => {
    const latent = p.encOut.w.shape[1] / 2;
    // The first layer's input is data: its gradient is never needed, so skip computing it.
    const h = denseReluFromData(x, p.encHidden.w, p.encHidden.b); // [batch, hidden]
    const out = dense(h, p.encOut.w, p.encOut.b); //                     [batch, 2·latent]
    const mu = tf.slice(out, [0, 0], [-1, latent]) as tf.Tensor2D;
    const logvar = tf.slice(out, [0, latent], [-1, latent]) as tf.Tensor2D;
    return { mu, logvar };
  });
}

/** Decoder: z [batch, latentDim] → Bernoulli logits [batch, 784] of p_θ(x|z). */
export function decode(p: VaeParams, z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const h = denseRelu(z, p.decHidden.w, p.decHidden.b); // [batch, hidden]
    return dense(h, p.decOut.w, p.decOut.b); //                   [batch, 784] logits
  });
}

/** The VAE loss and its two named terms, each a batch mean in nats per digit. */
export interface VaeLoss {
  /** −ELBO = reconstruction + kl. */
  loss: tf.Scalar;
  /** −E_q[log p_θ(x|z)] with one reparameterized sample (the reconstruction term). */
  reconstruction: tf.Scalar;
  /** KL(q_φ(z|x) ‖ N(0, I)), closed form (the prior-matching term). */
  kl: tf.Scalar;
}

/** log p_θ(x|z) under the Bernoulli decoder, for `samples` stacked draws of z (sample-major, see LogLikelihood). */
export function bernoulliLogLikelihood(p: VaeParams, x: tf.Tensor2D): LogLikelihood {
  return (z, samples) => {
    const xs = samples === 1 ? x : (tf.tile(x, [samples, 1]) as tf.Tensor2D);
    return logBernoulliLogits(xs, decode(p, z)) as tf.Tensor1D;
  };
}

/** −ELBO of a batch with one reparameterized sample (eq. vae-loss); `seed` fixes ε. */
export function vaeLoss(p: VaeParams, x: tf.Tensor2D, seed: number): VaeLoss {
  return tf.tidy(() => {
    const q = encode(p, x);
    const terms = elbo(q, bernoulliLogLikelihood(p, x), 1, seed);
    // Reconstruction term: −log p_θ(x|z), z = mu + σ ⊙ ε (eq. vae-reparam), averaged over the batch.
    const reconstruction = tf.neg(tf.mean(terms.reconstruction)) as tf.Scalar;
    // Prior-matching term: closed-form KL to N(0, I) (eq. vae-kl-closed), averaged over the batch.
    const kl = tf.mean(terms.kl) as tf.Scalar;
    return { loss: tf.add(reconstruction, kl) as tf.Scalar, reconstruction, kl };
  });
}

/** Bernoulli means sigmoid(decode(mu(x))): the reconstruction a reader sees, [batch, 784]. */
export function reconstruct(p: VaeParams, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sigmoid(decode(p, encode(p, x).mu)));
}

/** n new digits: z ~ N(0, I) (eq. vae-generate), returned as Bernoulli means [n, 784]. */
export function sample(p: VaeParams, n: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const latent = p.decHidden.w.shape[0];
    return tf.sigmoid(decode(p, tf.randomNormal([n, latent], 0, 1, 'float32', seed)));
  });
}

/** Decodes `steps` points on the straight line between the encoder means of xa and xb ([1, 784] each). */
export function interpolate(p: VaeParams, xa: tf.Tensor2D, xb: tf.Tensor2D, steps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const a = encode(p, xa).mu; // [1, latent]
    const b = encode(p, xb).mu;
    const t = tf.linspace(0, 1, steps).reshape([steps, 1]); // [steps, 1]
    const z = tf.add(tf.mul(tf.sub(1, t), a), tf.mul(t, b)) as tf.Tensor2D; // [steps, latent]
    return tf.sigmoid(decode(p, z));
  });
}

/** A VAE with its optimizer: the functions above bound to its weights, plus TrainableModel. */
export interface Vae extends TrainableModel {
  readonly config: VaeConfig;
  readonly params: VaeParams;
  encode(x: tf.Tensor2D): DiagGaussian;
  decode(z: tf.Tensor2D): tf.Tensor2D;
  loss(x: tf.Tensor2D, seed: number): VaeLoss;
  reconstruct(x: tf.Tensor2D): tf.Tensor2D;
  sample(n: number, seed: number): tf.Tensor2D;
  interpolate(xa: tf.Tensor2D, xb: tf.Tensor2D, steps: number): tf.Tensor2D;
}

/** Options of createVae. */
export interface CreateVaeOptions {
  /** Seeds the weights and, per step, the reparameterization noise. */
  seed: number;
  /** Hyperparameter overrides (see DEFAULT_VAE_CONFIG). */
  config?: Partial<VaeConfig>;
  /** Supplies each training step's batch [b, 784]; the model disposes it after the step. */
  nextBatch?: () => tf.Tensor2D;
}

/** Creates a seeded VAE with Adam; `step` trains on `nextBatch()` with the loss of eq. vae-loss. */
export function createVae(options: CreateVaeOptions): Vae {
  const config = vaeConfig(options.config);
  const params = initVaeParams(config, options.seed);
  const training = adamTrainable<VaeLoss>({
    name: 'createVae',
    variables: paramList(params),
    learningRate: config.learningRate,
    seed: options.seed,
    nextBatch: options.nextBatch,
    loss: (x, seed) => vaeLoss(params, x, seed),
    terms: ['reconstruction', 'kl'],
  });
  return {
    config,
    params,
    ...training,
    encode: (x) => encode(params, x),
    decode: (z) => decode(params, z),
    loss: (x, seed) => vaeLoss(params, x, seed),
    reconstruct: (x) => reconstruct(params, x),
    sample: (n, seed) => sample(params, n, seed),
    interpolate: (xa, xb, steps) => interpolate(params, xa, xb, steps),
  };
}
