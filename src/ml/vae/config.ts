/**
 * Hyperparameters of the MLP VAE (chapter "Variational autoencoders"), one typed object with a
 * comment per default. The defaults are the PyTorch examples' MNIST VAE recipe that the benchmark
 * compares against.
 */

/** Everything that shapes and trains a VAE. */
export interface VaeConfig {
  /** Pixels per digit: 28 x 28 MNIST. */
  inputDim: number;
  /** Width of the single ReLU hidden layer in the encoder and in the decoder. */
  hiddenDim: number;
  /** Dimension n of z; 20 for the benchmark, 2 for the latent-space figure. */
  latentDim: number;
  /** Adam step size (Kingma & Ba's default, also PyTorch's VAE example). */
  learningRate: number;
  /** Digits per optimizer step. */
  batchSize: number;
}

/** 784-400-20, Adam 1e-3, batch 128. */
export const DEFAULT_VAE_CONFIG: Readonly<VaeConfig> = {
  inputDim: 784, // 28 x 28 intensities in [0, 1], Bernoulli-modelled
  hiddenDim: 400, // one hidden layer, as in Kingma & Welling's MNIST experiments
  latentDim: 20, // enough for a test −ELBO near 105 nats; use 2 to plot the latent space
  learningRate: 1e-3, // Adam default
  batchSize: 128, // PyTorch example's batch size
};

/** The defaults with `overrides` applied. */
export function vaeConfig(overrides: Partial<VaeConfig> = {}): VaeConfig {
  return { ...DEFAULT_VAE_CONFIG, ...overrides };
}
