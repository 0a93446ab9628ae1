/**
 * What an example supplies to the generic worker: a small model adapter. The worker does the rest
 * (backend, trainer, pause/resume/reset, metrics, divergence, receipts). An adapter module exports
 * `createAdapter(ctx)`; the object it returns may hold data it loaded (MNIST digits), never tensors
 * of a model (those belong to the model, which the worker disposes).
 */
import type { TrainableModel } from '../../ml/train/types.ts';
import type { SettingsData, SnapshotData } from './protocol.ts';

/** What the worker gives an adapter: fetching the site's files (models, data) under its base path. */
export interface AdapterContext {
  /** Bytes of a site file, e.g. 'models/vae/latent2/weights.bin' (relative to the base path); throws naming the file. */
  bytes(path: string): Promise<Uint8Array>;
  json<T>(path: string): Promise<T>;
}

/** A snapshot for the view, and the buffers to transfer with it. */
export interface Snapshot {
  data: SnapshotData;
  transfer: ArrayBuffer[];
}

/** Training cadence of an example. */
export interface Cadence {
  /** Steps of a full run (the run ends 'done' there). */
  totalSteps: number;
  /** Steps between training-loss read-backs (each a point of the curves). */
  reportEvery: number;
  /** Steps between snapshots (and held-out evaluations) while training. */
  snapshotEvery: number;
}

/** The model adapter of one example. `S` is its settings as they travel. */
export interface ExampleAdapter<M extends TrainableModel = TrainableModel> {
  /** Whether the example trains at all (a pretrained-only example has no Train button). */
  readonly trainable: boolean;
  /** Steps the committed model was trained for (default: the cadence's totalSteps). */
  readonly pretrainedSteps?: number;
  cadence(settings: SettingsData): Cadence;
  /** Loads what showing models of these settings needs (held-out data); called before create and pretrained. */
  prepare(settings: SettingsData): Promise<void>;
  /**
   * Loads what training needs beyond `prepare` (the training set); called before every create. A
   * reader who only looks at the committed model never waits for it.
   */
  prepareTraining?(settings: SettingsData): Promise<void>;
  /** The committed, pretrained model for these settings, validated, or null if there is none. */
  pretrained(settings: SettingsData): Promise<M | null>;
  /** A fresh, seeded model (synchronous: the trainer's factory), after prepare and prepareTraining. */
  create(settings: SettingsData, seed: number): M;
  /** What the view shows of `model` at `step`. */
  snapshot(model: M, settings: SettingsData, seed: number): Promise<Snapshot>;
  /** The objective and its terms on a fixed held-out set, if the example has one. */
  evaluate?(model: M, settings: SettingsData): Promise<{ loss: number; terms: Record<string, number> }>;
  /** Answers an example-specific request (e.g. decode a z). */
  request?(model: M, name: string, payload: unknown): Promise<Snapshot>;
  /** Frees what prepare loaded onto the backend (the worker is disposed). */
  dispose?(): void;
}

/** The export of an adapter module. */
export type AdapterFactory = (ctx: AdapterContext) => ExampleAdapter;
