/**
 * The latent grid of the VAE example: which z each cell of the static figure decodes, shared by the
 * script that draws it (scripts/train/vae.ts) and the page that labels it. Pure, no TF.js.
 */

/** Cells per side, and the half-width of the square of latent space they cover (the prior's ±2.25σ). */
export const GRID = { cells: 10, extent: 2.25 } as const;

/** z of cell (row, col): columns run z₁ from −extent to +extent, rows run z₂ from +extent (top) down. */
export function gridLatent(row: number, col: number, cells: number = GRID.cells, extent: number = GRID.extent): [number, number] {
  const step = (2 * extent) / (cells - 1);
  return [-extent + col * step, extent - row * step];
}

/** Tiles `digits` (cells² images of 28×28 intensities in [0, 1], row-major by cell) into one greyscale image, ink dark on white. */
export function tileDigits(digits: Float32Array, cells: number = GRID.cells): { size: number; pixels: Uint8Array } {
  const size = cells * 28;
  const pixels = new Uint8Array(size * size);
  for (let cell = 0; cell < cells * cells; cell++) {
    const [r, c] = [Math.floor(cell / cells), cell % cells];
    for (let i = 0; i < 784; i++) {
      const [y, x] = [Math.floor(i / 28), i % 28];
      pixels[(r * 28 + y) * size + c * 28 + x] = Math.round(255 * (1 - digits[cell * 784 + i]));
    }
  }
  return { size, pixels };
}
