/** The pure parts of the example charts: scales, ticks, number labels, decimation and the text twin. */
import { describe, test, expect } from 'vitest';
import { formatNumber, linearScale, linearTicks, logScale, logTicks, paddedDomain, tickStep } from '../../src/islands/kit/chartScales.ts';
import { decimate } from '../../src/islands/kit/chartDecimate.ts';
import { summarizeSeries } from '../../src/islands/kit/chartSummary.ts';

describe('scales', () => {
  test('a linear scale maps the domain ends onto the range ends (y flipped) and interpolates between', () => {
    const s = linearScale([0, 200], [180, 10]);
    expect([s(0), s(200), s(100)]).toEqual([180, 10, 95]);
  });

  test('a log scale puts each decade the same distance apart and leaves non-positive values undrawable', () => {
    const s = logScale([1, 1000], [300, 0]);
    expect([s(1), s(10), s(100), s(1000)]).toEqual([300, 200, 100, 0]);
    expect(s(0)).toBeNaN();
    expect(s(-5)).toBeNaN();
    expect(() => logScale([0, 10], [0, 1])).toThrow('logScale: the domain must be positive, got [0, 10]');
  });

  test('a single-value domain maps to the middle of the range instead of dividing by zero', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe('ticks', () => {
  test('the tick step is the 1, 2 or 5 times a power of ten nearest (in ratio) to range / count', () => {
    expect(tickStep(0, 10, 5)).toBe(2); //      exact 2
    expect(tickStep(0, 1000, 4)).toBe(200); //  exact 250: 250/200 < 500/250
    expect(tickStep(0, 0.7, 5)).toBeCloseTo(0.1, 12); // exact 0.14: 0.14/0.1 < 0.2/0.14
    expect(tickStep(0, 40, 1)).toBe(50); //     exact 40: 50/40 < 40/20
  });

  test('linear ticks are the multiples of the step inside the interval, without float noise', () => {
    expect(linearTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(93, 547, 4)).toEqual([100, 200, 300, 400, 500]);
    expect(linearTicks(0.05, 0.95, 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(linearTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  test('log ticks are powers of ten over many decades, with 2× and 5× over few', () => {
    expect(logTicks(0.5, 20_000)).toEqual([1, 10, 100, 1000, 10_000]);
    expect(logTicks(90, 600)).toEqual([100, 200, 500]);
    expect(() => logTicks(0, 1)).toThrow('logTicks: the interval must be positive');
  });

  test('the drawn interval pads a linear axis by 5 % and a log axis out to quarter decades', () => {
    expect(paddedDomain(100, 200, false)).toEqual([95, 205]);
    expect(paddedDomain(4, 4, false)).toEqual([3, 5]);
    const [lo, hi] = paddedDomain(150, 900, true);
    expect(lo).toBeCloseTo(10 ** 2, 9); // log10(150) = 2.18 → 2
    expect(hi).toBeCloseTo(10 ** 3, 9); // log10(900) = 2.95 → 3
  });

  test('numbers print short: compact thousands, a true minus sign, exponents for tiny values', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(176.84)).toBe('176.8');
    expect(formatNumber(-3.5)).toBe('−3.5');
    expect(formatNumber(12_500)).toBe('12.5K');
    expect(formatNumber(0.0001)).toBe('1e−4');
  });
});

describe('decimate', () => {
  const series = (ys: number[]) => ({ xs: ys.map((_, i) => i), ys, length: ys.length });

  test('keeps every point of a short series', () => {
    expect(decimate(series([3, 1, 2]), 10)).toEqual([0, 1, 2]);
  });

  test('keeps a long series to at most four points per bucket, with its ends and its spike', () => {
    const ys = Array.from({ length: 10_000 }, (_, i) => 200 - i / 100);
    ys[6_543] = 1e6; // a divergence spike must survive
    ys[2_000] = -50; // and a dip
    const kept = decimate(series(ys), 100);
    expect(kept.length).toBeLessThanOrEqual(400);
    expect(kept.length).toBeGreaterThanOrEqual(200);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(9_999);
    expect(kept).toContain(6_543);
    expect(kept).toContain(2_000);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept); // in x order, no repeats
    expect(new Set(kept).size).toBe(kept.length);
  });

  test('the kept points span the same minimum and maximum as the full series', () => {
    const ys = Array.from({ length: 5_000 }, (_, i) => Math.sin(i / 37) * (1 + i / 1000));
    const kept = decimate(series(ys), 50).map((i) => ys[i]);
    expect(Math.max(...kept)).toBe(Math.max(...ys));
    expect(Math.min(...kept)).toBe(Math.min(...ys));
  });

  test('rejects a bucket count that is not a positive integer', () => {
    expect(() => decimate(series([1]), 0)).toThrow('decimate: buckets must be a positive integer, got 0');
  });
});

describe('text twin', () => {
  test('says the latest value, the range and the equation of a series', () => {
    const s = { label: 'Reconstruction term', equation: '2.4', xs: [0, 50, 100], ys: [543, 201.2, 176.84], length: 3 };
    expect(summarizeSeries(s, 'step')).toBe('Reconstruction term (eq. 2.4): 3 points; latest 176.8 at step 100; lowest 176.8, highest 543.');
  });

  test('reads only the filled part of a buffer, and says when there is no data', () => {
    const xs = new Float64Array(8);
    const ys = new Float64Array(8);
    ys.set([5, 7]);
    xs.set([1, 2]);
    expect(summarizeSeries({ label: 'KL', xs, ys, length: 2 }, 'step')).toBe('KL: 2 points; latest 7 at step 2; lowest 5, highest 7.');
    expect(summarizeSeries({ label: 'KL', xs, ys, length: 0 }, 'step')).toBe('KL: no data yet.');
  });
});
