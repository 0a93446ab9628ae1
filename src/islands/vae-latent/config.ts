/** The knobs of the VAE latent example, with their defaults. It has no settings of its own beyond the kit's backend. */
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'vae-latent';
export const SPEC = {} as const satisfies SettingsSpec;

/** The latent plane the scatter shows: [−PLANE, PLANE]² (the test digits' means fall well inside). */
export const PLANE = 3.5;
/** How far an arrow key moves z (Shift: five times as far). */
export const KEY_STEP = 0.1;
/** Test digits encoded for the scatter (all of the shipped test assets). */
export const SCATTER_DIGITS = 1000;
/** Training steps of the committed model: 10 epochs of ⌈60,000 / 128⌉ batches (npm run train -- vae). */
export const PRETRAINED_STEPS = 4690;
/** Where the committed 2-D VAE lives, under the site's base path. */
export const MODEL_PATH = 'models/vae/latent2/';
