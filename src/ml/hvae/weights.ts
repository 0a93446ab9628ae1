/** The HVAE's weight files (../weightFile.ts's format, model "hvae"): the tensors a config implies and its config's rules. */
import { int, positive } from '../configCheck.ts';
import type { WeightSpec } from '../weightFile.ts';
import type { HvaeConfig } from './config.ts';

/** What an HVAE file must hold, in namedHvaeVariables order; shapes as in model.ts's initHvaeParams. */
export const hvaeWeightSpec: WeightSpec<HvaeConfig> = {
  model: 'hvae',
  config: { inputDim: int(1, 65536), hiddenDim: int(1, 16384), z1Dim: int(1, 4096), z2Dim: int(1, 4096), learningRate: positive(1), batchSize: int(1, 65536) },
  tensors: (c) => {
    const nets: [string, number, number][] = [
      ['qZ1', c.inputDim, 2 * c.z1Dim],
      ['qZ2', c.z1Dim, 2 * c.z2Dim],
      ['pZ1', c.z2Dim, 2 * c.z1Dim],
      ['pX', c.z1Dim, c.inputDim],
    ];
    return nets.flatMap(([n, nIn, nOut]) => [
      { name: `${n}.hidden.w`, shape: [nIn, c.hiddenDim] },
      { name: `${n}.hidden.b`, shape: [c.hiddenDim] },
      { name: `${n}.out.w`, shape: [c.hiddenDim, nOut] },
      { name: `${n}.out.b`, shape: [nOut] },
    ]);
  },
};
