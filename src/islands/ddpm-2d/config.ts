/**
 * Every knob of the 2-D diffusion example, with its default, in one typed spec (settings.ts): the
 * controller, the worker's adapter and the server-rendered preview all read it; the model's own
 * recipe stays in src/ml/diffusion/config.ts. URL: `?ddpm-2d.dataset=twoMoons&seed=3`.
 */
import { defaultDdpm2dConfig } from '../../ml/diffusion/config.ts';
import type { SettingsSpec } from '../kit/settings.ts';
import { pointsError } from './points.ts';

export const EXAMPLE_ID = 'ddpm-2d';

/** The data sets a reader can pick, with their labels. */
export const DATASETS = [
  { id: 'eightGaussians', label: '8 Gaussians' },
  { id: 'twoMoons', label: 'Two moons' },
  { id: 'swissRoll', label: 'Swiss roll' },
  { id: 'checkerboard', label: 'Checkerboard' },
  /** The reader's own points (the `points` setting), drawn on the plot. */
  { id: 'drawn', label: 'Draw your own' },
] as const;

/** Samplers a reader can pick: all T steps (ancestral) or K respaced steps; the id is the number of steps. */
export const SAMPLERS = [
  { id: '100', label: 'All T = 100 steps' },
  { id: '50', label: 'K = 50 respaced steps' },
  { id: '25', label: 'K = 25 respaced steps' },
  { id: '10', label: 'K = 10 respaced steps' },
] as const;

/** What one run of the example does (seed and backend are the kit's global settings). */
export const SPEC = {
  dataset: { kind: 'choice', label: 'Data', default: 'eightGaussians', choices: DATASETS },
  /** Reverse-process steps of the samples shown: the chapter's respaced sampler with 25 of the T = 100 steps by default. */
  sampler: { kind: 'choice', label: 'Sampler', default: '25', choices: SAMPLERS, live: true },
  /** Points carried from noise to data each time the model is sampled. */
  samples: { kind: 'int', label: 'Points sampled', default: 1000, min: 100, max: 4000, live: true },
  /** The drawn data set (points.ts encoding); used when dataset is 'drawn'. */
  points: { kind: 'text', label: 'Drawn points', default: '', validate: pointsError, hidden: true },
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
/** Reverse steps of the default sampler (the static preview's slider). */
export const SAMPLE_STEPS = Number(SPEC.sampler.default);
/** Steps t of the per-step denoising matching term L_t: 2, 5, 8, …, 98, and T = 100. */
export const LT_STEPS: readonly number[] = [...Array.from({ length: 33 }, (_, k) => 2 + 3 * k), 100];
/** Data points of the fixed held-out batch L_t is estimated on. */
export const LT_BATCH = 128;

/** The square of data space the plots show: [−EXTENT, EXTENT]² holds all four data sets. */
export const EXTENT = 4.5;
