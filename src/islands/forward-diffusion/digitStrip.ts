/**
 * The forward process on a test digit as one strip of frames, x_t at a few steps t from the closed form
 * q(x_t|x_0) (eq. vdm-forward-marginal) with one noise image ε for every frame, so the reader sees the
 * same noise grow as the digit fades: the example's picture without JavaScript (ForwardDiffusion.astro
 * encodes it at build time). Greys as the live canvas draws them (digit.ts's digitRgba).
 */
import type { Schedule } from '../../ml/diffusion/schedule.ts';
import { DIGIT_PIXELS, DIGIT_SIDE, digitRgba } from './digit.ts';

/** White pixels between frames. */
export const STRIP_GAP = 4;

/** Greyscale pixels (0 = black) of x_t for each t in `steps`, side by side: [side, frames · side + gaps]. */
export function digitStrip(
  x0: Float32Array,
  eps: Float32Array,
  schedule: Schedule,
  steps: readonly number[],
): { width: number; height: number; pixels: Uint8Array } {
  if (x0.length !== DIGIT_PIXELS || eps.length !== DIGIT_PIXELS) throw new Error(`digitStrip: x_0 and ε need ${DIGIT_PIXELS} values each`);
  const width = steps.length * DIGIT_SIDE + (steps.length - 1) * STRIP_GAP;
  const pixels = new Uint8Array(width * DIGIT_SIDE).fill(255);
  steps.forEach((t, k) => {
    const ab = schedule.alphaBar[t];
    const xt = Float32Array.from(x0, (x, i) => Math.sqrt(ab) * x + Math.sqrt(1 - ab) * eps[i]);
    const rgba = digitRgba(xt);
    const left = k * (DIGIT_SIDE + STRIP_GAP);
    for (let i = 0; i < DIGIT_PIXELS; i++) pixels[Math.floor(i / DIGIT_SIDE) * width + left + (i % DIGIT_SIDE)] = rgba[4 * i];
  });
  return { width, height: DIGIT_SIDE, pixels };
}
