/**
 * The training half of a model whose loss has named scalar terms (the VAE, the HVAE): each step takes
 * a batch from `nextBatch`, differentiates the loss with respect to every variable (seeded noise per
 * step), applies one Adam update, and hands the loss and its terms to the trainer.
 */
import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../optim/adam.ts';
import { deriveSeed } from '../random.ts';
import type { StepResult, TrainableModel } from './types.ts';

/** What adamTrainable needs; `L` is the loss function's result (the loss plus its named terms). */
export interface AdamTrainableOptions<L extends { loss: tf.Scalar }> {
  /** For error messages, e.g. 'createVae'. */
  name: string;
  variables: tf.Variable[];
  learningRate: number;
  /** Seeds the per-step noise (stream 100 of it, as the models always used). */
  seed: number;
  /** Supplies each training step's batch; the step disposes it. */
  nextBatch?: () => tf.Tensor2D;
  /** The loss of a batch with noise fixed by `seed`. */
  loss: (x: tf.Tensor2D, seed: number) => L;
  /** The terms of L to report next to the loss. */
  terms: readonly NoInfer<keyof L & string>[];
}

/** variables/optimizerState/step/dispose of a TrainableModel that trains with Adam on `loss`. */
export function adamTrainable<L extends { loss: tf.Scalar }>(o: AdamTrainableOptions<L>): TrainableModel {
  const optimizer = createAdam(o.variables, { learningRate: o.learningRate });
  const noiseSeed = deriveSeed(o.seed, 100);
  return {
    variables: () => o.variables,
    optimizerState: optimizer,
    step(step: number): StepResult {
      if (!o.nextBatch) throw new Error(`${o.name}: no nextBatch given, cannot train`);
      const x = o.nextBatch();
      const terms: Record<string, tf.Scalar> = {};
      const { value: loss, grads } = tf.variableGrads(() => {
        const l = o.loss(x, deriveSeed(noiseSeed, step));
        // keep: the terms outlive variableGrads' tidy; the trainer disposes them after reading.
        for (const name of o.terms) terms[name] = tf.keep(l[name] as tf.Scalar);
        return l.loss;
      }, o.variables);
      const gradList = o.variables.map((v) => grads[v.name]);
      optimizer.apply(gradList);
      tf.dispose(gradList);
      x.dispose();
      return { loss, terms };
    },
    dispose() {
      tf.dispose(o.variables);
      optimizer.dispose();
    },
  };
}
