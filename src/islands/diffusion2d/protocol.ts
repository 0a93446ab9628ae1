/**
 * The messages between the example's page side (controller.ts) and its Web Worker (worker.ts).
 * Plain data only: arrays travel as transferable Float32Arrays.
 */
import type { ExampleSettings } from './config.ts';
import type { BackendInfo } from '../shared/backendMessages.ts';

/** Page → worker. */
export type ToWorker =
  /** Picks the backend, then loads the pretrained weights (modelUrl: folder of weights.json/.bin). */
  | { type: 'init'; settings: ExampleSettings; modelUrl: string }
  /** Starts training from scratch (after reset) or resumes a paused run. */
  | { type: 'train' }
  | { type: 'pause' }
  /** A fresh, untrained model for these settings (step 0); the backend stays. */
  | { type: 'reset'; settings: ExampleSettings };

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; info: BackendInfo }
  | { type: 'state'; state: 'idle' | 'training' | 'paused' | 'done' }
  | { type: 'metrics'; step: number; loss: number; msPerStep: number }
  /**
   * Samples of the reverse process at `step` training steps: `frames[k]` is x_{t_k} flattened
   * [n·2], t from T down to 0 (`times[k]`); the last frame is the samples themselves. `pretrained`:
   * drawn from the committed weights (npm run train -- ddpm2d), not from the reader's run.
   */
  | { type: 'samples'; step: number; pretrained: boolean; times: number[]; frames: Float32Array[] }
  | { type: 'diverged'; step: number; restoredStep: number }
  | { type: 'error'; message: string };
