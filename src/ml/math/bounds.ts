/**
 * Variational bounds on log p(x) for a latent-variable model with prior p(z) = N(0, I) and a
 * diagonal-Gaussian encoder q(z|x) = N(mu, diag e^{logvar}).
 *
 * The functions are generic over two things the model supplies:
 * - the encoder output `{ mu, logvar }`, each [batch, latentDim];
 * - a `LogLikelihood` callback giving log p(x|z) for a stack of latent samples (see its doc).
 * Each returns one value per data point ([batch]); the caller averages over the batch.
 */
import * as tf from '@tensorflow/tfjs';
import { klStandardNormal } from './kl.ts';
import { logNormalDiag, logStandardNormal } from './logDensity.ts';
import { deriveSeed } from '../random.ts';

/** A diagonal-Gaussian encoder output q(z|x) = N(mu, diag e^{logvar}); both [batch, latentDim]. */
export interface DiagGaussian {
  mu: tf.Tensor2D;
  logvar: tf.Tensor2D;
}

/**
 * log p(x_i | z) for `samples` stacked latent draws.
 * `z` is [samples * batch, latentDim] in sample-major order: row s·batch + i is draw s for data
 * point i (so `tf.tile(x, [samples, 1])` lines the data up with it). Returns [samples * batch] in
 * the same order. It must not dispose `z`; tensors it creates are freed by the caller's tidy.
 */
export type LogLikelihood = (z: tf.Tensor2D, samples: number) => tf.Tensor1D;

/** z = mu + σ ⊙ ε with σ = e^{logvar/2} (eq. vae-reparam): differentiable in mu and logvar for fixed ε. */
export function reparameterize(mu: tf.Tensor, logvar: tf.Tensor, eps: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)));
}

/**
 * Draws `samples` reparameterized latents per data point, stacked sample-major:
 * returns { z [samples·batch, d], muRep, logvarRep (q's parameters tiled to match z) }.
 */
export function sampleLatents(q: DiagGaussian, samples: number, seed: number): { z: tf.Tensor2D; muRep: tf.Tensor2D; logvarRep: tf.Tensor2D } {
  return tf.tidy(() => {
    const [batch, dim] = q.mu.shape;
    const eps = tf.randomNormal([samples * batch, dim], 0, 1, 'float32', seed);
    // One sample (training): no tile, which on WASM copies even with reps 1, and again in backprop.
    const muRep = samples === 1 ? q.mu : (tf.tile(q.mu, [samples, 1]) as tf.Tensor2D); //             [samples·batch, d]
    const logvarRep = samples === 1 ? q.logvar : (tf.tile(q.logvar, [samples, 1]) as tf.Tensor2D); // [samples·batch, d]
    const z = reparameterize(muRep, logvarRep, eps) as tf.Tensor2D;
    return { z, muRep, logvarRep };
  });
}

/** The Monte Carlo ELBO and its two named terms, each [batch]. */
export interface ElboTerms {
  /** ELBO = reconstruction − kl, a lower bound on log p(x). */
  elbo: tf.Tensor1D;
  /** (1/L) Σ_l log p(x | z^(l)), z^(l) ~ q(z|x) (the reconstruction term, Monte Carlo with L samples). */
  reconstruction: tf.Tensor1D;
  /** KL(q(z|x) ‖ p(z)) in closed form (eq. vae-kl-closed). */
  kl: tf.Tensor1D;
}

/**
 * Monte Carlo ELBO with L samples and the analytic KL (Kingma & Welling 2013; equations.tex A1.6):
 * ELBO(x) = (1/L) Σ_l log p(x|z^(l)) − KL(q(z|x) ‖ N(0, I)), z^(l) = mu + σ ⊙ ε^(l).
 * Differentiable through mu and logvar (reparameterization), so a training loss can use −elbo.
 */
export function elbo(q: DiagGaussian, logLikelihood: LogLikelihood, samples: number, seed: number): ElboTerms {
  return tf.tidy(() => {
    const batch = q.mu.shape[0];
    const { z } = sampleLatents(q, samples, seed);
    // Reconstruction term: average log-likelihood over the L draws of each data point.
    const logLik = tf.reshape(logLikelihood(z, samples), [samples, batch]);
    const reconstruction = tf.mean(logLik, 0) as tf.Tensor1D;
    // Prior matching term: closed form, no sampling noise.
    const kl = klStandardNormal(q.mu, q.logvar) as tf.Tensor1D;
    return { elbo: tf.sub(reconstruction, kl) as tf.Tensor1D, reconstruction, kl };
  });
}

/**
 * log importance weights log w = log p(x|z) + log p(z) − log q(z|x) for `samples` draws, as
 * [samples, batch]. Shared by the importance-weighted bound and the log p(x) estimate.
 */
export function logImportanceWeights(q: DiagGaussian, logLikelihood: LogLikelihood, samples: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const batch = q.mu.shape[0];
    const { z, muRep, logvarRep } = sampleLatents(q, samples, seed);
    const logW = tf.sub(tf.add(logLikelihood(z, samples), logStandardNormal(z)), logNormalDiag(z, muRep, logvarRep));
    return tf.reshape(logW, [samples, batch]) as tf.Tensor2D;
  });
}

/**
 * Importance-weighted bound with k samples (Burda et al. 2015):
 * L_k(x) = log (1/k) Σ_i p(x, z_i)/q(z_i|x), z_i ~ q(z|x), computed as logsumexp − log k (stable).
 * L_1 is the ELBO (with a sampled KL); L_k rises with k towards log p(x). Returns [batch].
 */
export function iwBound(q: DiagGaussian, logLikelihood: LogLikelihood, k: number, seed: number): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.logSumExp(logImportanceWeights(q, logLikelihood, k, seed), 0), Math.log(k)) as tf.Tensor1D);
}

/** Options of `estimateLogPx`. */
export interface LogPxOptions {
  /** Importance samples per data point (1000 is the usual evaluation setting). */
  samples?: number;
  /** Samples per chunk: memory holds chunk·batch latents at a time, not samples·batch. */
  chunk?: number;
}

/**
 * Importance-sampled estimate of log p(x) for evaluation, with q(z|x) as the proposal:
 * log p(x) ≈ log (1/k) Σ_i p(x, z_i)/q(z_i|x) (the IW bound with large k, default 1000), run in
 * chunks whose log-sum-exps are combined, so memory stays bounded. Returns [batch].
 */
export function estimateLogPx(q: DiagGaussian, logLikelihood: LogLikelihood, seed: number, options: LogPxOptions = {}): tf.Tensor1D {
  const samples = options.samples ?? 1000;
  const chunk = Math.min(options.chunk ?? 100, samples);
  const partial: tf.Tensor1D[] = [];
  try {
    for (let start = 0, c = 0; start < samples; start += chunk, c++) {
      const n = Math.min(chunk, samples - start);
      // Each chunk keeps only its logsumexp ([batch]); its latents are freed by the tidy.
      partial.push(tf.tidy(() => tf.logSumExp(logImportanceWeights(q, logLikelihood, n, deriveSeed(seed, c)), 0) as tf.Tensor1D));
    }
    return tf.tidy(() => tf.sub(tf.logSumExp(tf.stack(partial), 0), Math.log(samples)) as tf.Tensor1D);
  } finally {
    tf.dispose(partial);
  }
}
