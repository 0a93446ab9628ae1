/**
 * A Markovian hierarchical VAE with two latent layers (eq. hvae-factorization, T = 2):
 *   generative  p(z2) = N(0, I),  p_θ(z1|z2) = N(mu_p(z2), diag σ_p²(z2)),  p_θ(x|z1) = Bernoulli(sigmoid(logits(z1)));
 *   inference   q_φ(z1|x) = N(mu_1(x), diag σ_1²(x)),  q_φ(z2|z1) = N(mu_2(z1), diag σ_2²(z1)).
 * The ELBO (eq. hvae-elbo) E_q[log p(x, z1, z2) − log q(z1, z2|x)] splits into three named terms:
 *   reconstruction  −log p_θ(x|z1)                                  (one sample of z1),
 *   klZ1            log q_φ(z1|x) − log p_θ(z1|z2)                  (one sample: both sides are
 *                   conditional Gaussians, with p's parameters depending on the sampled z2),
 *   klZ2            KL(q_φ(z2|z1) ‖ N(0, I))                        (closed form, eq. vae-kl-closed, per sample of z1),
 * and loss = reconstruction + klZ1 + klZ2 = −ELBO. Each conditional is a one-hidden-layer ReLU MLP
 * whose output holds the Gaussian's mean and log-variance side by side.
 */
import * as tf from '@tensorflow/tfjs';
import { klStandardNormal } from '../math/kl.ts';
import { logBernoulliLogits, logNormalDiag, logStandardNormal } from '../math/logDensity.ts';
import type { DiagGaussian } from '../math/bounds.ts';
import { deriveSeed } from '../random.ts';
import { adamTrainable } from '../train/adamTrainable.ts';
import type { TrainableModel } from '../train/types.ts';
import { dense, denseRelu, denseReluFromData } from '../nn/dense.ts';
import { initDense, type DenseParams } from '../vae/params.ts';
import type { NamedVariable } from '../nn/namedVariables.ts';
import { hvaeConfig, type HvaeConfig } from './config.ts';

/** One conditional network: input → ReLU hidden → output. */
export interface MlpParams {
  hidden: DenseParams;
  out: DenseParams;
}

/** The four conditionals of the two-layer HVAE. */
export interface HvaeParams {
  qZ1: MlpParams; // x → (mu_1, logvar_1)        [inputDim → 2·z1Dim]
  qZ2: MlpParams; // z1 → (mu_2, logvar_2)       [z1Dim → 2·z2Dim]
  pZ1: MlpParams; // z2 → (mu_p, logvar_p)       [z2Dim → 2·z1Dim]
  pX: MlpParams; //  z1 → Bernoulli logits       [z1Dim → inputDim]
}

const NETS = ['qZ1', 'qZ2', 'pZ1', 'pX'] as const;

/** Creates the four networks with PyTorch-style uniform init, seeded. */
export function initHvaeParams(cfg: HvaeConfig, seed: number): HvaeParams {
  const mlp = (nIn: number, nOut: number, stream: number): MlpParams => ({
    hidden: initDense(nIn, cfg.hiddenDim, deriveSeed(seed, 2 * stream)),
    out: initDense(cfg.hiddenDim, nOut, deriveSeed(seed, 2 * stream + 1)),
  });
  return {
    qZ1: mlp(cfg.inputDim, 2 * cfg.z1Dim, 1),
    qZ2: mlp(cfg.z1Dim, 2 * cfg.z2Dim, 2),
    pZ1: mlp(cfg.z2Dim, 2 * cfg.z1Dim, 3),
    pX: mlp(cfg.z1Dim, cfg.inputDim, 4),
  };
}

/** Every variable, in a fixed order. */
export function hvaeParamList(p: HvaeParams): tf.Variable[] {
  return NETS.flatMap((n) => [p[n].hidden.w, p[n].hidden.b, p[n].out.w, p[n].out.b]);
}

/** The HVAE's variables with stable names (`qZ1.hidden.w`, …), for saving and loading weights. */
export function namedHvaeVariables(p: HvaeParams): NamedVariable[] {
  return NETS.flatMap((n) => (['hidden', 'out'] as const).flatMap((l) => (['w', 'b'] as const).map((k) => ({ name: `${n}.${l}.${k}`, variable: p[n][l][k] }))));
}

/** Runs one conditional network; `fromData` skips the gradient for its input. */
function mlp(net: MlpParams, input: tf.Tensor2D, fromData = false): tf.Tensor2D {
  const h = (fromData ? denseReluFromData : denseRelu)(input, net.hidden.w, net.hidden.b);
  return dense(h, net.out.w, net.out.b);
}

/** Splits a [batch, 2d] output into a diagonal Gaussian's mean and log-variance. */
function gaussian(out: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  const d = out.shape[1] / 2;
  return { mu: tf.slice(out, [0, 0], [-1, d]) as tf.Tensor2D, logvar: tf.slice(out, [0, d], [-1, d]) as tf.Tensor2D };
}

/** z = mu + σ ⊙ ε (eq. vae-reparam), ε ~ N(0, I) drawn from `seed`. */
function reparam(q: DiagGaussian, seed: number): tf.Tensor2D {
  const eps = tf.randomNormal(q.mu.shape, 0, 1, 'float32', seed);
  return tf.add(q.mu, tf.mul(tf.exp(tf.mul(q.logvar, 0.5)), eps)) as tf.Tensor2D;
}

/** q_φ(z1|x). */
export function encodeZ1(p: HvaeParams, x: tf.Tensor2D): DiagGaussian {
  return tf.tidy(() => gaussian(mlp(p.qZ1, x, true)));
}

/** q_φ(z2|z1). */
export function encodeZ2(p: HvaeParams, z1: tf.Tensor2D): DiagGaussian {
  return tf.tidy(() => gaussian(mlp(p.qZ2, z1)));
}

/** p_θ(z1|z2). */
export function priorZ1(p: HvaeParams, z2: tf.Tensor2D): DiagGaussian {
  return tf.tidy(() => gaussian(mlp(p.pZ1, z2)));
}

/** Bernoulli logits of p_θ(x|z1), [batch, inputDim]. */
export function decodeX(p: HvaeParams, z1: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => mlp(p.pX, z1));
}

/** Per-digit terms of one sample of (z1, z2) ~ q(z1, z2|x), each [batch]. */
export interface HvaeTerms {
  /** −log p_θ(x|z1). */
  reconstruction: tf.Tensor1D;
  /** log q_φ(z1|x) − log p_θ(z1|z2): single-sample Monte Carlo. */
  klZ1: tf.Tensor1D;
  /** KL(q_φ(z2|z1) ‖ N(0, I)), closed form given the sampled z1. */
  klZ2: tf.Tensor1D;
}

/** The three terms of −ELBO for each digit with one sample from q (eq. hvae-elbo); `seed` fixes both ε. */
export function hvaeTerms(p: HvaeParams, x: tf.Tensor2D, seed: number): HvaeTerms {
  return tf.tidy(() => {
    // Inference path x → z1 → z2, reparameterized (eq. vae-reparam) so gradients reach φ.
    const q1 = encodeZ1(p, x);
    const z1 = reparam(q1, deriveSeed(seed, 1)); // [batch, z1Dim]
    const q2 = encodeZ2(p, z1);
    const z2 = reparam(q2, deriveSeed(seed, 2)); // [batch, z2Dim]
    // Reconstruction term: −log p_θ(x|z1).
    const reconstruction = tf.neg(logBernoulliLogits(x, decodeX(p, z1))) as tf.Tensor1D;
    // Lower latent's prior matching: log q(z1|x) − log p(z1|z2) at the sampled z1, z2.
    const p1 = priorZ1(p, z2);
    const klZ1 = tf.sub(logNormalDiag(z1, q1.mu, q1.logvar), logNormalDiag(z1, p1.mu, p1.logvar)) as tf.Tensor1D;
    // Top latent's prior matching: closed-form KL(q(z2|z1) ‖ N(0, I)) (eq. vae-kl-closed).
    const klZ2 = klStandardNormal(q2.mu, q2.logvar) as tf.Tensor1D;
    return { reconstruction, klZ1, klZ2 };
  });
}

/** The HVAE loss: batch means of the three terms and their sum −ELBO. */
export interface HvaeLoss {
  loss: tf.Scalar;
  reconstruction: tf.Scalar;
  klZ1: tf.Scalar;
  klZ2: tf.Scalar;
}

/** −ELBO of a batch (eq. hvae-elbo) with its three terms, each a batch mean in nats per digit. */
export function hvaeLoss(p: HvaeParams, x: tf.Tensor2D, seed: number): HvaeLoss {
  return tf.tidy(() => {
    const t = hvaeTerms(p, x, seed);
    const reconstruction = tf.mean(t.reconstruction) as tf.Scalar;
    const klZ1 = tf.mean(t.klZ1) as tf.Scalar;
    const klZ2 = tf.mean(t.klZ2) as tf.Scalar;
    return { loss: tf.addN([reconstruction, klZ1, klZ2]) as tf.Scalar, reconstruction, klZ1, klZ2 };
  });
}

/**
 * log importance weights log p(x, z1, z2) − log q(z1, z2|x) for k joint samples per digit, [k, batch].
 * Their mean is the ELBO; log-mean-exp is the importance-weighted bound, which rises towards log p(x).
 */
export function hvaeLogWeights(p: HvaeParams, x: tf.Tensor2D, k: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const batch = x.shape[0];
    const xs = tf.tile(x, [k, 1]) as tf.Tensor2D; // sample-major: row s·batch + i is draw s of digit i
    const q1 = encodeZ1(p, xs);
    const z1 = reparam(q1, deriveSeed(seed, 1));
    const q2 = encodeZ2(p, z1);
    const z2 = reparam(q2, deriveSeed(seed, 2));
    const p1 = priorZ1(p, z2);
    const logJoint = tf.addN([logBernoulliLogits(xs, decodeX(p, z1)), logNormalDiag(z1, p1.mu, p1.logvar), logStandardNormal(z2)]);
    const logQ = tf.add(logNormalDiag(z1, q1.mu, q1.logvar), logNormalDiag(z2, q2.mu, q2.logvar));
    return tf.reshape(tf.sub(logJoint, logQ), [k, batch]) as tf.Tensor2D;
  });
}

/** Importance-weighted bound log (1/k) Σ w_i per digit, [batch]. */
export function hvaeIwBound(p: HvaeParams, x: tf.Tensor2D, k: number, seed: number): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.logSumExp(hvaeLogWeights(p, x, k, seed), 0), Math.log(k)) as tf.Tensor1D);
}

/** n digits from the generative chain z2 ~ N(0, I) → z1 ~ p(z1|z2) → Bernoulli means [n, inputDim]. */
export function sampleHvae(p: HvaeParams, n: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const z2 = tf.randomNormal([n, p.pZ1.hidden.w.shape[0]], 0, 1, 'float32', deriveSeed(seed, 1)) as tf.Tensor2D;
    const z1 = reparam(priorZ1(p, z2), deriveSeed(seed, 2));
    return tf.sigmoid(decodeX(p, z1));
  });
}

/** Bernoulli means decoded from the mean of q(z1|x), [batch, inputDim]. */
export function reconstructHvae(p: HvaeParams, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sigmoid(decodeX(p, encodeZ1(p, x).mu)));
}

/** An HVAE with its optimizer, as a TrainableModel. */
export interface Hvae extends TrainableModel {
  readonly config: HvaeConfig;
  readonly params: HvaeParams;
  loss(x: tf.Tensor2D, seed: number): HvaeLoss;
  sample(n: number, seed: number): tf.Tensor2D;
  reconstruct(x: tf.Tensor2D): tf.Tensor2D;
}

/** Options of createHvae. */
export interface CreateHvaeOptions {
  seed: number;
  config?: Partial<HvaeConfig>;
  /** Supplies each training step's batch; the model disposes it after the step. */
  nextBatch?: () => tf.Tensor2D;
  /**
   * β, the weight of the top layer's KL term in the training objective: reconstruction + klZ1 + β·klZ2.
   * 1 (the default) trains on −ELBO; a larger β makes each nat z2 carries cost more than it can save
   * in the klZ1 term, which is how the live example shows the top layer collapsing. The reported terms
   * are the ELBO's, unweighted.
   */
  topKlWeight?: number;
}

/** hvaeLoss with the top KL term weighted by β in `loss` (the terms stay the ELBO's); β = 1 is hvaeLoss. */
export function hvaeWeightedLoss(p: HvaeParams, x: tf.Tensor2D, seed: number, topKlWeight: number): HvaeLoss {
  if (!(Number.isFinite(topKlWeight) && topKlWeight >= 0))
    throw new Error(`hvaeWeightedLoss: the top KL weight must be a finite number ≥ 0, got ${topKlWeight}`);
  const l = hvaeLoss(p, x, seed);
  if (topKlWeight === 1) return l;
  const loss = tf.tidy(() => tf.addN([l.reconstruction, l.klZ1, tf.mul(l.klZ2, topKlWeight)]) as tf.Scalar);
  l.loss.dispose();
  return { ...l, loss };
}

/** Creates a seeded HVAE trained with Adam on −ELBO (eq. hvae-elbo), or with options.topKlWeight on its top KL term. */
export function createHvae(options: CreateHvaeOptions): Hvae {
  const config = hvaeConfig(options.config);
  const params = initHvaeParams(config, options.seed);
  const beta = options.topKlWeight ?? 1;
  if (!(Number.isFinite(beta) && beta >= 0)) throw new Error(`createHvae: topKlWeight must be a finite number ≥ 0, got ${beta}`);
  const training = adamTrainable<HvaeLoss>({
    name: 'createHvae',
    variables: hvaeParamList(params),
    learningRate: config.learningRate,
    seed: options.seed,
    nextBatch: options.nextBatch,
    loss: (x, seed) => hvaeWeightedLoss(params, x, seed, beta),
    terms: ['reconstruction', 'klZ1', 'klZ2'],
  });
  return {
    config,
    params,
    ...training,
    loss: (x, seed) => hvaeLoss(params, x, seed),
    sample: (n, seed) => sampleHvae(params, n, seed),
    reconstruct: (x) => reconstructHvae(params, x),
  };
}
