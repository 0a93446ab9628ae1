/** Digits as pictures (src/islands/shared/digits.ts): tiling, ink dark on white, and the RGBA a canvas takes. */
import { describe, expect, test } from 'vitest';
import { DIGIT, greyToRgba, originalsOverReconstructions, tileGrey } from '../../src/islands/shared/digits.ts';

const px = DIGIT * DIGIT;

describe('digits as pictures', () => {
  test('tileGrey puts digit d at row ⌊d/cols⌋, column d mod cols, ink (1) black and paper (0) white, padding white', () => {
    const digits = new Float32Array(3 * px);
    digits[0] = 1; // digit 0, top-left pixel
    digits[px + 27] = 0.5; // digit 1, top-right pixel
    digits[2 * px + 27 * DIGIT] = 2; // digit 2, bottom-left pixel, clamped to 1
    const { width, height, pixels } = tileGrey(digits, 2);
    expect([width, height]).toEqual([56, 56]);
    expect(pixels[0]).toBe(0);
    expect(pixels[28 + 27]).toBe(128);
    expect(pixels[(28 + 27) * width]).toBe(0);
    expect(pixels[1]).toBe(255);
    expect(pixels[(28 + 5) * width + 28 + 5]).toBe(255); // the empty fourth tile
  });

  test('greyToRgba repeats each grey level in R, G and B with full opacity', () => {
    const rgba = greyToRgba(Uint8Array.from([0, 77, 255]));
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 77, 77, 77, 255, 255, 255, 255, 255]);
  });

  test('tileGrey and originalsOverReconstructions refuse what is not whole digits or pairs', () => {
    expect(() => tileGrey(new Float32Array(px + 1), 1)).toThrow(/not a whole number/);
    expect(() => tileGrey(new Float32Array(px), 0)).toThrow(/positive integer/);
    expect(() => originalsOverReconstructions(new Float32Array(px), new Float32Array(2 * px))).toThrow(/784 original values, 1568 reconstructed/);
  });
});
