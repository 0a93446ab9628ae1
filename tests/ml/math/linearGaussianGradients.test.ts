import { describe, expect, test } from 'vitest';
import {
  klDiagToFull,
  linearGaussianElbo,
  linearGaussianLogMarginal,
  linearGaussianPosterior,
  type LinearGaussianModel,
} from '../../../src/ml/linearGaussian.ts';
import { linearGaussianGradientsB } from '../../../src/ml/linearGaussianGradients.ts';
import { expectAllClose } from '../helpers.ts';

const model: LinearGaussianModel = {
  latentDim: 2,
  dataDim: 3,
  W: Float64Array.from([1.0, 0.4, -0.5, 1.2, 0.3, -0.8]),
  b: Float64Array.from([0.1, -0.2, 0.3]),
  s: 0.5,
};
const x = Float64Array.from([0.7, -1.1, 0.4]);
/** A q that is not the posterior (the posterior of this W is not diagonal anyway). */
const mu = Float64Array.from([0.3, -0.4]);
const variance = Float64Array.from([0.2, 0.5]);

/** Central finite difference of f(b) at the model's b. */
function gradB(f: (m: LinearGaussianModel) => number, h = 1e-6): Float64Array {
  return Float64Array.from(model.b, (_, i) => {
    const up = { ...model, b: Float64Array.from(model.b) };
    const down = { ...model, b: Float64Array.from(model.b) };
    up.b[i] += h;
    down.b[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

describe('∇_θ ELBO = ∇_θ log p_θ(x) − ∇_θ KL(q ‖ p_θ(z|x)) on the linear-Gaussian model, θ = b (eq. elbo-grad-theta)', () => {
  const g = linearGaussianGradientsB(model, x, mu, variance);

  test('the closed-form ∇_b ELBO matches finite differences of the exact ELBO', () => {
    expectAllClose(
      g.elbo,
      gradB((m) => linearGaussianElbo(m, x, mu, variance)),
      1e-6,
    );
  });

  test("the closed-form ∇_b log p(x) (Fisher's identity) matches finite differences of the exact log-marginal", () => {
    expectAllClose(
      g.logMarginal,
      gradB((m) => linearGaussianLogMarginal(m, x)),
      1e-6,
    );
  });

  test('the closed-form ∇_b of the gap matches finite differences of KL(q ‖ p(z|x)) computed from the exact posterior', () => {
    expectAllClose(
      g.gap,
      gradB((m) => klDiagToFull(mu, variance, linearGaussianPosterior(m, x))),
      1e-6,
    );
  });

  test('the three gradients satisfy the identity, and the gap term is not zero for this q', () => {
    expectAllClose(
      g.elbo,
      Float64Array.from(g.logMarginal, (v, i) => v - g.gap[i]),
      1e-12,
    );
    expect(Math.hypot(...g.gap)).toBeGreaterThan(0.1);
  });

  test('when q has the posterior mean, the ELBO gradient in b equals the likelihood gradient', () => {
    const m = linearGaussianPosterior(model, x).mean;
    const atPosterior = linearGaussianGradientsB(model, x, m, variance);
    expectAllClose(atPosterior.elbo, atPosterior.logMarginal, 1e-12);
  });

  test('rejects a data point of the wrong length, naming the dimension', () => {
    expect(() => linearGaussianGradientsB(model, new Float64Array(2), mu, variance)).toThrow(/data dimension is 3/);
  });
});
