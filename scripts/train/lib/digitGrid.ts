/** A grid of 28×28 digits (bytes, 255 = ink) as a greyscale PNG, ink dark on white like the examples draw them. */
import { greyPng } from '../../../src/node/png.ts';

/** Tiles `digits` (cols² · 784 bytes, row-major by cell) into a PNG of cols × cols digits. */
export function digitGridPng(digits: Uint8Array, cols: number): Uint8Array {
  const count = digits.length / 784;
  if (count !== cols * cols) throw new Error(`digitGridPng: ${count} digits do not fill a ${cols} × ${cols} grid`);
  const size = cols * 28;
  const pixels = new Uint8Array(size * size);
  for (let cell = 0; cell < count; cell++) {
    const [r, c] = [Math.floor(cell / cols), cell % cols];
    for (let i = 0; i < 784; i++) pixels[(r * 28 + Math.floor(i / 28)) * size + c * 28 + (i % 28)] = 255 - digits[cell * 784 + i];
  }
  return greyPng(size, size, pixels);
}
