/**
 * Every knob of the forward-diffusion example (chapter 3), in one typed spec (kit/settings.ts).
 * URL: `?forward-diffusion.t=500&forward-diffusion.schedule=cosine&forward-diffusion.dataset=twoMoons&seed=2`.
 */
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'forward-diffusion';

/** Diffusion steps (Ho et al.'s T, with the chapter's linear β from 1e-4 to 0.02). */
export const T = 1000;
/** Points of the data set carried forward (each with its own fixed ε, so scrubbing t morphs them). */
export const POINTS = 600;
/** Draws of x_t per method in the one-step vs chain comparison (the chain costs t steps each). */
export const DRAWS = 1000;
/** The point x_0 the comparison starts from (a point of the eight-Gaussians ring). */
export const COMPARE_X0: readonly [number, number] = [2, 0];
/** The scatter's square: [−EXTENT, EXTENT]². */
export const EXTENT = 4;

export const SPEC = {
  /** The step t shown, 0 (data) … T (noise). */
  t: { kind: 'int', label: 'Step t', default: 250, min: 0, max: T },
  schedule: {
    kind: 'choice',
    label: 'Schedule',
    default: 'linear',
    choices: [
      { id: 'linear', label: 'Linear β' },
      { id: 'cosine', label: 'Cosine ᾱ' },
    ],
  },
  dataset: {
    kind: 'choice',
    label: 'Data set',
    default: 'eightGaussians',
    choices: [
      { id: 'eightGaussians', label: '8 Gaussians' },
      { id: 'twoMoons', label: 'Two moons' },
      { id: 'swissRoll', label: 'Swiss roll' },
      { id: 'checkerboard', label: 'Checkerboard' },
    ],
  },
} as const satisfies SettingsSpec;
