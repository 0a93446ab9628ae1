/**
 * Every knob of the ELBO-gap example (chapter 1, the 1-D worked example), in one typed spec
 * (kit/settings.ts). URL: `?elbo-gap.mean=1&elbo-gap.variance=0.5&elbo-gap.k=50&seed=3`.
 * The model is the chapter's: σ² = 1 and x = 2 (eq. elbo-toy-model), so its table can be checked here.
 */
import type { ToyModel } from '../../ml/math/elboToy.ts';
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'elbo-gap';

/** The chapter's numbers: the observation x = 2 under noise variance σ² = 1. */
export const MODEL: ToyModel = { x: 2, noiseVar: 1 };

/** Slider steps; the true posterior N(1, 0.5) lies on the grid so the reader can hit it exactly. */
export const MEAN_STEP = 0.05;
export const VARIANCE_STEP = 0.05;

export const SPEC = {
  /** q's mean m; the default is the prior's, the table's first row. */
  mean: { kind: 'number', label: 'Mean m of q', default: 0, min: -3, max: 4 },
  /** q's variance s². */
  variance: { kind: 'number', label: 'Variance s² of q', default: 1, min: VARIANCE_STEP, max: 3 },
  /** Importance samples inside the log of L_k (k = 1 is a one-draw ELBO estimate). */
  k: { kind: 'int', label: 'Samples k', default: 10, min: 1, max: 1000 },
} as const satisfies SettingsSpec;

/** Independent estimates of L_k behind its mean and spread: 100, fewer for large k. */
export const IW_REPEATS = 100;
/** Draws per update at most (R·k): about 2 ms of work, so a slider move stays well inside one 16 ms frame. */
export const IW_DRAW_BUDGET = 20_000;
/** Repeats for a given k: IW_REPEATS while R·k fits the budget, then fewer (never under 20, so the spread means something). */
export const iwRepeats = (k: number): number => Math.max(20, Math.min(IW_REPEATS, Math.floor(IW_DRAW_BUDGET / k)));

/** The bar chart's nats axis: [AXIS_MIN, 0]; an ELBO further left is drawn clipped, with its value. */
export const AXIS_MIN = -8;
