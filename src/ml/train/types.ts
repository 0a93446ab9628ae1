import type * as tf from '@tensorflow/tfjs';

/** Scalars one training step produces; the trainer reads them back only every N steps. */
export interface StepResult {
  /** The minimized objective (e.g. the negative ELBO), a scalar tensor owned by the trainer after return. */
  loss: tf.Scalar;
  /** Named parts of the loss (e.g. reconstruction, prior matching), also owned by the trainer. */
  terms?: Record<string, tf.Scalar>;
}

/** A model the shared training loop can drive: one optimizer step at a time, with a snapshot of its weights. */
export interface TrainableModel {
  /** Every trainable variable (snapshot and restore after a NaN use these). */
  variables(): tf.Variable[];
  /** Runs one optimizer step on the model's next batch; `step` counts from 0. */
  step(step: number): StepResult;
  /** Frees every tensor the model owns (variables, optimizer slots, cached constants). */
  dispose(): void;
}
