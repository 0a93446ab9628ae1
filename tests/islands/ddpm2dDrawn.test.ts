/** The 2-D diffusion example's drawing: the points' URL encoding, the spray, the sampler over drawn points, the plot's ticks. */
import { describe, expect, test } from 'vitest';
import { pointSet2d } from '../../src/ml/data/pointSet2d.ts';
import { EXTENT, SPEC } from '../../src/islands/ddpm-2d/config.ts';
import { axisTicks, fromPixel, tickLabel, toPixel } from '../../src/islands/ddpm-2d/geometry.ts';
import { addSpray, decodePoints, encodePoints, MAX_POINTS, pointsError, sprayAt, SPRAY_POINTS, SPRAY_STD } from '../../src/islands/ddpm-2d/points.ts';
import { parseSettings, writeSettings, DEFAULT_GLOBALS } from '../../src/islands/kit/settings.ts';

describe('drawn points in the URL', () => {
  test('round-trip within half a level (9/4095/2 ≈ 0.0011), four URL-safe characters a point', () => {
    const flat = [0, 0, -4.5, 4.5, 1.2345, -3.21, 4.4999, -0.0007];
    const raw = encodePoints(flat, EXTENT);
    expect(raw).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(encodeURIComponent(raw)).toBe(raw);
    const back = decodePoints(raw, EXTENT);
    expect(back.length).toBe(flat.length);
    back.forEach((v, i) => expect(Math.abs(v - flat[i])).toBeLessThanOrEqual(9 / 4095 / 2 + 1e-6));
    expect(decodePoints('', EXTENT).length).toBe(0);
  });

  test('the corners of the square map to the first and last codes, and points outside it are clamped', () => {
    expect(encodePoints([-4.5, 4.5], EXTENT)).toBe('AA__');
    expect(encodePoints([-100, 100], EXTENT)).toBe('AA__');
  });

  test('malformed strings are rejected with a reason, and decode refuses them', () => {
    expect(pointsError('AAA')).toMatch(/4 characters/);
    expect(pointsError('AA+A')).toMatch(/letters, digits/);
    expect(pointsError('A'.repeat(4 * (MAX_POINTS + 1)))).toMatch(/more than the 500/);
    expect(pointsError('A'.repeat(4 * MAX_POINTS))).toBeNull();
    expect(() => decodePoints('AAA', EXTENT)).toThrow(/Drawn points must be whole points/);
  });

  test('a malformed ?ddpm-2d.points= becomes a notice and the drawing stays empty; a valid one round-trips through the URL', () => {
    const bad = parseSettings(SPEC, 'ddpm-2d', '?ddpm-2d.dataset=drawn&ddpm-2d.points=AB%2BC');
    expect(bad.settings.points).toBe('');
    expect(bad.settings.dataset).toBe('drawn');
    expect(bad.notices.map((n) => n.param)).toEqual(['ddpm-2d.points']);
    const raw = encodePoints([1, 2, -3, 0.5], EXTENT);
    const search = writeSettings(SPEC, 'ddpm-2d', { ...bad.settings, points: raw }, DEFAULT_GLOBALS, '');
    expect(parseSettings(SPEC, 'ddpm-2d', search)).toEqual({ settings: { ...bad.settings, points: raw }, notices: [] });
  });
});

describe('the spray', () => {
  test('places SPRAY_POINTS points around the spot, the same ones for the same drawing, inside the square', () => {
    const a = sprayAt(1, -1, 10, EXTENT);
    expect(a.length).toBe(2 * SPRAY_POINTS);
    expect(sprayAt(1, -1, 10, EXTENT)).toEqual(a);
    expect(sprayAt(1, -1, 15, EXTENT)).not.toEqual(a);
    for (let i = 0; i < a.length; i += 2) expect(Math.hypot(a[i] - 1, a[i + 1] + 1)).toBeLessThan(6 * SPRAY_STD);
    const edge = sprayAt(4.5, -4.5, 0, EXTENT);
    for (const v of edge) expect(Math.abs(v)).toBeLessThanOrEqual(EXTENT);
  });

  test('addSpray appends, and past MAX_POINTS drops the oldest points', () => {
    let raw = '';
    for (let k = 0; k < MAX_POINTS / SPRAY_POINTS; k++) raw = addSpray(raw, 0, 0, EXTENT);
    expect(raw.length / 4).toBe(MAX_POINTS);
    const first = raw.slice(0, 4 * SPRAY_POINTS);
    const more = addSpray(raw, 3, 3, EXTENT);
    expect(more.length / 4).toBe(MAX_POINTS);
    expect(more.startsWith(first)).toBe(false);
    expect(more.slice(0, -4 * SPRAY_POINTS)).toBe(raw.slice(4 * SPRAY_POINTS));
  });
});

describe('pointSet2d: training data from drawn points', () => {
  test('draws each point about equally often, jittered by N(0, jitter²), reproducibly', () => {
    const points = new Float32Array([-2, 0, 2, 0]);
    const n = 20_000;
    const s = pointSet2d(points, 0.05).sample(n, 7);
    expect(pointSet2d(points, 0.05).sample(n, 7)).toEqual(s);
    let left = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const centre = s[2 * i] < 0 ? -2 : 2;
      if (centre < 0) left++;
      sq += (s[2 * i] - centre) ** 2 + s[2 * i + 1] ** 2;
    }
    expect(left / n).toBeGreaterThan(0.48);
    expect(left / n).toBeLessThan(0.52);
    expect(Math.sqrt(sq / (2 * n))).toBeCloseTo(0.05, 2);
  });

  test('an empty drawing has nothing to sample, and says so', () => {
    expect(() => pointSet2d(new Float32Array(0)).sample(4, 1)).toThrow(/draw some points first/);
  });
});

describe('plot axes', () => {
  test('ticks at the whole numbers inside the square but 0, every other one labelled, with a real minus', () => {
    expect(axisTicks(4.5).map((t) => t.value)).toEqual([-4, -3, -2, -1, 1, 2, 3, 4]);
    expect(
      axisTicks(4.5)
        .filter((t) => t.labelled)
        .map((t) => tickLabel(t.value)),
    ).toEqual(['−4', '−2', '2', '4']);
  });

  test('fromPixel inverts toPixel', () => {
    const [px, py] = toPixel(1.25, -3, 320, 4.5);
    const [x, y] = fromPixel(px, py, 320, 4.5);
    expect(x).toBeCloseTo(1.25, 10);
    expect(y).toBeCloseTo(-3, 10);
  });
});
