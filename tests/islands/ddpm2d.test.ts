/** The pure parts of the 2-D diffusion example: plot geometry and the loss curve. */
import { describe, expect, test } from 'vitest';
import { curvePoints, dotsPath, pixelPoints, toPixel } from '../../src/islands/ddpm-2d/geometry.ts';

describe('plot geometry', () => {
  test('maps [−e, e]² onto the square with y up: corners and centre', () => {
    expect(toPixel(0, 0, 320, 4)).toEqual([160, 160]);
    expect(toPixel(-4, 4, 320, 4)).toEqual([0, 0]); // top left
    expect(toPixel(4, -4, 320, 4)).toEqual([320, 320]); // bottom right
    expect(toPixel(2, 1, 320, 4)).toEqual([240, 120]);
  });

  test('pixelPoints keeps the points inside the square, rounded to 0.1 px', () => {
    expect(pixelPoints([0, 0, 5, 0, 1.23456, -2], 320, 4)).toEqual([
      [160, 160],
      [209.4, 240],
    ]);
  });
});

test('dotsPath draws each point as a zero-length segment (a dot with round caps)', () => {
  expect(
    dotsPath([
      [1, 2],
      [3.5, 4],
    ]),
  ).toBe('M1 2h0M3.5 4h0');
});

describe('loss curve', () => {
  test('x is the step over the run, y the log loss scaled to the box (lowest at the bottom)', () => {
    const pts = curvePoints(
      [
        [0, 1],
        [50, Math.E ** -1],
        [100, Math.E ** -2],
      ],
      200,
      100,
      100,
    )
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(pts).toEqual([
      [0, 0],
      [100, 50],
      [200, 100],
    ]);
  });
});
