/**
 * Adam (Kingma & Ba 2015) with PyTorch's defaults and bias correction, an optional per-step learning
 * rate and an optional exponential moving average (EMA) of the weights: the one optimizer of every
 * model in src/ml (VAE, HVAE, DDPMs).
 *
 * Per element, step n from 1:  m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
 *   w ← w − lr · (m / (1 − β1ⁿ)) / (√(v / (1 − β2ⁿ)) + ε),  ema ← d·ema + (1 − d)·w.
 *
 * Why not tf.train.adam on WASM/CPU: it runs ~14 elementwise kernels per variable (an EMA 3 more),
 * each a pass over memory plus dispatch: ~8 ms of the VAE's ~38 ms step, and for the 2-D DDPM's small
 * variables the launches cost more than the network. So:
 * - WASM: one SIMD kernel call per variable (adamSimd.ts) on the backend's own heap: it reads the
 *   gradient and the old weights there and writes the new weights into a fresh backend tensor, with
 *   m and v kept in that heap (no copies through JavaScript; ~0.3 ms for the VAE's 650k weights);
 * - CPU (or WASM without SIMD): one JavaScript loop per variable over Float32Arrays;
 * - WebGL/WebGPU: the same update in tensor ops (as tf.train.adam computes it, but with its state ours,
 *   so that it can be checkpointed).
 * Every version keeps one checkpoint of its whole state (moments, step count, EMA), written in place:
 * the trainer saves it with the weights at each report and rolls back to it after a non-finite loss,
 * so a restored model is the last good one on every backend, EMA included.
 */
import * as tf from '@tensorflow/tfjs';
import { compileAdamKernel, G_FLUSH, MOMENT_FLUSH } from './adamSimd.ts';

/** Adam's constants (PyTorch defaults), the default learning rate and the EMA decay (0: no EMA). */
export interface AdamOptions {
  /** Used when apply() gets no learning rate; default 1e-3. */
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  emaDecay?: number;
}

/** One optimizer for a fixed list of variables; owns its state. */
export interface Adam {
  /** One Adam step from gradients in the variables' order (not disposed here), at `learningRate` if given. */
  apply(grads: tf.Tensor[], learningRate?: number): void;
  /** The EMA weights as new tensors (the caller disposes them), or null without an EMA. */
  emaTensors(): tf.Tensor[] | null;
  /** Restarts the EMA (and any host copy of the weights) from the variables' current values, e.g. after loading weights. */
  syncFromVariables(): void;
  /** Saves the whole state (moments, step count, EMA) into the optimizer's one checkpoint, in place. */
  checkpoint(): void;
  /**
   * Returns the state to the last checkpoint (before any: the fresh state, EMA at the initial weights).
   * Call it after the variables were given back the weights of that checkpoint (the trainer's snapshot).
   */
  rollback(): void;
  /** Frees everything the optimizer holds. */
  dispose(): void;
}

/** Backends whose tensors live in CPU memory. */
const HOST_BACKENDS = new Set(['wasm', 'cpu']);

/** The parts of tfjs-backend-wasm's BackendWasm used to work on its heap directly. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  getMemoryOffset(dataId: tf.DataId): number;
  wasm: {
    asm: { memory?: WebAssembly.Memory };
    wasmMemory?: WebAssembly.Memory;
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(ptr: number): void;
  };
}

function constants(options: AdamOptions) {
  return {
    lr0: options.learningRate ?? 1e-3,
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    epsilon: options.epsilon ?? 1e-8,
    decay: options.emaDecay ?? 0,
  };
}

/** Creates Adam for `variables`: the host loop on WASM/CPU, tf.train.adam elsewhere. */
export function createAdam(variables: tf.Variable[], options: AdamOptions = {}): Adam {
  if (!HOST_BACKENDS.has(tf.getBackend())) return tensorAdam(variables, options);
  return (tf.getBackend() === 'wasm' ? wasmAdam(variables, options) : null) ?? hostAdam(variables, options);
}

/** One variable's update: the new weights as a tensor to assign, and a view of their values (for the EMA). */
type UpdateOne = (k: number, grad: tf.Tensor, lr: number, n: number) => { next: tf.Tensor; values: Float32Array };

/** What each host version adds to hostOptimizer. */
interface HostParts {
  /** Computes variable k's new weights. */
  update: UpdateOne;
  /** Refreshes any host copy of variable k's weights. */
  onSync: (k: number, current: Float32Array) => void;
  /** Copy the moments into their checkpoint, and back. */
  saveMoments: () => void;
  restoreMoments: () => void;
  /** Frees what the version allocated. */
  release: () => void;
}

/**
 * What both host versions share: step count, restores (a variable assigned from outside, e.g. a
 * snapshot or loaded weights: continue from its values), the EMA in Float32Arrays, the checkpoint of
 * step count and EMA, and the assign.
 */
function hostOptimizer(variables: tf.Variable[], options: AdamOptions, parts: HostParts): Adam {
  const { update, onSync } = parts;
  const { lr0, decay } = constants(options);
  const ema = decay > 0 ? variables.map((v) => Float32Array.from(v.dataSync())) : null;
  const savedEma = ema?.map((e) => e.slice()) ?? null;
  // The data each variable held after our last write: if it changed, someone assigned it.
  const written = variables.map((v) => v.dataId);
  const syncOne = (k: number) => {
    const current = variables[k].dataSync() as Float32Array;
    onSync(k, current);
    ema?.[k].set(current);
    written[k] = variables[k].dataId;
  };
  let n = 0;
  let savedN = 0;
  return {
    apply(grads, lr = lr0) {
      n += 1;
      for (let k = 0; k < variables.length; k++) {
        const variable = variables[k];
        if (variable.dataId !== written[k]) syncOne(k);
        const { next, values } = update(k, grads[k], lr, n);
        if (ema) {
          const ek = ema[k];
          for (let i = 0; i < ek.length; i++) ek[i] = decay * ek[i] + (1 - decay) * values[i];
        }
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
    checkpoint() {
      savedN = n;
      ema?.forEach((e, k) => savedEma![k].set(e));
      parts.saveMoments();
    },
    rollback() {
      n = savedN;
      // The variables hold the checkpoint's weights (assigned from outside): take them as ours without
      // restarting the EMA from them (syncOne would), then restore the EMA and moments saved with them.
      variables.forEach((v, k) => {
        onSync(k, v.dataSync() as Float32Array);
        written[k] = v.dataId;
      });
      ema?.forEach((e, k) => e.set(savedEma![k]));
      parts.restoreMoments();
    },
    dispose: parts.release,
  };
}

/**
 * The WASM-backend version: moments in the backend's heap, one SIMD kernel call per variable that
 * reads the gradient and the old weights there and writes the new weights into a fresh backend
 * tensor (no copies through JavaScript). Null if the SIMD kernel cannot be compiled here.
 */
export function wasmAdam(variables: tf.Variable[], options: AdamOptions = {}): Adam | null {
  const { beta1, beta2, epsilon } = constants(options);
  const backend = tf.backend() as unknown as WasmHeapBackend;
  // The single-threaded build exports its memory; the threaded one creates a shared memory in JS.
  const memory = backend.wasm.asm.memory ?? backend.wasm.wasmMemory;
  const kernel = memory ? compileAdamKernel(memory) : null;
  if (kernel == null) return null;
  const heap = backend.wasm;
  // m and v side by side in one zeroed block per variable (4-byte floats).
  const moments = variables.map((v) => {
    const ptr = heap._malloc(8 * v.size) >>> 0;
    heap.HEAPF32.fill(0, ptr / 4, ptr / 4 + 2 * v.size); // HEAPF32 read after the malloc (it may grow the heap)
    return ptr;
  });
  // Their checkpoint, in JavaScript memory (zeros: the fresh state).
  const savedMoments = variables.map((v) => new Float32Array(2 * v.size));
  const update: UpdateOne = (k, grad, lr, n) => {
    const variable = variables[k];
    const size = variable.size;
    const info = backend.makeOutput(variable.shape, 'float32');
    const next = tf.engine().makeTensorFromTensorInfo(info);
    const [g, wOld, wNew] = [grad.dataId, variable.dataId, info.dataId].map((id) => backend.getMemoryOffset(id) >>> 0);
    const [m, v] = [moments[k], moments[k] + 4 * size];
    const lrT = lr / (1 - beta1 ** n);
    const c2 = 1 / (1 - beta2 ** n);
    const quads = size >>> 2;
    kernel(g, wOld, wNew, m, v, quads, beta1, 1 - beta1, beta2, 1 - beta2, lrT, c2, epsilon);
    // The last size % 4 elements (biases of odd width) in JavaScript, flushed like the kernel (NaN passes).
    const f = heap.HEAPF32;
    const flush = (x: number, t: number) => (Math.abs(x) <= t ? 0 : x);
    for (let i = 4 * quads; i < size; i++) {
      const gi = flush(f[g / 4 + i], G_FLUSH);
      const mi = (f[m / 4 + i] = flush(beta1 * f[m / 4 + i] + (1 - beta1) * gi, MOMENT_FLUSH));
      const vi = (f[v / 4 + i] = flush(beta2 * f[v / 4 + i] + (1 - beta2) * gi * gi, MOMENT_FLUSH));
      f[wNew / 4 + i] = f[wOld / 4 + i] - (lrT * mi) / (Math.sqrt(vi * c2) + epsilon);
    }
    return { next, values: f.subarray(wNew / 4, wNew / 4 + size) };
  };
  return hostOptimizer(variables, options, {
    update,
    onSync: () => {}, // the kernel reads the weights from the variable itself
    saveMoments: () => moments.forEach((ptr, k) => savedMoments[k].set(heap.HEAPF32.subarray(ptr / 4, ptr / 4 + savedMoments[k].length))),
    restoreMoments: () => moments.forEach((ptr, k) => heap.HEAPF32.set(savedMoments[k], ptr / 4)),
    release: () => {
      for (const ptr of moments.splice(0)) heap._free(ptr);
    },
  });
}

/** The host-memory version (CPU, or WASM without SIMD): moments and weights in Float32Arrays, one loop per variable. */
export function hostAdam(variables: tf.Variable[], options: AdamOptions = {}): Adam {
  const { beta1, beta2, epsilon } = constants(options);
  const m = variables.map((v) => new Float32Array(v.size));
  const s = variables.map((v) => new Float32Array(v.size)); // second moment (v is the variable)
  const [savedM, savedS] = [m, s].map((arrays) => arrays.map((a) => a.slice()));
  // A host copy of the weights, valid while each variable holds the data we last wrote.
  const w = variables.map((v) => Float32Array.from(v.dataSync()));
  const update: UpdateOne = (k, grad, lr, n) => {
    const c1 = 1 / (1 - beta1 ** n);
    const c2 = 1 / (1 - beta2 ** n);
    const g = grad.dataSync() as Float32Array; // a memory copy on these backends, not a device sync
    const [mk, sk, wk] = [m[k], s[k], w[k]];
    for (let i = 0; i < wk.length; i++) {
      const gi = g[i];
      const mi = beta1 * mk[i] + (1 - beta1) * gi;
      const si = beta2 * sk[i] + (1 - beta2) * gi * gi;
      mk[i] = mi;
      sk[i] = si;
      wk[i] -= (lr * mi * c1) / (Math.sqrt(si * c2) + epsilon);
    }
    // The CPU backend keeps the array it is given (WASM copies it): hand it a copy.
    return { next: tf.tensor(wk.slice(), variables[k].shape, 'float32'), values: wk };
  };
  return hostOptimizer(variables, options, {
    update,
    onSync: (k, current) => w[k].set(current),
    saveMoments: () => variables.forEach((_, k) => (savedM[k].set(m[k]), savedS[k].set(s[k]))),
    restoreMoments: () => variables.forEach((_, k) => (m[k].set(savedM[k]), s[k].set(savedS[k]))),
    release: () => {}, // host arrays only: nothing to free on the backend
  });
}

/**
 * The tensor version (any backend): Adam's update in tensor ops, as tf.train.adam computes it, with the
 * moments, step count and EMA held here (tf.train.adam's are private) so that they can be checkpointed.
 * Checkpoint and rollback assign variables to each other: they share data, nothing is copied.
 */
export function tensorAdam(variables: tf.Variable[], options: AdamOptions = {}): Adam {
  const { lr0, beta1, beta2, epsilon, decay } = constants(options);
  const copies = (from: (v: tf.Variable, k: number) => tf.Tensor) => variables.map((v, k) => tf.tidy(() => tf.variable(from(v, k), false)));
  const m = copies((v) => tf.zerosLike(v));
  const s = copies((v) => tf.zerosLike(v)); // second moment (v is the variable)
  const ema = decay > 0 ? copies((v) => v.clone()) : null;
  const [savedM, savedS] = [m, s].map((list) => copies((_, k) => list[k].clone()));
  const savedEma = ema ? copies((_, k) => ema[k].clone()) : null;
  let n = 0;
  let savedN = 0;
  const copyInto = (to: tf.Variable[] | null, from: tf.Variable[] | null) => to?.forEach((t, k) => t.assign(from![k]));
  return {
    apply(grads, lr = lr0) {
      n += 1;
      const stepSize = lr / (1 - beta1 ** n); // lr with the first moment's bias correction folded in
      const c2 = 1 / (1 - beta2 ** n);
      tf.tidy(() =>
        variables.forEach((w, k) => {
          const g = grads[k];
          m[k].assign(tf.add(tf.mul(m[k], beta1), tf.mul(g, 1 - beta1)));
          s[k].assign(tf.add(tf.mul(s[k], beta2), tf.mul(tf.square(g), 1 - beta2)));
          w.assign(tf.sub(w, tf.div(tf.mul(m[k], stepSize), tf.add(tf.sqrt(tf.mul(s[k], c2)), epsilon))));
          if (ema) ema[k].assign(tf.add(tf.mul(ema[k], decay), tf.mul(w, 1 - decay)));
        }),
      );
    },
    emaTensors: () => (ema ? ema.map((e) => e.clone()) : null),
    syncFromVariables: () => ema?.forEach((e, k) => e.assign(variables[k])),
    checkpoint() {
      savedN = n;
      copyInto(savedM, m);
      copyInto(savedS, s);
      copyInto(savedEma, ema);
    },
    rollback() {
      n = savedN;
      copyInto(m, savedM);
      copyInto(s, savedS);
      copyInto(ema, savedEma);
    },
    dispose() {
      tf.dispose([...m, ...s, ...savedM, ...savedS, ...(ema ?? []), ...(savedEma ?? [])]);
    },
  };
}
