/** The digit classifier's settings (model.ts), with the defaults `npm run train -- ddpm-mnist` uses. */

export interface ClassifierConfig {
  /** Widths of the ReLU hidden layers between the 784 pixels and the 10 logits. */
  hidden: number[];
  batchSize: number;
  /** Peak Adam learning rate, then a cosine decay to minLearningRate at decaySteps (../train/learningRate.ts). */
  learningRate: number;
  warmupSteps: number;
  decaySteps: number;
  minLearningRate: number;
  /** Each training digit is shifted by up to this many pixels in x and y (zeros fill in). */
  maxShift: number;
  seed: number;
}

export const defaultClassifierConfig: Readonly<ClassifierConfig> = {
  hidden: [512, 256],
  batchSize: 128,
  learningRate: 1e-3,
  warmupSteps: 100,
  decaySteps: 9000,
  minLearningRate: 1e-5,
  maxShift: 2,
  seed: 1,
};
