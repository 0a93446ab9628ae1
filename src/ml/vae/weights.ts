/**
 * The VAE's weight files (../weightFile.ts's format, model "vae"): which tensors a config implies,
 * the rules its config must pass, and the variables under their saved names.
 */
import { int, positive } from '../configCheck.ts';
import type { NamedVariable } from '../nn/namedVariables.ts';
import type { WeightSpec } from '../weightFile.ts';
import type { VaeConfig } from './config.ts';
import { LAYER_NAMES, type VaeParams } from './params.ts';

/** The VAE's variables with stable names (`encHidden.w`, …), in LAYER_NAMES order. */
export function namedVaeVariables(p: VaeParams): NamedVariable[] {
  return LAYER_NAMES.flatMap((layer) => (['w', 'b'] as const).map((k) => ({ name: `${layer}.${k}`, variable: p[layer][k] })));
}

/** What a VAE file must hold: shapes as in params.ts's initVaeParams. */
export const vaeWeightSpec: WeightSpec<VaeConfig> = {
  model: 'vae',
  config: { inputDim: int(1, 65536), hiddenDim: int(1, 16384), latentDim: int(1, 4096), learningRate: positive(1), batchSize: int(1, 65536) },
  tensors: (c) => {
    const shapes: Record<(typeof LAYER_NAMES)[number], [number, number]> = {
      encHidden: [c.inputDim, c.hiddenDim],
      encOut: [c.hiddenDim, 2 * c.latentDim],
      decHidden: [c.latentDim, c.hiddenDim],
      decOut: [c.hiddenDim, c.inputDim],
    };
    return LAYER_NAMES.flatMap((l) => [
      { name: `${l}.w`, shape: shapes[l] },
      { name: `${l}.b`, shape: [shapes[l][1]] },
    ]);
  },
};
