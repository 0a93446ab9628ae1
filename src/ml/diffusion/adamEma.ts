/**
 * Adam (Kingma & Ba 2015, PyTorch's defaults, bias-corrected) with a per-step learning rate and an
 * exponential moving average (EMA) of the weights, for small models trained step by step.
 *
 * On backends whose tensors live in CPU memory (WASM, CPU) the moments, the weights and the EMA are
 * Float32Arrays updated by one JavaScript loop per variable; the new weights are uploaded once per
 * step. Why: TF.js's Adam runs ~14 elementwise kernels per variable and an EMA 3 more; for the 2-D
 * DDPM's 8 small variables those ~140 kernel launches cost more than the network itself. Reading a
 * gradient with dataSync() on these backends is a memory copy, not a device sync. Elsewhere (WebGL,
 * WebGPU) it falls back to tf.train.adam and an EMA in tensor ops.
 *
 * Per element, step n from 1:  m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
 *   w ← w − lr · (m / (1 − β1ⁿ)) / (√(v / (1 − β2ⁿ)) + ε),  ema ← d·ema + (1 − d)·w.
 */
import * as tf from '@tensorflow/tfjs';

/** Adam's constants and the EMA decay (0: no EMA). */
export interface AdamEmaOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  emaDecay?: number;
}

/** One optimizer for a fixed list of variables. */
export interface AdamEma {
  /** One Adam step with learning rate `lr` from gradients in the variables' order (not disposed here). */
  apply(grads: tf.Tensor[], lr: number): void;
  /** The EMA weights as new tensors (the caller disposes them), or null without an EMA. */
  emaTensors(): tf.Tensor[] | null;
  /** Restarts the EMA (and the host copy of the weights) from the variables' current values, e.g. after loading weights. */
  syncFromVariables(): void;
  /** Frees everything the optimizer holds. */
  dispose(): void;
}

/** Backends where dataSync() is a plain memory copy. */
const HOST_BACKENDS = new Set(['wasm', 'cpu']);

/** Creates the optimizer for `variables`; picks the host loop or the tensor fallback from the active backend. */
export function createAdamEma(variables: tf.Variable[], options: AdamEmaOptions = {}): AdamEma {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  const decay = options.emaDecay ?? 0;
  return HOST_BACKENDS.has(tf.getBackend()) ? hostAdamEma(variables, beta1, beta2, epsilon, decay) : tensorAdamEma(variables, beta1, beta2, epsilon, decay);
}

/** The host-memory version (WASM, CPU): moments, weights and EMA in Float32Arrays. */
export function hostAdamEma(variables: tf.Variable[], beta1: number, beta2: number, epsilon: number, decay: number): AdamEma {
  const m = variables.map((v) => new Float32Array(v.size));
  const s = variables.map((v) => new Float32Array(v.size)); // second moment (v is the variable)
  const w = variables.map((v) => Float32Array.from(v.dataSync()));
  const ema = decay > 0 ? w.map((wk) => wk.slice()) : null;
  // The data each variable held after our last write: if it changed, someone assigned it (a restore).
  const written = variables.map((v) => v.dataId);
  // The CPU backend keeps the array it is given (WASM copies it): hand the CPU backend a copy.
  const copyOnUpload = tf.getBackend() === 'cpu';
  let n = 0;
  // Someone assigned variable k (a restore or a load): continue from its values, EMA included.
  const syncOne = (k: number) => {
    w[k].set(variables[k].dataSync());
    ema?.[k].set(w[k]);
    written[k] = variables[k].dataId;
  };
  return {
    apply(grads, lr) {
      n += 1;
      const c1 = 1 / (1 - beta1 ** n);
      const c2 = 1 / (1 - beta2 ** n);
      for (let k = 0; k < variables.length; k++) {
        const variable = variables[k];
        if (variable.dataId !== written[k]) syncOne(k);
        const g = grads[k].dataSync() as Float32Array;
        const [mk, sk, wk] = [m[k], s[k], w[k]];
        for (let i = 0; i < wk.length; i++) {
          const gi = g[i];
          const mi = beta1 * mk[i] + (1 - beta1) * gi;
          const si = beta2 * sk[i] + (1 - beta2) * gi * gi;
          mk[i] = mi;
          sk[i] = si;
          wk[i] -= (lr * mi * c1) / (Math.sqrt(si * c2) + epsilon);
        }
        if (ema) {
          const ek = ema[k];
          for (let i = 0; i < wk.length; i++) ek[i] = decay * ek[i] + (1 - decay) * wk[i];
        }
        const next = tf.tensor(copyOnUpload ? wk.slice() : wk, variable.shape, 'float32');
        variable.assign(next);
        next.dispose();
        written[k] = variable.dataId;
      }
    },
    emaTensors: () => {
      if (!ema) return null;
      variables.forEach((v, k) => v.dataId !== written[k] && syncOne(k));
      return ema.map((e, k) => tf.tensor(e.slice(), variables[k].shape, 'float32'));
    },
    syncFromVariables: () => variables.forEach((_, k) => syncOne(k)),
    dispose() {
      // Host arrays only: nothing to free on the backend.
    },
  };
}

/** The tensor version (any backend): tf.train.adam with its learning rate set per step, EMA in tensor ops. */
export function tensorAdamEma(variables: tf.Variable[], beta1: number, beta2: number, epsilon: number, decay: number): AdamEma {
  const adam = tf.train.adam(1e-3, beta1, beta2, epsilon);
  // Adam reads its learningRate field at each applyGradients, so setting it per step is a schedule.
  const rate = adam as unknown as { learningRate: number };
  const ema = decay > 0 ? variables.map((v) => tf.tidy(() => tf.variable(v.clone(), false))) : null;
  return {
    apply(grads, lr) {
      rate.learningRate = lr;
      adam.applyGradients(variables.map((v, k) => ({ name: v.name, tensor: grads[k] })));
      if (ema) tf.tidy(() => ema.forEach((e, k) => e.assign(tf.add(tf.mul(e, decay), tf.mul(variables[k], 1 - decay)))));
    },
    emaTensors: () => (ema ? ema.map((e) => e.clone()) : null),
    syncFromVariables: () => ema?.forEach((e, k) => e.assign(variables[k])),
    dispose() {
      adam.dispose();
      if (ema) tf.dispose(ema);
    },
  };
}
