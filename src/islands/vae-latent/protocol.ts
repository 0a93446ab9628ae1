/** Messages between the VAE example's page side (controller.ts) and its worker (worker.ts). */
import type { BackendChoice, BackendInfo } from '../shared/backendMessages.ts';

/** Page → worker. */
export type ToWorker =
  /** Picks the backend, loads the 2-D VAE (modelUrl: folder of weights.json/.bin) and the test digits (dataUrl: folder of mnist.json). */
  | { type: 'init'; backend: BackendChoice; modelUrl: string; dataUrl: string }
  /** The decoder's mean image E[x | z] = σ(logits) at z. */
  | { type: 'decode'; z: [number, number] };

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; info: BackendInfo }
  /** The encoder's means μ(x) of the test digits, flattened [n·2], and their labels. */
  | { type: 'latents'; mu: Float32Array; labels: Uint8Array }
  /** 784 intensities in [0, 1], row-major 28×28, decoded at z. */
  | { type: 'digit'; z: [number, number]; pixels: Float32Array }
  | { type: 'error'; message: string };
