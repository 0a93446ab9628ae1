/**
 * Digits as pictures, shared by the build scripts that write the static previews and the live canvases
 * of the VAE and HVAE examples:
 * n images of 28×28 intensities in [0, 1] tiled `cols` to a row, ink dark on white (like the chapter's
 * figures). Pure, no DOM, no TF.js.
 */

/** Side of one MNIST digit in pixels. */
export const DIGIT = 28;

/** Tiles `digits` ([n·784], row-major per digit) into one greyscale image `cols` digits wide. */
export function tileGrey(digits: ArrayLike<number>, cols: number): { width: number; height: number; pixels: Uint8Array } {
  const px = DIGIT * DIGIT;
  const n = Math.floor(digits.length / px);
  if (n * px !== digits.length) throw new Error(`tileGrey: ${digits.length} values is not a whole number of 28×28 digits`);
  if (!(Number.isInteger(cols) && cols > 0)) throw new Error(`tileGrey: cols must be a positive integer, got ${cols}`);
  const rows = Math.ceil(n / cols);
  const width = cols * DIGIT;
  const height = rows * DIGIT;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let d = 0; d < n; d++) {
    const [r, c] = [Math.floor(d / cols), d % cols];
    for (let i = 0; i < px; i++) {
      const v = Math.min(1, Math.max(0, digits[d * px + i]));
      pixels[(r * DIGIT + Math.floor(i / DIGIT)) * width + c * DIGIT + (i % DIGIT)] = Math.round(255 * (1 - v));
    }
  }
  return { width, height, pixels };
}

/** Greyscale pixels → RGBA (for a canvas ImageData). */
export function greyToRgba(grey: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  // Plain stores: a small array per pixel (out.set([g, g, g, 255])) made the VAE's snapshot a 40 ms task.
  const out = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
    const g = grey[i];
    out[j] = g;
    out[j + 1] = g;
    out[j + 2] = g;
    out[j + 3] = 255;
  }
  return out;
}

/** Originals above their reconstructions: one array of 2n digits, to tile n wide. */
export function originalsOverReconstructions(originals: Float32Array, reconstructions: Float32Array): Float32Array {
  if (originals.length !== reconstructions.length)
    throw new Error(`originalsOverReconstructions: ${originals.length} original values, ${reconstructions.length} reconstructed`);
  const pair = new Float32Array(originals.length + reconstructions.length);
  pair.set(originals);
  pair.set(reconstructions, originals.length);
  return pair;
}
