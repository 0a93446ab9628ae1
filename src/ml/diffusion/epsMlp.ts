/**
 * The noise-prediction network ε̂_θ(x_t, t) for low-dimensional data: an MLP on [x_t, emb(t)]
 * with SiLU activations, where emb(t) is a fixed sinusoidal time embedding. Every layer is
 * `dense` (src/ml/nn/dense.ts) so its gradient avoids WASM's slow transposed matMul.
 * With `timeEveryLayer` every later layer sees emb(t) too, as [h, emb(t)] (a per-layer projection
 * of the embedding added to its pre-activation): the MNIST model's network, whose output must
 * change with t more than a single input-side embedding lets a narrow MLP express.
 */
import * as tf from '@tensorflow/tfjs';
import { dense, denseFromData } from '../nn/dense.ts';
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
  /** Feed emb(t) to every layer, not only the first (default false: the 2-D model's network). */
  timeEveryLayer?: boolean;
  /**
   * Classes the network is told to draw (0 or absent: unconditional). With L classes the network sees,
   * next to emb(t), a one-hot label of L + 1 entries, the last meaning "no label" (for classifier-free guidance).
   */
  labels?: number;
}

/** Width of what conditions every layer: emb(t), then the one-hot label when the network has labels. */
export function conditionWidth(cfg: Pick<EpsMlpConfig, 'timeEmbedDim' | 'labels'>): number {
  return cfg.timeEmbedDim + (cfg.labels ? cfg.labels + 1 : 0);
}

/**
 * Each layer's [fan-in, fan-out]: the first sees [x_t, emb(t)] (and the label, when there are labels);
 * with `timeEveryLayer`, so does every later one [h, emb(t)(, label)].
 */
export function epsMlpShapes(cfg: Pick<EpsMlpConfig, 'dataDim' | 'hidden' | 'timeEmbedDim' | 'timeEveryLayer' | 'labels'>): [number, number][] {
  const widths = [cfg.dataDim, ...cfg.hidden, cfg.dataDim];
  const c = conditionWidth(cfg);
  return widths.slice(1).map((out, l) => [widths[l] + (l === 0 || cfg.timeEveryLayer ? c : 0), out]);
}

/** ε̂_θ: its trainable variables, the forward pass, and cleanup. */
export interface EpsMlp {
  /** Weights and biases, in layer order [W_0, b_0, W_1, b_1, …]. */
  variables: tf.Variable[];
  /** Names of `variables` (layer-indexed), for saving and loading weights. */
  names: string[];
  /**
   * ε̂_θ(x_t, t) with the current variables: xt [batch, dataDim], t int32 [batch] in 0 … T → [batch, dataDim].
   * A network with labels also needs `label`, int32 [batch] in 0 … labels (labels = no label).
   */
  predict(xt: tf.Tensor2D, t: tf.Tensor1D, label?: tf.Tensor1D): tf.Tensor2D;
  /** The same network with other weights of the same shapes (e.g. an exponential moving average). */
  predictWith(weights: tf.Tensor[], xt: tf.Tensor2D, t: tf.Tensor1D, label?: tf.Tensor1D): tf.Tensor2D;
  /**
   * The layers alone, on data already assembled as [x_t, emb(t)(, label)] ([batch, dataDim + conditionWidth],
   * e.g. by `hostInput`): what training uses when x_t and t are known on the host. The input is data:
   * no gradient flows to it (the first layer skips dL/dx), only to the weights.
   */
  forwardInput(weights: tf.Tensor[], input: tf.Tensor2D): tf.Tensor2D;
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

/**
 * SiLU(x) = x·σ(x) (Hendrycks & Gimpel's SiLU/Swish), smooth where ReLU has a kink. Its own gradient,
 * dy·(σ + y(1 − σ)) with y = x·σ, reuses the forward's σ and y: 4 elementwise kernels where autodiff
 * of x·sigmoid(x) runs 6 and recomputes σ.
 */
export const silu = tf.customGrad((...args: unknown[]) => {
  const [x, save] = args as [tf.Tensor, (ts: tf.Tensor[]) => void];
  const s = tf.sigmoid(x);
  const value = tf.mul(x, s);
  save([s, value]);
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [sig, y] = saved;
    // σ + y(1 − σ) = σ + y − y·σ
    return tf.mul(dy, tf.sub(tf.add(sig, y), tf.mul(y, sig)));
  };
  return { value, gradFunc };
}) as unknown as (x: tf.Tensor) => tf.Tensor;

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
  const variables: tf.Variable[] = [];
  const names: string[] = [];
  for (const [l, [fanIn, fanOut]] of epsMlpShapes(cfg).entries()) {
    // tidy frees the initial-value tensors; variables survive it.
    variables.push(tf.tidy(() => tf.variable(tf.tensor2d(uniformInit(fanIn * fanOut, fanIn, deriveSeed(seed, 2 * l)), [fanIn, fanOut]))));
    variables.push(tf.tidy(() => tf.variable(tf.tensor1d(uniformInit(fanOut, fanIn, deriveSeed(seed, 2 * l + 1))))));
    names.push(`layer${l}.weight`, `layer${l}.bias`);
  }
  const timeTable = sinusoidalTable(cfg.T, cfg.timeEmbedDim, cfg.timeScale);
  const table = tf.tensor2d(timeTable, [cfg.T + 1, cfg.timeEmbedDim]);
  const layers = variables.length / 2;

  // inputIsData: the first layer skips dL/dx (training's host-assembled input needs none).
  const layersFrom = (weights: tf.Tensor[], input: tf.Tensor2D, inputIsData: boolean): tf.Tensor2D =>
    tf.tidy(() => {
      const E = conditionWidth(cfg);
      // emb(t) (and the label), the input's last E columns, for the later layers when they see it.
      const emb = cfg.timeEveryLayer ? (tf.slice(input, [0, input.shape[1] - E], [-1, E]) as tf.Tensor2D) : null;
      const withTime = (h: tf.Tensor2D) => (emb ? (tf.concat([h, emb], 1) as tf.Tensor2D) : h);
      let h = input;
      for (let l = 0; l < layers - 1; l++) {
        const layer = l === 0 && inputIsData ? denseFromData : dense;
        h = silu(layer(l === 0 ? h : withTime(h), weights[2 * l] as tf.Tensor2D, weights[2 * l + 1] as tf.Tensor1D)) as tf.Tensor2D; // [batch, hidden_l]
      }
      return dense(withTime(h), weights[2 * layers - 2] as tf.Tensor2D, weights[2 * layers - 1] as tf.Tensor1D); // [batch, dataDim]
    });
  const predictWith = (weights: tf.Tensor[], xt: tf.Tensor2D, t: tf.Tensor1D, label?: tf.Tensor1D): tf.Tensor2D =>
    tf.tidy(() => {
      if (cfg.labels && !label) throw new Error('EpsMlp: this network draws a class; pass a label (or labels for none)');
      const emb = tf.gather(table, t) as tf.Tensor2D; //      [batch, timeEmbedDim]
      const parts = cfg.labels ? [xt, emb, tf.oneHot(label!, cfg.labels + 1).toFloat()] : [xt, emb];
      const input = tf.concat(parts, 1) as tf.Tensor2D; // [batch, dataDim + conditionWidth]
      return layersFrom(weights, input, false);
    });

  return {
    variables,
    names,
    predict: (xt, t, label) => predictWith(variables, xt, t, label),
    predictWith,
    forwardInput: (weights, input) => layersFrom(weights, input, true),
    timeTable,
    dispose: () => tf.dispose([...variables, table]),
  };
}

/**
 * Assembles the network input [x_t, emb(t)] on the host: xt [batch · dataDim], t in 0 … T →
 * [batch · (dataDim + timeEmbedDim)] row-major, the rows `predictWith` builds with gather and concat.
 * With `label` ({ of: labels per row in 0 … classes, classes }) each row ends with the label one-hot (classes + 1 wide).
 */
export function hostInput(
  xt: Float32Array,
  t: Int32Array,
  dataDim: number,
  timeTable: Float32Array,
  timeEmbedDim: number,
  label?: { of: Int32Array; classes: number },
): Float32Array {
  const width = dataDim + timeEmbedDim + (label ? label.classes + 1 : 0);
  const out = new Float32Array(t.length * width);
  for (let i = 0; i < t.length; i++) {
    out.set(xt.subarray(i * dataDim, (i + 1) * dataDim), i * width);
    out.set(timeTable.subarray(t[i] * timeEmbedDim, (t[i] + 1) * timeEmbedDim), i * width + dataDim);
    if (label) out[i * width + dataDim + timeEmbedDim + label.of[i]] = 1;
  }
  return out;
}
