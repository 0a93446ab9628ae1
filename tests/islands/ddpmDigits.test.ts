/** The MNIST diffusion example's pure parts: its settings against the committed model, and the bytes it draws. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  askedText,
  DIGIT_CHOICES,
  digitLabels,
  GUIDANCE_CHOICES,
  MODEL_T,
  PRETRAINED_STEPS,
  SPEC,
  STEP_CHOICES,
} from '../../src/islands/ddpm-digits/config.ts';
import { ANY_DIGIT } from '../../src/ml/diffusion/config.ts';
import { gridColumns, toBytes } from '../../src/islands/ddpm-digits/grid.ts';
import { parseSettings } from '../../src/islands/kit/settings.ts';

const metrics = JSON.parse(readFileSync('public/models/ddpm-mnist/metrics.json', 'utf8')) as { steps: number; config: { T: number; guidance: number } };

describe('ddpm-digits settings', () => {
  test('match the committed model: its T and its training steps', () => {
    expect(MODEL_T).toBe(metrics.config.T);
    expect(PRETRAINED_STEPS).toBe(metrics.steps);
  });

  test('offer all T steps and respaced K < T, each a whole number of steps', () => {
    const ks = STEP_CHOICES.map((c) => Number(c.id));
    expect(ks[0]).toBe(MODEL_T);
    for (const k of ks) expect(Number.isInteger(k) && k >= 1 && k <= MODEL_T).toBe(true);
    expect(ks).toContain(Number(SPEC.steps.default));
  });

  test('a malformed digit, guidance, steps or digits value in the URL is ignored with a notice', () => {
    const r = parseSettings(SPEC, 'ddpm-digits', '?ddpm-digits.digit=12&ddpm-digits.guidance=-1&ddpm-digits.steps=7&ddpm-digits.digits=0');
    expect(r.settings).toEqual({ digit: 'each', guidance: '2', steps: '50', digits: 16 });
    expect(r.notices.map((n) => n.param)).toEqual(['ddpm-digits.digit', 'ddpm-digits.guidance', 'ddpm-digits.steps', 'ddpm-digits.digits']);
  });

  test('the digits asked for: 0–9 in turn, one digit for every image, or any (ANY_DIGIT)', () => {
    expect(digitLabels('each', 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(digitLabels('7', 3)).toEqual([7, 7, 7]);
    expect(digitLabels('any', 2)).toEqual([ANY_DIGIT, ANY_DIGIT]);
    expect(askedText('each', 2)).toBe('0–9 in turn, guidance w = 2');
    expect(askedText('7', 0)).toBe('only 7s, no guidance');
    expect(askedText('any', 3)).toBe('any digit (no label, so no guidance)');
    expect(DIGIT_CHOICES.map((c) => c.id)).toEqual(['each', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'any']);
  });

  test("the default guidance is the committed model's own (metrics.json config.guidance)", () => {
    expect(Number(SPEC.guidance.default)).toBe(metrics.config.guidance);
    expect(GUIDANCE_CHOICES.map((c) => c.id)).toContain(SPEC.guidance.default);
  });
});

describe('ddpm-digits grid', () => {
  test('toBytes maps model space [−1, 1] to 0 … 255 as (x + 1)/2, clipping outside', () => {
    expect(Array.from(toBytes(Float32Array.from([-1, 0, 1, -3, 2, 0.5])))).toEqual([0, 128, 255, 0, 255, 191]);
  });

  test('grids are as square as the count allows', () => {
    expect([1, 4, 16, 17, 64].map(gridColumns)).toEqual([1, 2, 4, 5, 8]);
  });
});
