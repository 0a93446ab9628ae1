/** The MNIST diffusion example's pure parts: its settings against the committed model, and the bytes it draws. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MODEL_T, PRETRAINED_STEPS, SPEC, STEP_CHOICES } from '../../src/islands/ddpm-digits/config.ts';
import { gridColumns, toBytes } from '../../src/islands/ddpm-digits/grid.ts';
import { parseSettings } from '../../src/islands/kit/settings.ts';

const metrics = JSON.parse(readFileSync('public/models/ddpm-mnist/metrics.json', 'utf8')) as { steps: number; config: { T: number } };

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

  test('a malformed steps or digits value in the URL is ignored with a notice', () => {
    const r = parseSettings(SPEC, 'ddpm-digits', '?ddpm-digits.steps=7&ddpm-digits.digits=0');
    expect(r.settings).toEqual({ steps: '50', digits: 16 });
    expect(r.notices.map((n) => n.param)).toEqual(['ddpm-digits.steps', 'ddpm-digits.digits']);
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
