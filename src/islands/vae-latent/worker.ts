/**
 * The VAE example's Web Worker: picks the backend, loads the pretrained 2-D-latent VAE
 * (public/models/vae/latent2, written by `npm run train -- vae`) and the checksummed test digits,
 * encodes them once, then decodes whatever z the reader points at (see protocol.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../ml/backend.ts';
import { setToTensor, verifyAsset, type MnistManifest } from '../../ml/data/mnist.ts';
import { createVae, decode, encode, type Vae } from '../../ml/vae/model.ts';
import { namedVaeVariables, vaeWeightSpec } from '../../ml/vae/weights.ts';
import { assignWeights } from '../../ml/nn/namedVariables.ts';
import { loadWeightFile } from '../../ml/weightFile.ts';
import { backendInfo } from '../shared/backendMessages.ts';
import { wasmPaths } from '../shared/wasmPaths.ts';
import { SCATTER_DIGITS } from './config.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

let vae: Vae | null = null;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function fetchJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  const report = await initBackend({ preferred: msg.backend === 'auto' ? undefined : (msg.backend as BackendName), wasmPaths });
  post({ type: 'ready', info: backendInfo(report) });
  // The weights are validated before the model is built; a failure reaches the status line through onmessage's catch.
  const [weights, data] = await Promise.all([loadWeightFile(msg.modelUrl, vaeWeightSpec), fetchJson<MnistManifest>(`${msg.dataUrl}mnist.json`)]);
  vae = createVae({ seed: 0, config: weights.config });
  assignWeights(namedVaeVariables(vae.params), weights);
  const files = data.files;
  const [images, labels] = await Promise.all(
    [files.testImages, files.testLabels].map(async (f) => verifyAsset(f, await fetchBytes(`${msg.dataUrl}${f.path}`))),
  );
  const [count, rows, cols] = files.testImages.shape;
  const n = Math.min(SCATTER_DIGITS, count);
  const params = vae.params;
  const mu = tf.tidy(() => encode(params, setToTensor({ count, rows, cols, images, labels }, n)).mu);
  const values = (await mu.data()) as Float32Array;
  mu.dispose();
  post({ type: 'latents', mu: values, labels: labels.slice(0, n) }, [values.buffer]);
}

async function decodeAt(z: [number, number]): Promise<void> {
  if (!vae) return;
  const params = vae.params;
  const image = tf.tidy(() => tf.sigmoid(decode(params, tf.tensor2d([z], [1, 2]))));
  const pixels = (await image.data()) as Float32Array;
  image.dispose();
  post({ type: 'digit', z, pixels }, [pixels.buffer]);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  const run = msg.type === 'init' ? init(msg) : decodeAt(msg.z);
  run.catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
