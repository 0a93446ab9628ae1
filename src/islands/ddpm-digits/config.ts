/**
 * The knobs of the MNIST diffusion example (settings.ts): how many reverse steps (all T, ancestral, or
 * K evenly respaced ones) and, URL only, how many digits. Seed and backend are the kit's globals.
 * URL: `?ddpm-digits.steps=200&seed=3`.
 */
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'ddpm-digits';
/** T of the committed model (public/models/ddpm-mnist, checked by tests/islands/ddpmDigits.test.ts). */
export const MODEL_T = 200;
/** Training steps of the committed model (npm run train -- ddpm-mnist). */
export const PRETRAINED_STEPS = 12000;
/** Where the committed model lives, under the site's base path. */
export const MODEL_PATH = 'models/ddpm-mnist/';

export const STEP_CHOICES = [
  { id: String(MODEL_T), label: `All ${MODEL_T} (ancestral)` },
  { id: '100', label: '100 (respaced)' },
  { id: '50', label: '50 (respaced)' },
  { id: '25', label: '25 (respaced)' },
  { id: '10', label: '10 (respaced)' },
] as const;

export const SPEC = {
  steps: { kind: 'choice', label: 'Reverse steps', default: '50', choices: STEP_CHOICES },
  /** Digits in the grid; URL only (tests shrink it for software GPUs). */
  digits: { kind: 'int', label: 'Digits', default: 16, min: 1, max: 64, hidden: true },
} as const satisfies SettingsSpec;

/** The stream of the kit's seed that draws x_T (the train script drew samples.u8 from seed 1's). */
export const NOISE_STREAM = 1000;
