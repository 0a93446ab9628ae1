/** The forward-diffusion example's test digit: loading (checked), x_0 and its picture, and the one-step vs chain comparison on pixels. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareDigit, digitComparison } from '../../src/islands/forward-diffusion/compareDigit.ts';
import { TEST_DIGITS } from '../../src/islands/forward-diffusion/config.ts';
import { DIGIT_PIXELS, digitRgba, digitX0, testDigitLoader } from '../../src/islands/forward-diffusion/digit.ts';
import { digitStrip, STRIP_GAP } from '../../src/islands/forward-diffusion/digitStrip.ts';
import { digitComparisonCells } from '../../src/islands/forward-diffusion/text.ts';
import { makeSchedule, type Schedule } from '../../src/ml/diffusion/schedule.ts';

const publicFile = (name: string) => new Uint8Array(readFileSync(path.resolve('public/data', name)));
const images = publicFile('mnist-test-images.u8');
const labels = publicFile('mnist-test-labels.u8');
const s = makeSchedule('linear', 1000);
const x0 = digitX0(images, 0);

/** A fetch over public/, counting its calls; `corrupt` flips a byte of that file. */
function publicFetch(corrupt?: string): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fn = (async (url: string) => {
    calls.push(String(url));
    const rel = String(url).replace(/^\/base\//, '');
    const bytes = new Uint8Array(readFileSync(path.resolve('public', rel)));
    if (corrupt && rel.endsWith(corrupt)) bytes[bytes.length >> 1] ^= 1;
    return new Response(bytes);
  }) as typeof fetch;
  return { fetch: fn, calls };
}

describe('the test digit', () => {
  test('the labels the picker shows are the digits’ classes in mnist-test-labels.u8', () => {
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    for (const d of TEST_DIGITS) expect(d.label).toBe(`No. ${d.id}, a ${words[labels[Number(d.id)]]}`);
  });

  test('x_0 is 2p/255 − 1 of the shipped bytes, and at t = 0 the picture is exactly the digit, ink dark', () => {
    for (let i = 0; i < DIGIT_PIXELS; i++) expect(x0[i]).toBeCloseTo((2 * images[i]) / 255 - 1, 6);
    const rgba = digitRgba(x0);
    for (let i = 0; i < DIGIT_PIXELS; i++) expect(rgba[4 * i]).toBe(255 - images[i]);
    expect(() => digitX0(images, 1000)).toThrow(/test digit 1000 is not among the 1000 shipped/);
  });

  test('the loader fetches the manifest and the images once, and refuses a corrupted file by name', async () => {
    const good = publicFetch();
    const load = testDigitLoader('/base/', good.fetch);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(a).toEqual(images);
    expect(good.calls).toEqual(['/base/data/mnist.json', '/base/data/mnist-test-images.u8']);

    const bad = publicFetch('mnist-test-images.u8');
    const loadBad = testDigitLoader('/base/', bad.fetch);
    await expect(loadBad()).rejects.toThrow(/mnist-test-images\.u8: checksum [0-9a-f]{8}, expected 408b6ebd \(corrupt file\)/);
    // A failure is not kept: the next call fetches again.
    await expect(loadBad()).rejects.toThrow(/checksum/);
    expect(bad.calls).toHaveLength(4);
  });
});

describe('one step vs the chain on the digit’s 784 pixels', () => {
  test.each([
    [1, 100],
    [60, 100],
    [1000, 16],
  ])('at t = %d (%d draws) both match the closed form √ᾱ_t x_0, 1 − ᾱ_t, and each other: RMS z about 1', (t, draws) => {
    const c = compareDigit(s, x0, t, draws, 1);
    const ab = s.alphaBar[t];
    // The closed form, computed here from x_0 and ᾱ_t.
    expect(c.exact.mean).toBeCloseTo((Math.sqrt(ab) * x0.reduce((a, v) => a + v, 0)) / DIGIT_PIXELS, 10);
    expect(c.exact.variance).toBeCloseTo(1 - ab, 12);
    // Pixel averages: within a few standard errors of the closed form (784·draws numbers each).
    for (const m of [c.oneStep, c.chain]) {
      expect(Math.abs(m.mean - c.exact.mean)).toBeLessThan(5 * Math.sqrt((1 - ab) / (draws * DIGIT_PIXELS)));
      expect(Math.abs(m.variance / c.exact.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / ((draws - 1) * DIGIT_PIXELS)));
    }
    // RMS over 784 independent pixels of a standard-normal z is 1 ± a few hundredths.
    for (const z of [c.vsExact.oneStep.mean, c.vsExact.oneStep.variance, c.vsExact.chain.mean, c.vsExact.chain.variance, c.between.mean, c.between.variance])
      expect(Math.abs(z - 1)).toBeLessThan(0.15);
    expect(c.maxZ).toBe(Math.max(c.between.mean, c.between.variance));
  });

  test('at t = 0 both methods give x_0 itself', () => {
    const c = compareDigit(s, x0, 0, 4, 1);
    expect(c.oneStep.mean).toBeCloseTo(c.exact.mean, 6);
    expect(c.chain.variance).toBe(0);
    expect(c.maxZ).toBe(0);
  });

  test('a chain that does not match the schedule’s ᾱ_t (β one and a half times too large) is caught', () => {
    const broken: Schedule = { ...s, beta: s.beta.map((b) => 1.5 * b), alpha: s.beta.map((b) => 1 - 1.5 * b) };
    const c = compareDigit(broken, x0, 100, 100, 1);
    expect(c.vsExact.oneStep.mean).toBeLessThan(1.15); // the one-step draws use ᾱ_t itself
    expect(c.vsExact.chain.variance).toBeGreaterThan(2);
    expect(c.maxZ).toBeGreaterThan(1.5);
  });

  test('the chain yields once per step (the page slices the work there), and bad arguments say what is wrong', () => {
    const run = digitComparison(s, x0, 7, 2, 1);
    const steps: number[] = [];
    for (let r = run.next(); !r.done; r = run.next()) steps.push(r.value);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(() => compareDigit(s, x0, 1001, 10, 1)).toThrow(/t must be a whole number in 0 … 1000 \(got 1001\)/);
    expect(() => compareDigit(s, x0, 5, 1, 1)).toThrow(/draws must be a whole number ≥ 2/);
  });

  test('the table shows the pixel averages and the RMS z, and says what agreement looks like', () => {
    const cells = digitComparisonCells(compareDigit(s, x0, 60, 100, 1));
    expect(cells['var1-exact']).toBe((1 - s.alphaBar[60]).toFixed(3));
    expect(cells['mean2-exact']).toBe('≈ 1');
    expect(cells.agreement).toMatch(
      /^RMS z over 784 pixels 1\.\d\d for the means and [01]\.\d\d for the variances, about 1 when the two agree \(t = 60, 100 draws each\)$/,
    );
    expect(digitComparisonCells(null).agreement).toBe('Press Compare');
  });
});

describe('the digit strip (the picture without JavaScript)', () => {
  const eps = Float32Array.from({ length: DIGIT_PIXELS }, (_, i) => Math.sin(12.9898 * i) * 1.5);
  const strip = digitStrip(x0, eps, s, [0, 500, 1000]);
  const frame = (k: number) =>
    Uint8Array.from({ length: DIGIT_PIXELS }, (_, i) => strip.pixels[Math.floor(i / 28) * strip.width + k * (28 + STRIP_GAP) + (i % 28)]);

  test('frames side by side with white gaps; t = 0 is the digit as the live canvas draws it', () => {
    expect([strip.width, strip.height]).toEqual([3 * 28 + 2 * STRIP_GAP, 28]);
    expect(Array.from(frame(0))).toEqual(Array.from(digitRgba(x0).filter((_, i) => i % 4 === 0)));
    for (let y = 0; y < 28; y++) expect(strip.pixels[y * strip.width + 28]).toBe(255);
  });

  test('each frame is q(x_t|x_0) with the one ε: at t = T the noise alone, at t = 500 the two mixed by ᾱ_t', () => {
    const noiseOnly = digitRgba(Float32Array.from(eps, (e, i) => Math.sqrt(s.alphaBar[1000]) * x0[i] + Math.sqrt(1 - s.alphaBar[1000]) * e));
    expect(Array.from(frame(2))).toEqual(Array.from(noiseOnly.filter((_, i) => i % 4 === 0)));
    const mixed = digitRgba(Float32Array.from(eps, (e, i) => Math.sqrt(s.alphaBar[500]) * x0[i] + Math.sqrt(1 - s.alphaBar[500]) * e));
    expect(Array.from(frame(1))).toEqual(Array.from(mixed.filter((_, i) => i % 4 === 0)));
    expect(() => digitStrip(x0.subarray(1), eps, s, [0])).toThrow('784 values');
  });
});
