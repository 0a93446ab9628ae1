/** The pure parts of the VAE latent example: the grid of the static figure, plane geometry, and the PNG it is stored as. */
import { describe, expect, test } from 'vitest';
import { inflateSync, crc32 } from 'node:zlib';
import { GRID, gridLatent, tileDigits } from '../../src/islands/vae-latent/grid.ts';
import { latentToPixel, pixelToLatent } from '../../src/islands/vae-latent/plot.ts';
import { greyPng } from '../../src/node/png.ts';

describe('the static figure’s grid', () => {
  test('corners are (−e, +e) top left and (+e, −e) bottom right; steps are even', () => {
    const e = GRID.extent;
    expect(gridLatent(0, 0)).toEqual([-e, e]);
    expect(gridLatent(GRID.cells - 1, GRID.cells - 1)).toEqual([e, -e]);
    const [a] = gridLatent(0, 1);
    expect(a + e).toBeCloseTo((2 * e) / (GRID.cells - 1), 12);
  });

  test('tileDigits puts cell (r, c) at rows 28r…, columns 28c…, ink dark', () => {
    const digits = new Float32Array(4 * 784);
    digits[3 * 784 + 5 * 28 + 7] = 1; // cell 3 = (1, 1), pixel (5, 7) fully inked
    const { size, pixels } = tileDigits(digits, 2);
    expect(size).toBe(56);
    expect(pixels[(28 + 5) * 56 + 28 + 7]).toBe(0);
    expect(pixels.filter((v) => v !== 255).length).toBe(1);
  });
});

test('latentToPixel and pixelToLatent are inverses, y up', () => {
  expect(latentToPixel(0, 0, 320, 3.5)).toEqual([160, 160]);
  expect(latentToPixel(-3.5, 3.5, 320, 3.5)).toEqual([0, 0]);
  const [z1, z2] = pixelToLatent(...latentToPixel(1.2, -0.7, 320, 3.5), 320, 3.5);
  expect(z1).toBeCloseTo(1.2, 12);
  expect(z2).toBeCloseTo(-0.7, 12);
});

describe('greyPng', () => {
  test('writes a valid 8-bit greyscale PNG whose rows inflate back to the pixels', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 }, (_, i) => i * 40);
    const png = Buffer.from(greyPng(3, 2, pixels));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Walk the chunks, checking each CRC.
    const chunks: Record<string, Buffer> = {};
    for (let at = 8; at < png.length;) {
      const len = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + len);
      expect(png.readUInt32BE(at + 8 + len)).toBe(crc32(png.subarray(at + 4, at + 8 + len)) >>> 0);
      chunks[type] = data;
      at += 12 + len;
    }
    expect(Object.keys(chunks)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([chunks.IHDR.readUInt32BE(0), chunks.IHDR.readUInt32BE(4), chunks.IHDR[8], chunks.IHDR[9]]).toEqual([3, 2, 8, 0]);
    expect(Array.from(inflateSync(chunks.IDAT))).toEqual([0, 0, 40, 80, 0, 120, 160, 200]);
  });

  test('refuses a pixel count that does not match the size', () => {
    expect(() => greyPng(3, 3, new Uint8Array(8))).toThrow(/expected 9 pixels, got 8/);
  });
});
