/**
 * Gradients with respect to the model parameter b of the linear-Gaussian model (linearGaussian.ts),
 * in closed form, to make eq. elbo-grad-theta concrete:
 *   ∇_θ ELBO = ∇_θ log p_θ(x) − ∇_θ KL(q(z|x) ‖ p_θ(z|x))   with θ = b and q = N(μ, diag(variance)) held fixed.
 * - ∇_b ELBO = (x − Wμ − b)/s²: only the reconstruction term E_q[log N(x; Wz + b, s² I)] depends on b.
 * - ∇_b log p(x) = (x − W m − b)/s² with m the exact posterior mean: Fisher's identity,
 *   ∇ log p(x) = E_{p(z|x)}[∇ log p(x, z)], the same expectation taken under the true posterior.
 * - ∇_b KL(q ‖ p(z|x)) = W(μ − m)/s²: how the posterior moves when b does, seen from q.
 * The tests check each against finite differences of the exact functions in linearGaussian.ts.
 */
import { linearGaussianPosterior, type LinearGaussianModel } from './linearGaussian.ts';

/** The three gradients with respect to b (each of length D). */
export interface GradientsB {
  elbo: Float64Array;
  logMarginal: Float64Array;
  gap: Float64Array;
}

/** (x − W v − b)/s² for a latent vector v. */
function residual(model: LinearGaussianModel, x: Float64Array, v: Float64Array): Float64Array {
  const { W, b, s, dataDim: D, latentDim: d } = model;
  const out = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let m = b[i];
    for (let j = 0; j < d; j++) m += W[i * d + j] * v[j];
    out[i] = (x[i] - m) / (s * s);
  }
  return out;
}

/** ∇_b of the ELBO of q = N(mu, diag(variance)), of log p(x) and of the gap KL(q ‖ p(z|x)). */
export function linearGaussianGradientsB(model: LinearGaussianModel, x: Float64Array, mu: Float64Array, variance: Float64Array): GradientsB {
  const { W, s, dataDim: D, latentDim: d } = model;
  if (x.length !== D) throw new Error(`linearGaussianGradientsB: x has length ${x.length}, the model's data dimension is ${D}`);
  if (mu.length !== d || variance.length !== d) throw new Error(`linearGaussianGradientsB: mu and variance need length ${d} (the latent dimension)`);
  const m = linearGaussianPosterior(model, x).mean;
  const gap = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let v = 0;
    for (let j = 0; j < d; j++) v += W[i * d + j] * (mu[j] - m[j]);
    gap[i] = v / (s * s);
  }
  return { elbo: residual(model, x, mu), logMarginal: residual(model, x, m), gap };
}
