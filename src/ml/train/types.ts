import type * as tf from '@tensorflow/tfjs';

/** Scalars one training step produces; the trainer reads them back only every N steps. */
export interface StepResult {
  /** The minimized objective (e.g. the negative ELBO), a scalar tensor owned by the trainer after return. */
  loss: tf.Scalar;
  /** Named parts of the loss (e.g. reconstruction, prior matching), also owned by the trainer. */
  terms?: Record<string, tf.Scalar>;
}

/** State a model keeps besides its variables (an optimizer's moments and step count, an EMA), with one checkpoint. */
export interface Checkpointable {
  /** Saves the state into the checkpoint, in place. */
  checkpoint(): void;
  /** Returns to the last checkpoint (before any: the fresh state); the variables already hold its weights. */
  rollback(): void;
}

/** A model the shared training loop can drive: one optimizer step at a time, with a snapshot of its weights. */
export interface TrainableModel {
  /** Every trainable variable (snapshot and restore after a NaN use these). */
  variables(): tf.Variable[];
  /** The optimizer's state: the trainer checkpoints it with the weights and rolls it back after a NaN. */
  optimizerState: Checkpointable;
  /** Runs one optimizer step on the model's next batch; `step` counts from 0. */
  step(step: number): StepResult;
  /** Frees every tensor the model owns (variables, optimizer slots, cached constants). */
  dispose(): void;
}
