/**
 * Hyperparameters of the two-layer Markovian hierarchical VAE (chapter "Variational autoencoders",
 * section on hierarchical VAEs), one typed object with a comment per default.
 */

/** Everything that shapes and trains an HVAE. */
export interface HvaeConfig {
  /** Pixels per digit: 28 x 28 MNIST intensities in [0, 1]. */
  inputDim: number;
  /** Width of the one ReLU hidden layer inside each of the four conditional networks. */
  hiddenDim: number;
  /** Dimension of z1, the latent next to the data. */
  z1Dim: number;
  /** Dimension of z2, the top latent with prior N(0, I); smaller than z1, as each layer summarizes the one below. */
  z2Dim: number;
  /** Adam step size. */
  learningRate: number;
  /** Digits per optimizer step. */
  batchSize: number;
}

/** 784 ↔ 256 ↔ z1 (32) ↔ 256 ↔ z2 (8), Adam 1e-3, batch 128. */
export const DEFAULT_HVAE_CONFIG: Readonly<HvaeConfig> = {
  inputDim: 784, // MNIST
  hiddenDim: 256, // small enough to train in a browser tab, large enough for recognisable digits
  z1Dim: 32, // the lower latent carries most of the detail
  z2Dim: 8, // the top latent: coarse factors (digit class, slant)
  learningRate: 1e-3, // Adam default
  batchSize: 128, // as the VAE
};

/** The defaults with `overrides` applied. */
export function hvaeConfig(overrides: Partial<HvaeConfig> = {}): HvaeConfig {
  return { ...DEFAULT_HVAE_CONFIG, ...overrides };
}
