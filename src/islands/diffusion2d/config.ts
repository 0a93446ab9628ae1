/**
 * Every knob of the 2-D diffusion example, with its default, in one typed place (like
 * TensorFlow Playground's state.ts). The controller, the worker and the server-rendered preview
 * all read these; the model's own recipe stays in src/ml/diffusion/config.ts.
 */
import type { Toy2dName } from '../../ml/data/toy2d.ts';
import type { BackendChoice } from '../shared/backendMessages.ts';

/** The data sets a reader can pick, with their labels. */
export const DATASETS: readonly { id: Toy2dName; label: string }[] = [
  { id: 'eightGaussians', label: '8 Gaussians' },
  { id: 'twoMoons', label: 'Two moons' },
  { id: 'swissRoll', label: 'Swiss roll' },
  { id: 'checkerboard', label: 'Checkerboard' },
];

/** What one run of the example does. */
export interface ExampleSettings {
  dataset: Toy2dName;
  /** Seeds the network's initial weights, the batches and the sampler. */
  seed: number;
  backend: BackendChoice;
}

export const DEFAULT_SETTINGS: ExampleSettings = { dataset: 'eightGaussians', seed: 1, backend: 'auto' };

/** Training steps of a run: the length of the recipe's learning-rate schedule (decaySteps). */
export const TOTAL_STEPS = 3000;
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
