/**
 * The one loader of both DDPMs: a model built from a validated, decoded weight file
 * (../weightFile.ts's readWeights or loadWeightFile), ready to sample.
 */
import type { Ddpm2dConfig, DdpmConfig, DdpmMnistConfig } from './config.ts';
import { createDdpm2d, type Ddpm2d } from './ddpm2d.ts';
import { createDdpmMnist, NO_TRAINING_SET, type DdpmMnist } from './ddpmMnist.ts';
import type { WeightFile } from '../weightFile.ts';

/** Builds the file's model from its config and loads its tensors; frees the model if loading fails. */
export function loadDdpm(file: WeightFile<Ddpm2dConfig>): Ddpm2d;
export function loadDdpm(file: WeightFile<DdpmMnistConfig>): DdpmMnist;
export function loadDdpm(file: WeightFile<DdpmConfig>): Ddpm2d | DdpmMnist {
  let model: Ddpm2d | DdpmMnist;
  if (file.model === 'ddpm2d') model = createDdpm2d(file.config as Ddpm2dConfig);
  else if (file.model === 'ddpm-mnist') model = createDdpmMnist(NO_TRAINING_SET, file.config);
  else throw new Error(`loadDdpm: a "${file.model}" file holds no DDPM`);
  try {
    // readWeights returns the tensors in the spec's order, which is the model's layer order.
    model.loadWeights(file.tensors.map((t) => t.values));
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
