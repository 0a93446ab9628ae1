/**
 * Every knob of the live HVAE example (chapter 2), with its default, in one typed spec (kit/settings.ts).
 * URL: `?hvae.beta=4&seed=3`; `?hvae.steps=`, `width`, `batch` and `lr` are for experiments and tests
 * (not shown as controls). The model's recipe stays in src/ml/hvae/config.ts (784 ↔ 256 ↔ 32 ↔ 256 ↔ 8).
 */
import { DEFAULT_HVAE_CONFIG } from '../../ml/hvae/config.ts';
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'hvae';

export const SPEC = {
  /**
   * β, the weight of the top layer's KL term while training (createHvae's topKlWeight): 1 trains on the
   * ELBO; 4 charges each nat z₂ carries four times, more than it can save in the layer below, and the
   * top layer collapses (measured: from scratch its KL stays under 0.1 nats; from 10.4 nats it falls to 0.02 in 500 steps).
   */
  beta: {
    kind: 'choice',
    label: 'Top-layer KL weight β',
    default: '1',
    choices: [
      { id: '1', label: '1 (the ELBO)' },
      { id: '4', label: '4 (z₂ costs 4×)' },
    ],
  },
  /** Steps of a run: 2,000 batches of 128 are ~25 passes over the 10,000 training digits the site ships. */
  steps: { kind: 'int', label: 'Training steps', default: 2000, min: 10, max: 20_000, hidden: true },
  /** Width of the hidden layer of each of the four networks, and digits per batch; URL only (tests shrink them). */
  width: { kind: 'int', label: 'Hidden width', default: DEFAULT_HVAE_CONFIG.hiddenDim, min: 2, max: 1000, hidden: true },
  batch: { kind: 'int', label: 'Batch size', default: DEFAULT_HVAE_CONFIG.batchSize, min: 1, max: 1000, hidden: true },
  /** Adam's step size; URL only. */
  lr: { kind: 'number', label: 'Learning rate', default: DEFAULT_HVAE_CONFIG.learningRate, min: 1e-6, max: 1e6, hidden: true },
} as const satisfies SettingsSpec;

/** Steps between training-loss read-backs (each a point of the training curves). */
export const REPORT_EVERY = 20;
/** Steps between snapshots and held-out evaluations (the bars move at this pace). */
export const SNAPSHOT_EVERY = 100;
/** The fixed held-out set: the first 1,000 test digits (all the site ships). */
export const HELD_OUT = 1000;
/** Test digits shown beside their reconstructions. */
export const RECONSTRUCTED = 8;
/** Digits sampled down the generative chain z₂ → z₁ → x, one fixed draw per run. */
export const SAMPLES = 16;
/** Streams of the sample draws and of the held-out evaluation's noise (deriveSeed). */
export const SAMPLE_STREAM = 11;
export const HELD_OUT_STREAM = 12;
/** Where the committed model lives, under the site's base path (npm run train -- hvae). */
export const MODEL_PATH = 'models/hvae/';
/** Steps of the committed model: 10 epochs of ⌈60,000 / 128⌉ batches. */
export const PRETRAINED_STEPS = 4690;
