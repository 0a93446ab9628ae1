/**
 * Every knob of the live VAE example (chapter 2), with its default, in one typed spec (kit/settings.ts).
 * URL: `?vae.latent=20&seed=3`; `?vae.lr=` and `?vae.steps=` are for experiments (not shown as controls).
 * The model's recipe stays in src/ml/vae/config.ts (784-400-d, Adam, batch 128).
 */
import { DEFAULT_VAE_CONFIG } from '../../ml/vae/config.ts';
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'vae';

export const SPEC = {
  /** Dimension of z: 2 draws the latent map and the manifold, 20 reconstructs better. */
  latent: {
    kind: 'choice',
    label: 'Latent dimension',
    default: '2',
    choices: [
      { id: '2', label: '2 (draws the latent map)' },
      { id: '20', label: '20' },
    ],
  },
  /** Steps of a run: 2,000 batches of 128 are ~25 passes over the 10,000 training digits the site ships. */
  steps: { kind: 'int', label: 'Training steps', default: 2000, min: 10, max: 20_000, hidden: true },
  /** Width of the hidden layers and digits per batch; URL only (tests shrink them to run fast on software GPUs). */
  width: { kind: 'int', label: 'Hidden width', default: DEFAULT_VAE_CONFIG.hiddenDim, min: 2, max: 1000, hidden: true },
  batch: { kind: 'int', label: 'Batch size', default: DEFAULT_VAE_CONFIG.batchSize, min: 1, max: 1000, hidden: true },
  /** Adam's step size; URL only (set it huge to watch a run diverge). */
  lr: { kind: 'number', label: 'Learning rate', default: DEFAULT_VAE_CONFIG.learningRate, min: 1e-6, max: 1e6, hidden: true },
} as const satisfies SettingsSpec;

/** Steps between training-loss read-backs: each a point of the training curves (the first comes ~0.5 s after Train). */
export const REPORT_EVERY = 20;
/** Steps between snapshots and held-out evaluations. */
export const SNAPSHOT_EVERY = 100;
/** The fixed held-out set: the first 1,000 test digits (all the site ships). */
export const HELD_OUT = 1000;
/** Test digits shown beside their reconstructions (the first eight of the held-out set). */
export const RECONSTRUCTED = 8;
/** Digits decoded from the prior, with one fixed draw of z per run so the reader sees them change. */
export const PRIOR_SAMPLES = 16;
/** Stream of the prior draws (deriveSeed(seed, PRIOR_STREAM)), and of the held-out ε. */
export const PRIOR_STREAM = 11;
export const HELD_OUT_STREAM = 12;
/** The latent map and the decoded manifold (latent 2): [−PLANE, PLANE]² and a MANIFOLD×MANIFOLD grid over ±MANIFOLD_EXTENT. */
export const PLANE = 3.5;
export const MANIFOLD = 10;
export const MANIFOLD_EXTENT = 2.25;
/** How far an arrow key moves the latent cursor (Shift: five times as far). */
export const KEY_STEP = 0.1;
/** Where the committed models live (per latent size), under the site's base path. */
export const modelPath = (latent: string) => `models/vae/latent${latent}/`;
/** Steps of the committed models: 10 epochs of ⌈60,000 / 128⌉ batches (npm run train -- vae). */
export const PRETRAINED_STEPS = 4690;
