/**
 * The noise-prediction network ε̂_θ(x_t, t) for low-dimensional data: an MLP on [x_t, emb(t)]
 * with SiLU activations, where emb(t) is a fixed sinusoidal time embedding. Every layer is
 * `dense` (src/ml/nn/dense.ts) so its gradient avoids WASM's slow transposed matMul.
 */
import * as tf from '@tensorflow/tfjs';
import { dense } from '../nn/dense.ts';
import { deriveSeed, mulberry32 } from '../random.ts';

/** Shape of the network; see diffusion/config.ts for the defaults and why. */
export interface EpsMlpConfig {
  /** Data dimension (2 for the toy sets). */
  dataDim: number;
  /** Width of each hidden layer. */
  hidden: number[];
  /** Number of sinusoidal time features (even). */
  timeEmbedDim: number;
  /** Number of diffusion steps T: the embedding table has one row per t = 0 … T. */
  T: number;
  /** t is multiplied by this before the sinusoids, so T steps span the embedding's frequency range. */
  timeScale: number;
}

/** ε̂_θ: its trainable variables, the forward pass, and cleanup. */
export interface EpsMlp {
  /** Weights and biases, in layer order [W_0, b_0, W_1, b_1, …]. */
  variables: tf.Variable[];
  /** Names of `variables` (layer-indexed), for saving and loading weights. */
  names: string[];
  /**
   * ε̂_θ(x_t, t) with the current variables: xt [batch, dataDim], t int32 [batch] in 0 … T → [batch, dataDim].
   * To differentiate it, pass `keep` (see `predictWith`).
   */
  predict(xt: tf.Tensor2D, t: tf.Tensor1D, keep?: tf.Tensor[]): tf.Tensor2D;
  /**
   * The same network with other weights of the same shapes (e.g. an exponential moving average).
   * `keep`: when the call is differentiated (inside `optimizer.minimize`), pass an array; the input of
   * every layer is kept alive and pushed onto it, and the caller disposes them after the step. Why:
   * `dense`'s custom gradient reads its input x from a closure rather than saving it on the tape, and
   * TF.js's gradient code tidies the forward pass before running backprop, which would free x.
   */
  predictWith(weights: tf.Tensor[], xt: tf.Tensor2D, t: tf.Tensor1D, keep?: tf.Tensor[]): tf.Tensor2D;
  /**
   * The layers alone, on an input already assembled as [x_t, emb(t)] ([batch, dataDim + timeEmbedDim],
   * e.g. by `hostInput`): what training uses when x_t and t are known on the host. `keep` as in
   * `predictWith` (the caller's `input` itself is not pushed: the caller owns it).
   */
  forwardInput(weights: tf.Tensor[], input: tf.Tensor2D, keep?: tf.Tensor[]): tf.Tensor2D;
  /** The sinusoidal table, [(T + 1) · timeEmbedDim] row-major (row t = emb(t)). */
  timeTable: Float32Array;
  /** Frees the variables and the embedding table. */
  dispose(): void;
}

/**
 * The sinusoidal embedding table (Vaswani et al. 2017, as used by Ho et al. 2020), one row per t = 0 … T:
 * row t = [sin(s t ω_0), …, sin(s t ω_{h−1}), cos(s t ω_0), …, cos(s t ω_{h−1})], ω_k = 10000^{−k/(h−1)}, h = dim/2 (frequencies from 1 down to 1e-4).
 * Returns [(T + 1) · dim] row-major.
 */
export function sinusoidalTable(T: number, dim: number, timeScale: number): Float32Array {
  if (dim % 2 !== 0) throw new Error(`sinusoidalTable: dim must be even, got ${dim}`);
  const half = dim / 2;
  const out = new Float32Array((T + 1) * dim);
  for (let t = 0; t <= T; t++) {
    for (let k = 0; k < half; k++) {
      const angle = timeScale * t * Math.pow(10000, -k / Math.max(half - 1, 1));
      out[t * dim + k] = Math.sin(angle);
      out[t * dim + half + k] = Math.cos(angle);
    }
  }
  return out;
}

/** SiLU(x) = x·σ(x) (Hendrycks & Gimpel's SiLU/Swish), smooth where ReLU has a kink. */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}

/**
 * Uniform(−1/√fan_in, 1/√fan_in) for weights and biases (PyTorch's nn.Linear default, which the
 * reference recipe uses), drawn from a seeded generator.
 */
function uniformInit(n: number, fanIn: number, seed: number): Float32Array {
  const u = mulberry32(seed);
  const bound = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * u() - 1) * bound;
  return out;
}

/** Builds ε̂_θ with seeded weights; the embedding table is a constant created here once. */
export function createEpsMlp(cfg: EpsMlpConfig, seed: number): EpsMlp {
  const widths = [cfg.dataDim + cfg.timeEmbedDim, ...cfg.hidden, cfg.dataDim];
  const variables: tf.Variable[] = [];
  const names: string[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const [fanIn, fanOut] = [widths[l], widths[l + 1]];
    // tidy frees the initial-value tensors; variables survive it.
    variables.push(tf.tidy(() => tf.variable(tf.tensor2d(uniformInit(fanIn * fanOut, fanIn, deriveSeed(seed, 2 * l)), [fanIn, fanOut]))));
    variables.push(tf.tidy(() => tf.variable(tf.tensor1d(uniformInit(fanOut, fanIn, deriveSeed(seed, 2 * l + 1))))));
    names.push(`layer${l}.weight`, `layer${l}.bias`);
  }
  const timeTable = sinusoidalTable(cfg.T, cfg.timeEmbedDim, cfg.timeScale);
  const table = tf.tensor2d(timeTable, [cfg.T + 1, cfg.timeEmbedDim]);
  const layers = variables.length / 2;

  const layerInput = (h: tf.Tensor2D, keep?: tf.Tensor[]): tf.Tensor2D => {
    if (keep) keep.push(tf.keep(h));
    return h;
  };
  // The caller's `input` outlives the gradient computation already; only hidden activations need keeping.
  const forwardInput = (weights: tf.Tensor[], input: tf.Tensor2D, keep?: tf.Tensor[]): tf.Tensor2D =>
    tf.tidy(() => {
      let h = input;
      for (let l = 0; l < layers - 1; l++) {
        h = silu(dense(l === 0 ? h : layerInput(h, keep), weights[2 * l] as tf.Tensor2D, weights[2 * l + 1] as tf.Tensor1D)) as tf.Tensor2D; // [batch, hidden_l]
      }
      return dense(layerInput(h, keep), weights[2 * layers - 2] as tf.Tensor2D, weights[2 * layers - 1] as tf.Tensor1D); // [batch, dataDim]
    });
  const predictWith = (weights: tf.Tensor[], xt: tf.Tensor2D, t: tf.Tensor1D, keep?: tf.Tensor[]): tf.Tensor2D =>
    tf.tidy(() => {
      const emb = tf.gather(table, t) as tf.Tensor2D; //      [batch, timeEmbedDim]
      const input = tf.concat([xt, emb], 1) as tf.Tensor2D; // [batch, dataDim + timeEmbedDim]
      return forwardInput(weights, layerInput(input, keep), keep);
    });

  return {
    variables,
    names,
    predict: (xt, t, keep) => predictWith(variables, xt, t, keep),
    predictWith,
    forwardInput,
    timeTable,
    dispose: () => tf.dispose([...variables, table]),
  };
}

/**
 * Assembles the network input [x_t, emb(t)] on the host: xt [batch · dataDim], t in 0 … T →
 * [batch · (dataDim + timeEmbedDim)] row-major, the rows `predictWith` builds with gather and concat.
 */
export function hostInput(xt: Float32Array, t: Int32Array, dataDim: number, timeTable: Float32Array, timeEmbedDim: number): Float32Array {
  const width = dataDim + timeEmbedDim;
  const out = new Float32Array(t.length * width);
  for (let i = 0; i < t.length; i++) {
    out.set(xt.subarray(i * dataDim, (i + 1) * dataDim), i * width);
    out.set(timeTable.subarray(t[i] * timeEmbedDim, (t[i] + 1) * timeEmbedDim), i * width + dataDim);
  }
  return out;
}
