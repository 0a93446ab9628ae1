/**
 * Translating a 28×28 digit by whole pixels (zeros come in at the edges): the classifier's only
 * augmentation, so it does not depend on where in the frame a digit sits (sampled digits drift a little).
 */

/** Writes `src` (rows×cols intensities) shifted by (dx, dy) into `out` at `outOffset`; dx > 0 moves right, dy > 0 down. */
export function shiftInto(
  src: ArrayLike<number>,
  srcOffset: number,
  rows: number,
  cols: number,
  dx: number,
  dy: number,
  out: Float32Array,
  outOffset: number,
): void {
  for (let y = 0; y < rows; y++) {
    const sy = y - dy;
    for (let x = 0; x < cols; x++) {
      const sx = x - dx;
      out[outOffset + y * cols + x] = sy >= 0 && sy < rows && sx >= 0 && sx < cols ? src[srcOffset + sy * cols + sx] : 0;
    }
  }
}
