/** The classifier's weight file (../weightFile.ts's format, model "digit-classifier"): config rules and tensors. */
import { int, list, num, positive } from '../configCheck.ts';
import type { WeightSpec } from '../weightFile.ts';
import type { ClassifierConfig } from './config.ts';
import { classifierTensors } from './model.ts';

export const classifierWeightSpec: WeightSpec<ClassifierConfig> = {
  model: 'digit-classifier',
  config: {
    hidden: list(int(1, 8192), 16),
    batchSize: int(1, 65_536),
    learningRate: positive(1),
    warmupSteps: int(0, 1e9),
    decaySteps: int(0, 1e9),
    minLearningRate: num(0, 1),
    maxShift: int(0, 27),
    seed: int(-(2 ** 31), 2 ** 32 - 1),
  },
  tensors: (c) => classifierTensors(c),
};
