/**
 * The VAE's weights: four dense layers, created from a seed.
 * The encoder's output layer produces mu and log σ² side by side ([hidden, 2·latent]) so that one
 * matmul serves both heads.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed, mulberry32 } from '../random.ts';
import type { VaeConfig } from './config.ts';

/** One dense layer's weight [in, out] and bias [out]. */
export interface DenseParams {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

/** Encoder x → h → (mu, logvar) and decoder z → h → logits. */
export interface VaeParams {
  encHidden: DenseParams; // [inputDim, hiddenDim]
  encOut: DenseParams; //    [hiddenDim, 2·latentDim]: mu, then logvar
  decHidden: DenseParams; // [latentDim, hiddenDim]
  decOut: DenseParams; //    [hiddenDim, inputDim]: Bernoulli logits
}

/** The layers in a fixed order (for optimizers, snapshots and saved weights). */
export const LAYER_NAMES = ['encHidden', 'encOut', 'decHidden', 'decOut'] as const;

/**
 * A dense layer initialized like PyTorch's nn.Linear: weight and bias uniform on ±1/√fanIn.
 * Values come from mulberry32 so the same seed gives the same weights on every backend.
 */
export function initDense(fanIn: number, fanOut: number, seed: number): DenseParams {
  const u = mulberry32(seed);
  const bound = 1 / Math.sqrt(fanIn);
  const wv = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < wv.length; i++) wv[i] = (2 * u() - 1) * bound;
  const bv = new Float32Array(fanOut);
  for (let i = 0; i < bv.length; i++) bv[i] = (2 * u() - 1) * bound;
  // tf.variable shares its initial value's data, so the temporaries can be freed right away.
  const wt = tf.tensor2d(wv, [fanIn, fanOut]);
  const bt = tf.tensor1d(bv);
  const layer = { w: tf.variable(wt, true) as tf.Variable<tf.Rank.R2>, b: tf.variable(bt, true) as tf.Variable<tf.Rank.R1> };
  tf.dispose([wt, bt]);
  return layer;
}

/** Creates the four layers of a VAE with shapes from `cfg`, seeded. */
export function initVaeParams(cfg: VaeConfig, seed: number): VaeParams {
  return {
    encHidden: initDense(cfg.inputDim, cfg.hiddenDim, deriveSeed(seed, 1)),
    encOut: initDense(cfg.hiddenDim, 2 * cfg.latentDim, deriveSeed(seed, 2)),
    decHidden: initDense(cfg.latentDim, cfg.hiddenDim, deriveSeed(seed, 3)),
    decOut: initDense(cfg.hiddenDim, cfg.inputDim, deriveSeed(seed, 4)),
  };
}

/** Every variable, weight then bias, in LAYER_NAMES order. */
export function paramList(p: VaeParams): tf.Variable[] {
  return LAYER_NAMES.flatMap((n) => [p[n].w, p[n].b]);
}
