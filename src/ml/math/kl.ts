/**
 * Closed-form KL divergences between diagonal Gaussians (eq. vae-kl-closed), one number per row.
 * Variances are passed as log-variances, the form an encoder outputs.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * KL(N(mu1, diag e^{logvar1}) ‖ N(mu2, diag e^{logvar2})) summed over the last axis → [batch].
 * The general Gaussian KL (equations.tex A1.1) with diagonal covariances:
 * ½ Σ_j [logvar2 − logvar1 − 1 + e^{logvar1 − logvar2} + (mu2 − mu1)² e^{−logvar2}].
 */
export function klDiagGaussians(mu1: tf.Tensor, logvar1: tf.Tensor, mu2: tf.Tensor, logvar2: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const logRatio = tf.sub(logvar2, logvar1);
    const varRatio = tf.exp(tf.neg(logRatio)); // σ1² / σ2²
    const mahalanobis = tf.mul(tf.square(tf.sub(mu2, mu1)), tf.exp(tf.neg(logvar2)));
    const perDim = tf.sub(tf.add(tf.add(logRatio, varRatio), mahalanobis), 1);
    return tf.mul(tf.sum(perDim, -1), 0.5);
  });
}

/**
 * KL(N(mu, diag e^{logvar}) ‖ N(0, I)) summed over the last axis → [batch].
 * eq. vae-kl-closed (closed-form Gaussian KL to the prior): −½ Σ_j (1 + logvar_j − mu_j² − e^{logvar_j}).
 */
export function klStandardNormal(mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const perDim = tf.sub(tf.sub(tf.add(logvar, 1), tf.square(mu)), tf.exp(logvar));
    return tf.mul(tf.sum(perDim, -1), -0.5);
  });
}
