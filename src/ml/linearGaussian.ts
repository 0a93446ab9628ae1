/**
 * A linear-Gaussian latent-variable model whose marginal and posterior are known exactly:
 *   z ~ N(0, I_d),   x | z ~ N(W z + b, s² I_D).
 * Then p(x) = N(b, W Wᵀ + s² I) and p(z|x) = N(m, Σ) with Σ = (I + WᵀW/s²)⁻¹, m = Σ Wᵀ (x − b)/s².
 * It lets tests and the ELBO-gap example check eq. elbo-kl-decomposition,
 * log p(x) = ELBO(q) + KL(q(z|x) ‖ p(z|x)), for any q. Exact quantities are computed in float64 JS;
 * `linearGaussianLogLikelihood` gives the TF callback the generic bounds in math/bounds.ts take.
 */
import * as tf from '@tensorflow/tfjs';
import type { LogLikelihood } from './math/bounds.ts';
import { logNormalDiag } from './math/logDensity.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** Parameters of the model; W is D×d row-major (W[i·d + j]). */
export interface LinearGaussianModel {
  latentDim: number;
  dataDim: number;
  W: Float64Array;
  b: Float64Array;
  /** Observation noise standard deviation s. */
  s: number;
}

/** A full-covariance Gaussian (d×d row-major covariance). */
export interface FullGaussian {
  mean: Float64Array;
  cov: Float64Array;
}

/** Lower Cholesky factor L (L Lᵀ = A) of an n×n symmetric positive-definite matrix. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('cholesky: matrix is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

/** log det A from its Cholesky factor. */
function logDetChol(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += 2 * Math.log(l[i * n + i]);
  return s;
}

/** Solves A x = y given A's Cholesky factor (forward then back substitution). */
function cholSolve(l: Float64Array, n: number, y: Float64Array): Float64Array {
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * u[k];
    u[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = u[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** Inverse of an SPD matrix from its Cholesky factor (column by column). */
function cholInverse(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = cholSolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}

/** Exact log p(x) = log N(x; b, W Wᵀ + s² I) for one data point x (length D). */
export function linearGaussianLogMarginal(model: LinearGaussianModel, x: Float64Array): number {
  const { W, b, s, dataDim: D, latentDim: d } = model;
  const c = new Float64Array(D * D); // C = W Wᵀ + s² I   [D, D]
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < D; k++) {
      let v = i === k ? s * s : 0;
      for (let j = 0; j < d; j++) v += W[i * d + j] * W[k * d + j];
      c[i * D + k] = v;
    }
  }
  const l = cholesky(c, D);
  const r = Float64Array.from(x, (xi, i) => xi - b[i]);
  const cInvR = cholSolve(l, D, r);
  let quad = 0;
  for (let i = 0; i < D; i++) quad += r[i] * cInvR[i];
  return -0.5 * (D * LOG_2PI + logDetChol(l, D) + quad);
}

/** Exact posterior p(z|x) = N(m, Σ), Σ = (I + WᵀW/s²)⁻¹, m = Σ Wᵀ(x − b)/s². */
export function linearGaussianPosterior(model: LinearGaussianModel, x: Float64Array): FullGaussian {
  const { W, b, s, dataDim: D, latentDim: d } = model;
  const precision = new Float64Array(d * d); // I + WᵀW/s²   [d, d]
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < d; k++) {
      let v = 0;
      for (let i = 0; i < D; i++) v += W[i * d + j] * W[i * d + k];
      precision[j * d + k] = v / (s * s) + (j === k ? 1 : 0);
    }
  }
  const l = cholesky(precision, d);
  const wtr = new Float64Array(d); // Wᵀ(x − b)/s²
  for (let j = 0; j < d; j++) {
    let v = 0;
    for (let i = 0; i < D; i++) v += W[i * d + j] * (x[i] - b[i]);
    wtr[j] = v / (s * s);
  }
  return { mean: cholSolve(l, d, wtr), cov: cholInverse(l, d) };
}

/**
 * Exact ELBO for a diagonal Gaussian q(z) = N(mu, diag(variance)) (no sampling):
 * E_q[log p(x|z)] − KL(q ‖ N(0, I)), where
 * E_q[‖x − Wz − b‖²] = ‖x − W mu − b‖² + Σ_j variance_j ‖W_{:,j}‖².
 */
export function linearGaussianElbo(model: LinearGaussianModel, x: Float64Array, mu: Float64Array, variance: Float64Array): number {
  const { W, b, s, dataDim: D, latentDim: d } = model;
  let sq = 0;
  for (let i = 0; i < D; i++) {
    let m = b[i];
    for (let j = 0; j < d; j++) m += W[i * d + j] * mu[j];
    sq += (x[i] - m) ** 2;
  }
  for (let j = 0; j < d; j++) {
    let colNorm = 0;
    for (let i = 0; i < D; i++) colNorm += W[i * d + j] ** 2;
    sq += variance[j] * colNorm;
  }
  const expectedLogLik = -0.5 * (D * Math.log(2 * Math.PI * s * s) + sq / (s * s));
  let kl = 0; // eq. vae-kl-closed
  for (let j = 0; j < d; j++) kl += 0.5 * (mu[j] ** 2 + variance[j] - 1 - Math.log(variance[j]));
  return expectedLogLik - kl;
}

/** KL(N(mu, diag(variance)) ‖ N(p.mean, p.cov)), the general Gaussian KL with a full-covariance second argument. */
export function klDiagToFull(mu: Float64Array, variance: Float64Array, p: FullGaussian): number {
  const d = mu.length;
  const l = cholesky(p.cov, d);
  const covInv = cholInverse(l, d);
  let trace = 0;
  let logDetQ = 0;
  for (let j = 0; j < d; j++) {
    trace += covInv[j * d + j] * variance[j];
    logDetQ += Math.log(variance[j]);
  }
  const diff = Float64Array.from(mu, (m, j) => p.mean[j] - m);
  const sol = cholSolve(l, d, diff);
  let quad = 0;
  for (let j = 0; j < d; j++) quad += diff[j] * sol[j];
  return 0.5 * (logDetChol(l, d) - logDetQ - d + trace + quad);
}

/**
 * The TF callback for math/bounds.ts: log p(x|z) = log N(x; W z + b, s² I) for stacked samples
 * (z [samples·batch, d], sample-major) against data x [batch, D]. Returns [samples·batch].
 */
export function linearGaussianLogLikelihood(model: LinearGaussianModel, x: tf.Tensor2D): LogLikelihood {
  return (z, samples) =>
    tf.tidy(() => {
      const wT = tf.transpose(tf.tensor2d(Float32Array.from(model.W), [model.dataDim, model.latentDim])); // [d, D]
      const mean = tf.add(tf.matMul(z, wT), tf.tensor1d(Float32Array.from(model.b))); //                    [samples·batch, D]
      const logvar = tf.scalar(2 * Math.log(model.s));
      return logNormalDiag(tf.tile(x, [samples, 1]), mean, logvar) as tf.Tensor1D;
    });
}
