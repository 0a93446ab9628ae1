/** The committed classifier from a validated weight file (../weightFile.ts's readWeights or loadWeightFile). */
import type { MnistSet } from '../data/mnist.ts';
import type { WeightFile } from '../weightFile.ts';
import type { ClassifierConfig } from './config.ts';
import { createDigitClassifier, type DigitClassifier } from './model.ts';

const NO_TRAINING_SET: MnistSet = { count: 0, rows: 28, cols: 28, images: new Uint8Array(0), labels: new Uint8Array(0) };

/** Builds the file's classifier and loads its tensors; frees it if loading fails. */
export function loadClassifier(file: WeightFile<ClassifierConfig>): DigitClassifier {
  const model = createDigitClassifier(NO_TRAINING_SET, file.config);
  try {
    model.loadWeights(file.tensors.map((t) => t.values));
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
