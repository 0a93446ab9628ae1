/**
 * Every knob of the forward-diffusion example (chapter 3), in one typed spec (kit/settings.ts).
 * URL: `?forward-diffusion.t=500&forward-diffusion.schedule=cosine&forward-diffusion.dataset=twoMoons&seed=2`,
 * or a test digit: `?forward-diffusion.dataset=digit&forward-diffusion.digit=3`.
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
/** Draws of the 784-pixel x_t per method in the digit's comparison (the chain costs 784 · t normals per draw). */
export const DIGIT_DRAWS = 100;

/**
 * The test digits a reader can pick: their index among the shipped MNIST test digits (public/data) and
 * what they show (tests check these labels against mnist-test-labels.u8).
 */
export const TEST_DIGITS = [
  { id: '0', label: 'No. 0, a seven' },
  { id: '1', label: 'No. 1, a two' },
  { id: '2', label: 'No. 2, a one' },
  { id: '3', label: 'No. 3, a zero' },
  { id: '4', label: 'No. 4, a four' },
] as const;

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
      { id: 'digit', label: 'A test digit (28×28)' },
    ],
  },
  /** Which test digit, when the data set is `digit`. */
  digit: { kind: 'choice', label: 'Test digit', default: '0', choices: TEST_DIGITS },
} as const satisfies SettingsSpec;
