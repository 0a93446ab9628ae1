import { describe, expect, test } from 'vitest';
import { epsFromScore, epsFromX0, scoreFromEps, squaredDistance, x0ErrorWeights, x0FromEps, x0FromScore } from '../../../src/ml/diffusion/parameterizations.ts';
import { denoisingWeight } from '../../../src/ml/diffusion/loss.ts';
import { evenlySpacedSteps, makeSchedule, respaceSchedule, scheduleFromAlphaBars } from '../../../src/ml/diffusion/schedule.ts';
import { fillNormal, mulberry32 } from '../../../src/ml/random.ts';
import { expectAllClose } from '../helpers.ts';

const normal = (n: number, seed: number) => Float64Array.from(fillNormal(new Float32Array(n), mulberry32(seed)));

/** A random decreasing ᾱ_0 = 1 > ᾱ_1 > … > ᾱ_T > 0 from random α_t in (0.5, 1). */
function randomSchedule(T: number, seed: number) {
  const u = mulberry32(seed);
  const alphaBar = new Float64Array(T + 1);
  alphaBar[0] = 1;
  for (let t = 1; t <= T; t++) alphaBar[t] = alphaBar[t - 1] * (0.5 + 0.5 * u());
  return scheduleFromAlphaBars(alphaBar);
}

describe('the three parameterizations convert into each other', () => {
  test('x_0 → ε → x_0 and ε → score → ε round-trip exactly', () => {
    const xt = normal(6, 1);
    const x0 = normal(6, 2);
    for (const ab of [0.99, 0.5, 0.01]) {
      expectAllClose(x0FromEps(xt, epsFromX0(xt, x0, ab), ab), x0, 1e-9);
      expectAllClose(epsFromScore(scoreFromEps(x0, ab), ab), x0, 1e-12);
    }
  });

  test('with the true x_0 and ε of x_t = √ᾱ x_0 + √(1 − ᾱ) ε, each conversion recovers the other', () => {
    const x0 = normal(5, 3);
    const eps = normal(5, 4);
    const ab = 0.3;
    const xt = Float64Array.from(x0, (v, i) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * eps[i]);
    expectAllClose(x0FromEps(xt, eps, ab), x0, 1e-12);
    expectAllClose(epsFromX0(xt, x0, ab), eps, 1e-12);
    // The conditional score of q(x_t | x_0) is −ε/√(1 − ᾱ); through Tweedie's form it gives back x_0.
    expectAllClose(x0FromScore(xt, scoreFromEps(eps, ab), ab), x0, 1e-12);
  });

  test('rejects ᾱ outside (0, 1) and vectors of different lengths, saying which', () => {
    expect(() => x0FromEps(new Float64Array(2), new Float64Array(2), 1)).toThrow(/strictly between 0 and 1/);
    expect(() => epsFromX0(new Float64Array(2), new Float64Array(3), 0.5)).toThrow(/differ in length \(2 vs 3\)/);
  });
});

describe('L_simple against the ELBO (eq. vdm-eps-x0-snr, eq. vdm-simple-weighting)', () => {
  test('‖ε − ε̂‖² = SNR(t) ‖x̂_0 − x_0‖² on random schedules, data, noise and predictions', () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = randomSchedule(30, seed);
      const t = 1 + (seed % 30);
      const ab = s.alphaBar[t];
      const x0 = normal(8, 100 + seed);
      const eps = normal(8, 200 + seed);
      const epsHat = normal(8, 300 + seed);
      const xt = Float64Array.from(x0, (v, i) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * eps[i]);
      const lhs = squaredDistance(eps, epsHat);
      const rhs = s.snr[t] * squaredDistance(x0FromEps(xt, epsHat, ab), x0);
      expect(Math.abs(lhs - rhs) / lhs).toBeLessThan(1e-9);
    }
  });

  test('the ELBO weight ½(SNR(t−1) − SNR(t)) on ‖x̂_0 − x_0‖² equals the noise weight of eq. vdm-eps-loss times SNR(t)', () => {
    for (let seed = 0; seed < 5; seed++) {
      const s = randomSchedule(40, 50 + seed);
      for (let t = 2; t <= s.T; t++) {
        const w = x0ErrorWeights(s.snr, t);
        expect(w.elbo / (denoisingWeight(s, t) * w.simple)).toBeCloseTo(1, 9);
      }
    }
  });

  test('relative to the ELBO, L_simple scales step t by SNR(t)/(½(SNR(t−1) − SNR(t))): 1.7 at t = 2, 12 at t = 10, 97 at t = 100, 180 at t = 500 (linear, T = 1000)', () => {
    const s = makeSchedule('linear', 1000);
    const ratio = (t: number) => {
      const w = x0ErrorWeights(s.snr, t);
      return w.simple / w.elbo;
    };
    // The numbers the chapter quotes after eq. vdm-simple-weighting.
    expect(ratio(2)).toBeCloseTo(1.7, 1);
    expect(ratio(100)).toBeGreaterThan(90);
    expect(ratio(100)).toBeLessThan(105);
    expect(ratio(500)).toBeGreaterThan(170);
    expect(ratio(500)).toBeLessThan(190);
    expect(ratio(10)).toBeGreaterThan(11);
    expect(ratio(10)).toBeLessThan(12.5);
  });

  test('x0ErrorWeights refuses t = 1, where SNR(0) is infinite', () => {
    expect(() => x0ErrorWeights(makeSchedule('linear', 10).snr, 1)).toThrow(/t must be an integer in 2 … 10/);
  });
});

describe('respacing (eq. vdm-respaced-alpha)', () => {
  test('α′_k = ᾱ_{τ_k}/ᾱ_{τ_{k−1}} is the product of the skipped steps, not the original α_{τ_k}', () => {
    const full = makeSchedule('cosine', 100);
    const kept = evenlySpacedSteps(100, 10);
    const r = respaceSchedule(full, kept);
    let prev = 0;
    kept.forEach((tau, k) => {
      let product = 1;
      for (let t = prev + 1; t <= tau; t++) product *= full.alpha[t];
      expect(r.alpha[k + 1]).toBeCloseTo(product, 12);
      // Skipping steps multiplies in more factors below one, so the original α_τ would keep too much signal.
      if (tau - prev > 1) expect(r.alpha[k + 1]).toBeLessThan(full.alpha[tau] - 1e-4);
      prev = tau;
    });
  });

  test('one respaced forward step from x_{τ_{k−1}} has the variance of all the skipped steps run in sequence', () => {
    const full = makeSchedule('linear', 200);
    const kept = evenlySpacedSteps(200, 8);
    const r = respaceSchedule(full, kept);
    let prev = 0;
    kept.forEach((tau, k) => {
      // Var(x_τ | x_{τ_prev}) by iterating eq. vdm-variance-preserving's recursion v ← α_t v + (1 − α_t), from v = 0.
      let v = 0;
      for (let t = prev + 1; t <= tau; t++) v = full.alpha[t] * v + (1 - full.alpha[t]);
      expect(1 - r.alpha[k + 1]).toBeCloseTo(v, 12);
      prev = tau;
    });
  });
});
