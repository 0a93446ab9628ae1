/**
 * Every knob of the gradient-variance example (chapter 2, "Why the reparameterized gradient has low
 * variance"), in one typed spec (kit/settings.ts). URL: `?reparam.mu=2&reparam.samples=20000&seed=4`.
 */
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'reparam';

/** The μ slider's step (the chapter's rows μ = 0, 1, 2 lie on it). */
export const MU_STEP = 0.1;

export const SPEC = {
  /** The mean μ of q = N(z; μ, 1); the default is the table's middle row. */
  mu: { kind: 'number', label: 'Mean μ of q', default: 1, min: -3, max: 3 },
  /** Draws in all (URL only): the "samples so far" slider runs up to it. */
  samples: { kind: 'int', label: 'Samples', default: 10_000, min: 100, max: 100_000, hidden: true },
} as const satisfies SettingsSpec;

/** Histogram bins over the shared range. */
export const BINS = 41;
/** The histograms' range: the true gradient 2μ ± this many score-function standard deviations. */
export const RANGE_SDS = 2.5;
/** Checkpoints of the running-variance curves (log-spaced sample counts). */
export const CHECKPOINTS = 60;
/** How long "Draw samples" takes to accumulate every draw (ms). */
export const PLAY_MS = 2500;

/** Log-spaced sample counts 2 … n (increasing, distinct): where the curves and the "samples so far" slider stop. */
export function checkpoints(n: number, count = CHECKPOINTS): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = Math.round(2 * (n / 2) ** (i / (count - 1)));
    if (c > (out.at(-1) ?? 1)) out.push(c);
  }
  if (out.at(-1) !== n) out.push(n);
  return out;
}
