import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disposeScheduleTensors, perExample, qPosterior, qSample, scheduleTensors } from '../../../src/ml/diffusion/forward.ts';
import { denoisingKl, priorMatching, simpleLoss, vdmElboTerms, type EpsPredictor } from '../../../src/ml/diffusion/loss.ts';
import { makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { klDiagGaussians } from '../../../src/ml/math/kl.ts';
import { expectAllClose, expectNoLeak, scalarOf, useCpuBackend, valuesOf } from '../helpers.ts';

const schedule = makeSchedule('cosine', 20);
let st: ReturnType<typeof scheduleTensors>;

beforeAll(async () => {
  await useCpuBackend();
  st = scheduleTensors(schedule);
});
afterAll(() => disposeScheduleTensors(st));

/** An arbitrary, imperfect ε-predictor: 0.5·x_t + 0.01·t. */
const crude: EpsPredictor = (xt, t) => tf.tidy(() => tf.add(tf.mul(xt, 0.5), tf.mul(tf.expandDims(tf.cast(t, 'float32'), 1), 0.01)) as tf.Tensor2D);

/** The perfect ε-predictor when the data set is the single point c: ε = (x_t − √ᾱ_t c)/√(1 − ᾱ_t). */
function perfectFor(c: number[]): EpsPredictor {
  return (xt, t) =>
    tf.tidy(() => tf.div(tf.sub(xt, tf.mul(perExample(st.sqrtAlphaBar, t), tf.tensor1d(c))), perExample(st.sqrtOneMinusAlphaBar, t)) as tf.Tensor2D);
}

describe('simpleLoss (eq. vdm-simple-loss)', () => {
  test('is the mean squared noise error; a zero predictor scores mean(ε²)', async () => {
    const x0 = tf.tensor2d([1, -1, 0.5, 2], [2, 2]);
    const eps = tf.tensor2d([0.3, -1.2, 0.8, 0.1], [2, 2]);
    const t = tf.tensor1d([3, 17], 'int32');
    const zero: EpsPredictor = (xt) => tf.zerosLike(xt);
    expect(await scalarOf(simpleLoss(zero, x0, t, eps, st))).toBeCloseTo((0.09 + 1.44 + 0.64 + 0.01) / 4, 6);
    await expectNoLeak(() => simpleLoss(crude, x0, t, eps, st));
    tf.dispose([x0, eps, t]);
  });
});

describe('VDM ELBO terms (eq. vdm-elbo)', () => {
  test('the prior matching term equals the general Gaussian KL of N(√ᾱ_T x_0, (1 − ᾱ_T) I) from N(0, I)', async () => {
    const x0 = tf.tensor2d([1, -1, 0.5, 2, 0, 0], [3, 2]);
    const aT = schedule.alphaBar[schedule.T];
    const general = await valuesOf(klDiagGaussians(tf.mul(x0, Math.sqrt(aT)), tf.fill([3, 2], Math.log(1 - aT)), tf.zeros([3, 2]), tf.zeros([3, 2])));
    expectAllClose(await valuesOf(priorMatching(x0, schedule)), general, 1e-6);
    x0.dispose();
  });

  test('each denoising term equals KL(q(x_{t−1}|x_t, x_0) ‖ N(μ_θ, σ_q²(t) I)) computed from the two means', async () => {
    const x0 = tf.tensor2d([1, -1, 0.5, 2, -0.3, 0.7], [3, 2]);
    const eps = tf.tensor2d([0.3, -1.2, 0.8, 0.1, -0.5, 1.5], [3, 2]);
    const t = tf.tensor1d([2, 9, 19], 'int32');
    const viaEps = await valuesOf(denoisingKl(crude, x0, t, eps, schedule, st));
    // Independent route: μ_q from the posterior coefficients, μ_θ = (x_t − β_t/√(1 − ᾱ_t) ε̂)/√α_t, then the general KL.
    const xt = qSample(x0, t, eps, st);
    const post = qPosterior(xt, x0, t, st);
    const f32 = (f: (k: number) => number) => tf.tensor1d(Float32Array.from([2, 9, 19], f));
    const muTheta = tf.div(
      tf.sub(
        xt,
        tf.mul(
          crude(xt, t),
          tf.expandDims(
            f32((k) => schedule.beta[k] / Math.sqrt(1 - schedule.alphaBar[k])),
            1,
          ),
        ),
      ),
      tf.expandDims(
        f32((k) => Math.sqrt(schedule.alpha[k])),
        1,
      ),
    );
    const logVar = tf.log(tf.tile(post.variance, [1, 2]));
    const general = await valuesOf(klDiagGaussians(post.mean, logVar, muTheta, logVar));
    for (let i = 0; i < 3; i++) expect(viaEps[i]).toBeCloseTo(general[i], 2 - Math.round(Math.log10(Math.max(1, general[i]))));
    tf.dispose([x0, eps, t, xt, post.mean, post.variance, muTheta, logVar]);
  });

  test('with a perfect ε-predictor on a single-point data set the denoising terms vanish and the ELBO is known', async () => {
    const c = [0.6, -0.4];
    const x0 = tf.tensor2d([...c, ...c], [2, 2]);
    const terms = vdmElboTerms(perfectFor(c), x0, schedule, st, 5);
    const denoising = await valuesOf(terms.denoising);
    expect(Math.max(...denoising.map(Math.abs))).toBeLessThan(1e-4);
    // μ_θ(x_1, 1) = x_0 exactly, so log p_θ(x_0|x_1) = −(n/2) log(2π β_1).
    const reconstruction = -Math.log(2 * Math.PI * schedule.beta[1]);
    expectAllClose(await valuesOf(terms.reconstruction), [reconstruction, reconstruction], 1e-3);
    const aT = schedule.alphaBar[schedule.T];
    const prior = 0.5 * (aT * (c[0] ** 2 + c[1] ** 2 - 2) - 2 * Math.log(1 - aT));
    expectAllClose(await valuesOf(terms.priorMatching), [prior, prior], 1e-5);
    expectAllClose(await valuesOf(terms.elbo), [reconstruction - prior, reconstruction - prior], 1e-3);
    x0.dispose();
  });

  test('leave no tensors behind', async () => {
    const x0 = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const t = tf.tensor1d([2, 5], 'int32');
    await expectNoLeak(() => vdmElboTerms(crude, x0, schedule, st, 1));
    await expectNoLeak(() => denoisingKl(crude, x0, t, x0, schedule, st));
    await expectNoLeak(() => priorMatching(x0, schedule));
    tf.dispose([x0, t]);
  });
});
