/**
 * Every knob of the 2-D diffusion example, with its default, in one typed spec (settings.ts): the
 * controller, the worker's adapter and the server-rendered preview all read it; the model's own
 * recipe stays in src/ml/diffusion/config.ts. URL: `?ddpm-2d.dataset=twoMoons&seed=3`.
 */
import { defaultDdpm2dConfig } from '../../ml/diffusion/config.ts';
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = 'ddpm-2d';

/** The data sets a reader can pick, with their labels. */
export const DATASETS = [
  { id: 'eightGaussians', label: '8 Gaussians' },
  { id: 'twoMoons', label: 'Two moons' },
  { id: 'swissRoll', label: 'Swiss roll' },
  { id: 'checkerboard', label: 'Checkerboard' },
] as const;

/** What one run of the example does (seed and backend are the kit's global settings). */
export const SPEC = {
  dataset: { kind: 'choice', label: 'Data', default: 'eightGaussians', choices: DATASETS },
  /** Training steps of a run: also the length of the recipe's learning-rate schedule (decaySteps). */
  steps: { kind: 'int', label: 'Training steps', default: defaultDdpm2dConfig.decaySteps, min: 10, max: 20_000, hidden: true },
  /** Points per batch; URL only (tests shrink it to run fast on software GPUs). */
  batch: { kind: 'int', label: 'Batch size', default: defaultDdpm2dConfig.batchSize, min: 1, max: 4096, hidden: true },
  /** Peak learning rate; URL only (set it huge to watch a run diverge). */
  lr: { kind: 'number', label: 'Learning rate', default: defaultDdpm2dConfig.learningRate, min: 1e-6, max: 1e6, hidden: true },
} as const satisfies SettingsSpec;

/** Steps of the pretrained run (the committed weights). */
export const TOTAL_STEPS = SPEC.steps.default;
/** Steps between loss read-backs (each one a point of the loss curve). */
export const REPORT_EVERY = 50;
/** Steps between fresh samples while training. */
export const SAMPLE_EVERY = 250;
/** Points drawn by the reverse process each time. */
export const SAMPLE_POINTS = 800;
/** Reverse steps of those samples: the respaced sampler of the chapter, 25 of the T = 100 steps. */
export const SAMPLE_STEPS = 25;

/** The square of data space the plots show: [−EXTENT, EXTENT]² holds all four data sets. */
export const EXTENT = 4.5;
