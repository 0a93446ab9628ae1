/**
 * The DDPMs' weight files (../weightFile.ts's format, models "ddpm2d" and "ddpm-mnist"): the rules
 * their configs must pass and the tensors a config implies (epsMlp.ts's layers; MNIST adds `skip`).
 */
import { both, even, int, list, num, oneOf, positive, type FieldRule } from '../configCheck.ts';
import { toy2dSets } from '../data/toy2d.ts';
import type { WeightSpec } from '../weightFile.ts';
import type { Ddpm2dConfig, DdpmConfig, DdpmMnistConfig } from './config.ts';
import { epsMlpShapes } from './epsMlp.ts';

/** Rules for the fields every DDPM config has; the bounds keep a hostile file from sizing absurd tables. */
const ddpmRules: { [K in keyof DdpmConfig]-?: FieldRule } = {
  T: int(1, 10_000),
  schedule: oneOf(['linear', 'cosine']),
  hidden: list(int(1, 8192), 16),
  timeEmbedDim: both(int(2, 4096), even),
  timeScale: positive(1e6),
  batchSize: int(1, 65_536),
  learningRate: positive(1),
  warmupSteps: int(0, 1e9),
  decaySteps: int(0, 1e9),
  minLearningRate: num(0, 1),
  emaDecay: num(0, 1, true),
  sampleClip: num(0, 1e6),
  seed: int(-(2 ** 31), 2 ** 32 - 1),
};

/** The MLP's tensors for data of `dataDim` numbers: epsMlp.ts's `layer{l}.weight` [in, out] and `.bias` [out]. */
function mlpTensors(c: DdpmConfig, dataDim: number, timeEveryLayer = false, labels = 0): { name: string; shape: number[] }[] {
  return epsMlpShapes({ dataDim, hidden: c.hidden, timeEmbedDim: c.timeEmbedDim, timeEveryLayer, labels }).flatMap(([fanIn, out], l) => [
    { name: `layer${l}.weight`, shape: [fanIn, out] },
    { name: `layer${l}.bias`, shape: [out] },
  ]);
}

/** What a 2-D DDPM file must hold. */
export const ddpm2dWeightSpec: WeightSpec<Ddpm2dConfig> = {
  model: 'ddpm2d',
  config: { ...ddpmRules, dataset: oneOf(Object.keys(toy2dSets)), dataScale: positive(1e6) },
  tensors: (c) => mlpTensors(c, 2),
};

/**
 * What an MNIST DDPM file must hold: the MLP on 784 pixels with emb(t) (and the label, when it has labels) at every layer, then c(t) for
 * t = 0 … T (ddpmMnist.ts). Its config says what the network predicts (x_0 or ε) and how it was weighted.
 */
export const ddpmMnistWeightSpec: WeightSpec<DdpmMnistConfig> = {
  model: 'ddpm-mnist',
  config: {
    ...ddpmRules,
    prediction: oneOf(['eps', 'x0']),
    minSnrGamma: num(0, 1e6),
    labels: int(0, 1000),
    labelDropout: num(0, 1),
    guidance: num(0, 100),
    sampleEta: num(0, 1),
  },
  tensors: (c) => [...mlpTensors(c, 784, true, c.labels), ...(c.prediction === 'eps' ? [{ name: 'skip', shape: [c.T + 1] }] : [])],
};
