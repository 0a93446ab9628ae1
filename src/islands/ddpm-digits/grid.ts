/** The digit grids of the MNIST diffusion example: model space to bytes, and bytes onto a canvas. Pure but for the canvas. */

/** Model-space values in [−1, 1] (clipped) → display bytes in 0 … 255 (255 = ink), as the sampler's (x + 1)/2. */
export function toBytes(x: Float32Array): Uint8Array {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.round(255 * Math.min(1, Math.max(0, (x[i] + 1) / 2)));
  return out;
}

/** Columns of a square-ish grid of n digits. */
export const gridColumns = (n: number): number => Math.ceil(Math.sqrt(n));

/** Draws n digits (bytes, 784 each) on `canvas` in a grid, ink dark on white like the static picture. */
export function drawGrid(canvas: HTMLCanvasElement, digits: Uint8Array): void {
  const n = digits.length / 784;
  const cols = gridColumns(n);
  const rows = Math.ceil(n / cols);
  if (canvas.width !== cols * 28 || canvas.height !== rows * 28) {
    canvas.width = cols * 28;
    canvas.height = rows * 28;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(cols * 28, rows * 28);
  image.data.fill(255);
  for (let d = 0; d < n; d++) {
    const [r, c] = [Math.floor(d / cols), d % cols];
    for (let p = 0; p < 784; p++) {
      const v = 255 - digits[d * 784 + p];
      const at = 4 * ((r * 28 + Math.floor(p / 28)) * cols * 28 + c * 28 + (p % 28));
      image.data[at] = image.data[at + 1] = image.data[at + 2] = v;
    }
  }
  ctx.putImageData(image, 0, 0);
}
