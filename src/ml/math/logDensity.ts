/**
 * Log-densities of the likelihoods and priors the notes use, summed over the last axis so that
 * each row of a [batch, dim] tensor gives one number per data point.
 */
import * as tf from '@tensorflow/tfjs';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log N(x; mu, diag(exp(logvar))) summed over the last axis → [batch].
 * Diagonal Gaussian log-density (equations.tex A1.3): −½ Σ_j [log 2π + logvar_j + (x_j − mu_j)² / exp(logvar_j)].
 * `mu` and `logvar` broadcast against `x` (e.g. a scalar logvar for a fixed-variance decoder).
 */
export function logNormalDiag(x: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const sq = tf.square(tf.sub(x, mu));
    // (x − mu)² · exp(−logvar) avoids a division and stays finite for very negative logvar.
    const perDim = tf.add(tf.add(logvar, tf.mul(sq, tf.exp(tf.neg(logvar)))), LOG_2PI);
    return tf.mul(tf.sum(perDim, -1), -0.5);
  });
}

/** log N(z; 0, I) summed over the last axis → [batch] (the VAE prior p(z)). */
export function logStandardNormal(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const dim = z.shape[z.shape.length - 1] ?? 1;
    return tf.sub(tf.mul(tf.sum(tf.square(z), -1), -0.5), 0.5 * dim * LOG_2PI);
  });
}

/**
 * log Bernoulli(x; σ(logits)) summed over the last axis → [batch], for x in [0, 1].
 * Numerically stable: log σ(l) = −softplus(−l) and log(1 − σ(l)) = −softplus(l), so
 * x log σ(l) + (1 − x) log(1 − σ(l)) = x·l − softplus(l), which never takes log(0).
 * softplus(l) is computed as max(l, 0) − log σ(|l|) (σ(|l|) ≥ ½, so the log is tame): on WASM
 * tf.softplus costs ~12 ns per element, sigmoid (vectorized) + log about a third of that.
 * Differentiable in `logits` only (x is data), with the closed-form gradient x − σ(l) per element:
 * one fused-free pass instead of the chain rule through softplus, mul, sub and sum.
 */
export function logBernoulliLogits(x: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const f = tf.customGrad(((l: tf.Tensor, save: tf.GradSaveFunc) => {
    // x goes to save (not only the closure): the caller's tidies may free it before backprop.
    save([x, l]);
    const value = tf.tidy(() => tf.sum(tf.add(tf.sub(tf.mul(x, l), tf.relu(l)), tf.log(tf.sigmoid(tf.abs(l)))), -1));
    // d/dl [x·l − softplus(l)] = x − σ(l), scaled by the upstream gradient of each row's sum.
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.tidy(() => tf.mul(tf.sub(saved[0], tf.sigmoid(saved[1])), tf.expandDims(dy, -1)));
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (l: tf.Tensor) => tf.Tensor;
  return f(logits);
}
