/** The per-step denoising matching term L_t (loss.ts denoisingTermsByT) against independent computations. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disposeScheduleTensors, perExample, scheduleTensors } from '../../../src/ml/diffusion/forward.ts';
import { denoisingTermsByT, type EpsPredictor } from '../../../src/ml/diffusion/loss.ts';
import { makeSchedule } from '../../../src/ml/diffusion/schedule.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';
import { expectAllClose, expectNoLeak, useCpuBackend, valuesOf } from '../helpers.ts';

const schedule = makeSchedule('cosine', 40);
let st: ReturnType<typeof scheduleTensors>;

beforeAll(async () => {
  await useCpuBackend();
  st = scheduleTensors(schedule);
});
afterAll(() => disposeScheduleTensors(st));

const ts = [2, 7, 20, 33, 40];
const batch = 64;
const x0Host = fillNormal(new Float32Array(batch * 2), mulberry32(3)).map((v, i) => v * 0.3 + (i % 2 ? -1 : 2));
const epsHost = fillNormal(new Float32Array(ts.length * batch * 2), mulberry32(4));

/** An imperfect ε-predictor, the same on the host: 0.5·x_t + 0.01·t. */
const crude: EpsPredictor = (xt, t) => tf.tidy(() => tf.add(tf.mul(xt, 0.5), tf.mul(tf.expandDims(tf.cast(t, 'float32'), 1), 0.01)) as tf.Tensor2D);
const crudeHost = (x: number, t: number) => 0.5 * x + 0.01 * t;

describe('denoisingTermsByT (eq. vdm-elbo’s denoising matching term, per t)', () => {
  test('equals the mean of ‖μ_q − μ_θ‖²/(2σ_q²(t)) (eq. vdm-kl-equal-variance) computed on the host from the posterior mean (eq. vdm-posterior)', async () => {
    const x0 = tf.tensor2d(x0Host, [batch, 2]);
    const eps = tf.tensor2d(epsHost, [ts.length * batch, 2]);
    const got = await valuesOf(denoisingTermsByT(crude, x0, ts, eps, schedule, st));
    const s = schedule;
    const want = ts.map((t, k) => {
      let sum = 0;
      for (let i = 0; i < batch; i++) {
        let sq = 0;
        for (let d = 0; d < 2; d++) {
          const x = x0Host[2 * i + d];
          const e = epsHost[2 * (k * batch + i) + d];
          const xt = Math.sqrt(s.alphaBar[t]) * x + Math.sqrt(1 - s.alphaBar[t]) * e;
          const muQ = s.posteriorCoefX0[t] * x + s.posteriorCoefXt[t] * xt;
          const muTheta = (xt - (s.beta[t] / Math.sqrt(1 - s.alphaBar[t])) * crudeHost(xt, t)) / Math.sqrt(s.alpha[t]);
          sq += (muQ - muTheta) ** 2;
        }
        sum += sq / (2 * s.posteriorVariance[t]);
      }
      return sum / batch;
    });
    // Relative: the terms span orders of magnitude across t.
    got.forEach((g, k) => expect(Math.abs(g - want[k]) / want[k]).toBeLessThan(1e-4));
    tf.dispose([x0, eps]);
  });

  test('is zero at every t for the exact ε-predictor of a one-point data set', async () => {
    const c = [1.5, -0.5];
    const exact: EpsPredictor = (xt, t) =>
      tf.tidy(() => tf.div(tf.sub(xt, tf.mul(perExample(st.sqrtAlphaBar, t), tf.tensor1d(c))), perExample(st.sqrtOneMinusAlphaBar, t)) as tf.Tensor2D);
    const x0 = tf.tile(tf.tensor2d([c]), [batch, 1]) as tf.Tensor2D;
    const eps = tf.tensor2d(epsHost, [ts.length * batch, 2]);
    const got = await valuesOf(denoisingTermsByT(exact, x0, ts, eps, schedule, st));
    expectAllClose(
      got,
      ts.map(() => 0),
      1e-3,
    );
    tf.dispose([x0, eps]);
  });

  test('rejects t = 1 and a noise batch of the wrong size, and leaves no tensors behind', async () => {
    const x0 = tf.tensor2d(x0Host, [batch, 2]);
    const eps = tf.tensor2d(epsHost, [ts.length * batch, 2]);
    expect(() => denoisingTermsByT(crude, x0, [1, 5], eps, schedule, st)).toThrow(/2 … 40/);
    expect(() => denoisingTermsByT(crude, x0, [2, 5], eps, schedule, st)).toThrow(/eps needs/);
    await expectNoLeak(() => denoisingTermsByT(crude, x0, ts, eps, schedule, st));
    tf.dispose([x0, eps]);
  });
});
