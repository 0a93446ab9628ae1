/**
 * The messages between an example's page side (controller.ts) and the one generic worker
 * (worker.ts), shared by every example. Plain data only: arrays travel as transferred typed arrays.
 */
import type { BackendChoice, BackendInfo } from '../shared/backendMessages.ts';

/** An example's settings as they travel (numbers and choice ids). */
export type SettingsData = Record<string, number | string>;

/** What an adapter sends for its view: named values, typed arrays transferred. */
export type SnapshotData = Record<string, unknown>;

/** Page → worker. */
export type ToWorker =
  /**
   * Loads TF.js, picks the backend, imports the adapter of `example` and builds its first model
   * (the pretrained one where the adapter has it for these settings). `base`: the site's base path.
   */
  | { type: 'init'; example: string; backend: BackendChoice; settings: SettingsData; seed: number; base: string }
  /** Starts training from scratch (after init or reset) or resumes a paused run. */
  | { type: 'train' }
  | { type: 'pause' }
  /** A fresh, untrained model for these settings and seed (step 0); the backend stays. */
  | { type: 'reset'; settings: SettingsData; seed: number }
  /** Only live settings changed (settings.ts): the model stays; later snapshots use these, and an idle model is shown again with them. */
  | { type: 'settings'; settings: SettingsData }
  /** An example-specific question about the current model (e.g. decode this z); answered by 'reply'. */
  | { type: 'request'; name: string; payload: unknown }
  /** What produced the current weights: answered by 'receipt'. */
  | { type: 'receipt' }
  /** Frees every tensor; the page terminates the worker after this. */
  | { type: 'dispose' };

/** One report of the training objective and its named terms. */
export interface MetricsMessage {
  type: 'metrics';
  /** 'train': the mean over the last training batches; 'heldout': the fixed held-out set. */
  split: 'train' | 'heldout';
  step: number;
  loss: number;
  terms: Record<string, number>;
  /** Milliseconds per training step over the window (train split only). */
  msPerStep?: number;
}

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; info: BackendInfo; tfjs: string }
  /** The trainer's state; `pretrained`: the model is the committed one, not the reader's run. */
  | { type: 'state'; state: 'idle' | 'running' | 'paused' | 'done'; step: number; pretrained: boolean }
  | MetricsMessage
  /** What the adapter shows of the model at `step` (samples, reconstructions…). */
  | { type: 'snapshot'; step: number; pretrained: boolean; data: SnapshotData }
  | { type: 'reply'; name: string; data: SnapshotData }
  /** SHA-256 of the model's weight bytes (first 12 hex digits) at `step`. */
  | { type: 'receipt'; step: number; hash: string; pretrained: boolean }
  /** The loss became NaN or Inf at `step`; the weights of `restoredStep` are back. */
  | { type: 'diverged'; step: number; restoredStep: number }
  | { type: 'error'; message: string };
