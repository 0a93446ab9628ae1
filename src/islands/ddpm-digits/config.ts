/**
 * The knobs of the MNIST diffusion example (settings.ts): which digits to ask for (each of 0–9 in turn,
 * one digit, or any), the classifier-free guidance weight w, how many reverse steps (all T, ancestral,
 * or K evenly respaced ones) and, URL only, how many digits. Seed and backend are the kit's globals.
 * URL: `?ddpm-digits.digit=7&ddpm-digits.guidance=3&ddpm-digits.steps=200&seed=3`.
 */
import { ANY_DIGIT, digitsInTurn } from '../../ml/diffusion/config.ts';
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'ddpm-digits';
/** T of the committed model (public/models/ddpm-mnist, checked by tests/islands/ddpmDigits.test.ts). */
export const MODEL_T = 200;
/** Training steps of the committed model (npm run train -- ddpm-mnist). */
export const PRETRAINED_STEPS = 24000;
/** Where the committed model lives, under the site's base path. */
export const MODEL_PATH = 'models/ddpm-mnist/';

export const STEP_CHOICES = [
  { id: String(MODEL_T), label: `All ${MODEL_T} (ancestral)` },
  { id: '100', label: '100 (respaced)' },
  { id: '50', label: '50 (respaced)' },
  { id: '25', label: '25 (respaced)' },
  { id: '10', label: '10 (respaced)' },
] as const;

/** What the grid asks the model for: every digit in turn, one digit, or none in particular. */
export const DIGIT_CHOICES = [
  { id: 'each', label: '0–9 in turn' },
  ...Array.from({ length: 10 }, (_, d) => ({ id: String(d), label: `Only ${d}s` })),
  { id: 'any', label: 'Any (no label)' },
] as const;

/** Guidance weights w offered; 0 is the conditional model as trained. */
export const GUIDANCE_CHOICES = [
  { id: '0', label: 'w = 0 (none)' },
  { id: '1', label: 'w = 1' },
  { id: '2', label: 'w = 2' },
  { id: '3', label: 'w = 3' },
  { id: '5', label: 'w = 5' },
] as const;

/** The label of each of n digits for a `digit` choice: i mod 10, one digit d, or ANY_DIGIT (−1). */
export function digitLabels(choice: string, n: number): number[] {
  if (choice === 'each') return digitsInTurn(n);
  const d = choice === 'any' ? ANY_DIGIT : Number(choice);
  return Array.from({ length: n }, () => d);
}

/** What a chain asks for, in words: "0–9 in turn, guidance w = 2", "only 7s, no guidance", "any digit (no label)". */
export function askedText(choice: string, guidance: number): string {
  if (choice === 'any') return 'any digit (no label, so no guidance)';
  const what = choice === 'each' ? '0–9 in turn' : `only ${choice}s`;
  return `${what}, ${guidance === 0 ? 'no guidance' : `guidance w = ${guidance}`}`;
}

export const SPEC = {
  digit: { kind: 'choice', label: 'Digits asked for', default: 'each', choices: DIGIT_CHOICES },
  guidance: { kind: 'choice', label: 'Guidance', default: '2', choices: GUIDANCE_CHOICES },
  steps: { kind: 'choice', label: 'Reverse steps', default: '50', choices: STEP_CHOICES },
  /** Digits in the grid; URL only (tests shrink it for software GPUs). */
  digits: { kind: 'int', label: 'Digits', default: 16, min: 1, max: 64, hidden: true },
} as const satisfies SettingsSpec;

/** The stream of the kit's seed that draws x_T (the train script drew samples.u8 from seed 1's). */
export const NOISE_STREAM = 1000;
