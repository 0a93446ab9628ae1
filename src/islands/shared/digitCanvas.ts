/** Drawing tiled MNIST digits on a canvas (the VAE and HVAE examples' reconstructions and samples). */
import { greyToRgba, tileGrey } from './digits.ts';

/** Draws digits ([n·784] in [0, 1]) tiled `cols` wide on a canvas sized to them. */
export function drawDigits(canvas: HTMLCanvasElement, digits: Float32Array, cols: number): void {
  const { width, height, pixels } = tileGrey(digits, cols);
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(new ImageData(greyToRgba(pixels), width, height), 0, 0);
}
