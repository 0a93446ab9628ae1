/**
 * Model variables under stable names (`encHidden.w`, `layer0.weight`, …): what a model hands to
 * ../weightFile.ts for saving, and what a decoded weight file is loaded back into.
 */
import * as tf from '@tensorflow/tfjs';
import type { HostTensor, WeightFile } from '../weightFile.ts';

/** A variable with the name it is saved under. */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/** The variables' current values as named host tensors (for encodeWeightFile). */
export function hostTensors(named: NamedVariable[]): HostTensor[] {
  return named.map(({ name, variable }) => ({ name, shape: variable.shape.slice(), values: variable.dataSync() as Float32Array }));
}

/** Assigns a decoded file's tensors to the variables of the same names; every name must be there with the same shape. */
export function assignWeights(named: NamedVariable[], file: Pick<WeightFile<unknown>, 'tensors'>): void {
  const byName = new Map(file.tensors.map((t) => [t.name, t]));
  for (const { name, variable } of named) {
    const t = byName.get(name);
    if (!t) throw new Error(`weights: ${name} missing`);
    if (t.shape.join() !== variable.shape.join()) throw new Error(`weights: ${name} has shape [${t.shape}], the model expects [${variable.shape}]`);
    tf.tidy(() => variable.assign(tf.tensor(t.values, variable.shape, 'float32')));
  }
}
