/**
 * A small MNIST classifier, the judge of the DDPM's samples (`npm run bench -- ddpm-digits`): an MLP
 * 784 → hidden… → 10 with ReLU, trained on softmax cross-entropy with Adam, each batch shifted by a
 * few pixels at random (shift.ts). It is not part of any chapter's math; it only measures whether a
 * sample looks like some digit, and which.
 */
import * as tf from '@tensorflow/tfjs';
import { fillIntensities, MNIST_PIXELS, shuffledIndices, type MnistSet } from '../data/mnist.ts';
import { dense, denseRelu, denseReluFromData } from '../nn/dense.ts';
import { createAdam } from '../optim/adam.ts';
import { deriveSeed, mulberry32 } from '../random.ts';
import { learningRate } from '../train/learningRate.ts';
import type { StepResult, TrainableModel } from '../train/types.ts';
import type { HostTensor } from '../weightFile.ts';
import { defaultClassifierConfig, type ClassifierConfig } from './config.ts';
import { shiftInto } from './shift.ts';

export const CLASSES = 10;

/** The classifier: a TrainableModel plus inference. */
export interface DigitClassifier extends TrainableModel {
  config: ClassifierConfig;
  /** Class probabilities [n, 10] of digits given as intensities in [0, 1], [n, 784]. */
  probabilities(x: tf.Tensor2D): tf.Tensor2D;
  /** The weights as named host arrays (`layer{l}.weight` [in, out], `layer{l}.bias` [out]), for saving. */
  weights(): HostTensor[];
  /** Loads weights in `weights()` order (a validated WeightFile's tensors). */
  loadWeights(values: Float32Array[]): void;
}

/** Layer names and shapes for a config (weights.ts's spec reads the same). */
export function classifierTensors(c: Pick<ClassifierConfig, 'hidden'>): { name: string; shape: number[] }[] {
  const widths = [MNIST_PIXELS, ...c.hidden, CLASSES];
  return widths.slice(1).flatMap((out, l) => [
    { name: `layer${l}.weight`, shape: [widths[l], out] },
    { name: `layer${l}.bias`, shape: [out] },
  ]);
}

const STREAM = { weights: 1, order: 2, shift: 3 } as const;

/** Builds a seeded classifier over a training set (pass an empty set for inference only). */
export function createDigitClassifier(train: MnistSet, overrides: Partial<ClassifierConfig> = {}): DigitClassifier {
  const config: ClassifierConfig = { ...defaultClassifierConfig, ...overrides };
  const specs = classifierTensors(config);
  // PyTorch nn.Linear's init (uniform ±1/√fanIn), from mulberry32 so every backend starts alike.
  const u = mulberry32(deriveSeed(config.seed, STREAM.weights));
  const variables = specs.map(({ shape }, k) => {
    const bound = 1 / Math.sqrt(specs[k - (k % 2)].shape[0]); // the layer's fan-in, for its weight and its bias
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (2 * u() - 1) * bound;
    return tf.variable(tf.tensor(values, shape, 'float32'), true);
  });
  const layers = specs.length / 2;
  const logits = (x: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      let h = x;
      for (let l = 0; l < layers; l++) {
        const [w, b] = [variables[2 * l] as tf.Tensor2D, variables[2 * l + 1] as tf.Tensor1D];
        h = l === layers - 1 ? dense(h, w, b) : l === 0 ? denseReluFromData(h, w, b) : denseRelu(h, w, b);
      }
      return h;
    });
  const optimizer = createAdam(variables);
  const { batchSize: B, maxShift } = config;
  const plain = new Float32Array(B * MNIST_PIXELS);
  const shifted = new Float32Array(B * MNIST_PIXELS);
  let order: { epoch: number; indices: ArrayLike<number> } = { epoch: -1, indices: [] };

  const step = (k: number): StepResult => {
    if (train.count === 0) throw new Error('createDigitClassifier: this model has no training set (loaded for inference only)');
    const epoch = Math.floor((k * B) / train.count);
    if (order.epoch !== epoch) order = { epoch, indices: shuffledIndices(train.count, deriveSeed(deriveSeed(config.seed, STREAM.order), epoch)) };
    const start = (k * B) % train.count;
    const n = Math.min(B, train.count - start);
    fillIntensities(train, order.indices, start, n, plain);
    const uShift = mulberry32(deriveSeed(deriveSeed(config.seed, STREAM.shift), k));
    const oneHot = new Float32Array(n * CLASSES);
    for (let i = 0; i < n; i++) {
      const dx = Math.floor(uShift() * (2 * maxShift + 1)) - maxShift;
      const dy = Math.floor(uShift() * (2 * maxShift + 1)) - maxShift;
      shiftInto(plain, i * MNIST_PIXELS, train.rows, train.cols, dx, dy, shifted, i * MNIST_PIXELS);
      oneHot[i * CLASSES + train.labels[order.indices[start + i]]] = 1;
    }
    const x = tf.tensor2d(shifted.subarray(0, n * MNIST_PIXELS), [n, MNIST_PIXELS]);
    const y = tf.tensor2d(oneHot, [n, CLASSES]);
    // Cross-entropy −Σ_c y_c log softmax(logits)_c, averaged over the batch.
    const { value, grads } = tf.variableGrads(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits(x))), 1))) as tf.Scalar, variables);
    const gradList = variables.map((v) => grads[v.name]);
    optimizer.apply(gradList, learningRate(k, config));
    tf.dispose([x, y, ...gradList]);
    return { loss: value };
  };

  return {
    config,
    variables: () => variables,
    optimizerState: optimizer,
    step,
    probabilities: (x) => tf.tidy(() => tf.softmax(logits(x))),
    weights: () => variables.map((v, k) => ({ name: specs[k].name, shape: v.shape.slice(), values: v.dataSync() as Float32Array })),
    loadWeights: (values) => {
      if (values.length !== variables.length) throw new Error(`loadWeights: expected ${variables.length} arrays, got ${values.length}`);
      variables.forEach((v, k) => {
        if (values[k].length !== v.size) throw new Error(`loadWeights: ${specs[k].name} needs ${v.size} values, got ${values[k].length}`);
        tf.tidy(() => v.assign(tf.tensor(values[k], v.shape, 'float32')));
      });
    },
    dispose: () => {
      tf.dispose(variables);
      optimizer.dispose();
    },
  };
}
