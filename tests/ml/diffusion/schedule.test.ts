import { describe, expect, test } from 'vitest';
import {
  alphaBarsFromBetas,
  cosineBetas,
  evenlySpacedSteps,
  linearBetas,
  makeSchedule,
  respaceSchedule,
  scheduleFromBetas,
} from '../../../src/ml/diffusion/schedule.ts';
import { expectAllClose } from '../helpers.ts';

describe('beta schedules', () => {
  test('linear betas run evenly from β_1 to β_T, with entry 0 reserved for the data', () => {
    expectAllClose(linearBetas(5, 0.1, 0.5), [0, 0.1, 0.2, 0.3, 0.4, 0.5], 1e-12);
  });

  test('ᾱ_t is the running product of 1 − β_t (hand-computed for β = 0.1, 0.2, 0.3)', () => {
    const beta = Float64Array.from([0, 0.1, 0.2, 0.3]);
    expectAllClose(alphaBarsFromBetas(beta), [1, 0.9, 0.9 * 0.8, 0.9 * 0.8 * 0.7], 1e-12);
  });

  test('cosine ᾱ_t follows cos²(((t/T + s)/(1 + s))·π/2) / cos²((s/(1 + s))·π/2) before clipping', () => {
    const T = 10;
    const s = 0.008;
    const f = (t: number) => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    const alphaBar = alphaBarsFromBetas(cosineBetas(T));
    for (let t = 1; t < T; t++) expect(alphaBar[t]).toBeCloseTo(f(t) / f(0), 10);
  });

  test('cosine betas are clipped at 0.999 (the last step would otherwise be β_T = 1)', () => {
    const beta = cosineBetas(10);
    expect(beta[10]).toBe(0.999);
    expect(Math.max(...beta)).toBeLessThanOrEqual(0.999);
  });
});

describe('derived tables', () => {
  const s = scheduleFromBetas(Float64Array.from([0, 0.1, 0.2, 0.3]));

  test('SNR(t) = ᾱ_t / (1 − ᾱ_t)', () => {
    expect(s.snr[2]).toBeCloseTo(0.72 / 0.28, 12);
    expect(s.snr[0]).toBe(Infinity);
  });

  test('posterior variance σ_q²(t) = (1 − α_t)(1 − ᾱ_{t−1})/(1 − ᾱ_t), zero at t = 1', () => {
    expect(s.posteriorVariance[1]).toBe(0);
    expect(s.posteriorVariance[2]).toBeCloseTo((0.2 * 0.1) / 0.28, 12);
    expect(s.posteriorVariance[3]).toBeCloseTo((0.3 * 0.28) / (1 - 0.504), 12);
  });

  test('posterior-mean coefficients at t = 2 match eq. vdm-posterior by hand', () => {
    expect(s.posteriorCoefX0[2]).toBeCloseTo((Math.sqrt(0.9) * 0.2) / 0.28, 12);
    expect(s.posteriorCoefXt[2]).toBeCloseTo((Math.sqrt(0.8) * 0.1) / 0.28, 12);
  });
});

describe('respacing', () => {
  test('evenly spaced steps start at 1 and end at T', () => {
    expect(evenlySpacedSteps(100, 5)).toEqual([1, 26, 51, 75, 100]);
    expect(evenlySpacedSteps(4, 4)).toEqual([1, 2, 3, 4]);
  });

  test('a respaced schedule keeps ᾱ at the kept steps and sets α′_i = ᾱ_{t_i}/ᾱ_{t_{i−1}}', () => {
    const full = makeSchedule('cosine', 20);
    const kept = [1, 5, 12, 20];
    const r = respaceSchedule(full, kept);
    expect(r.T).toBe(4);
    kept.forEach((t, i) => expect(r.alphaBar[i + 1]).toBeCloseTo(full.alphaBar[t], 14));
    expect(r.alpha[3]).toBeCloseTo(full.alphaBar[12] / full.alphaBar[5], 14);
    expect(r.posteriorVariance[1]).toBe(0); // ᾱ′_0 = 1: no noise at the last step
  });

  test('keeping every step reproduces the original schedule', () => {
    const full = makeSchedule('linear', 30, 1e-3, 0.05);
    const r = respaceSchedule(full, evenlySpacedSteps(30, 30));
    expectAllClose(r.beta, full.beta, 1e-12);
    expectAllClose(r.posteriorVariance, full.posteriorVariance, 1e-12);
  });
});
