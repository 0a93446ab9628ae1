/**
 * The example's Web Worker: everything TensorFlow.js does runs here, so training never blocks the
 * page. It picks the backend (src/ml/backend.ts), loads the pretrained 2-D DDPM, trains a fresh one
 * through the shared trainer when asked, and posts metrics and samples (see protocol.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../ml/backend.ts';
import { defaultDdpm2dConfig, type Ddpm2dConfig } from '../../ml/diffusion/config.ts';
import { createDdpm2d, type Ddpm2d } from '../../ml/diffusion/ddpm2d.ts';
import { loadDdpm } from '../../ml/diffusion/load.ts';
import { ddpm2dWeightSpec } from '../../ml/diffusion/weights.ts';
import { loadWeightFile } from '../../ml/weightFile.ts';
import { deriveSeed } from '../../ml/random.ts';
import { createTrainer, type Trainer } from '../../ml/train/trainer.ts';
import { REPORT_EVERY, SAMPLE_EVERY, SAMPLE_POINTS, SAMPLE_STEPS, TOTAL_STEPS, type ExampleSettings } from './config.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { wasmPaths } from '../shared/wasmPaths.ts';
import { backendInfo } from '../shared/backendMessages.ts';

const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

let settings: ExampleSettings | null = null;
let trainer: Trainer | null = null;
/** The pretrained model, shown until the reader trains their own. */
let pretrained: Ddpm2d | null = null;

/** The config of a run: the recipe's defaults on the reader's data set, seeded. */
const runConfig = (s: ExampleSettings): Partial<Ddpm2dConfig> => ({ dataset: s.dataset, seed: s.seed, decaySteps: TOTAL_STEPS });

/** Samples SAMPLE_POINTS points with every reverse state recorded, and posts them. */
async function postSamples(model: Ddpm2d, step: number, seed: number, fromPretrained = false): Promise<void> {
  const times: number[] = [];
  const kept: tf.Tensor2D[] = [];
  const out = model.sample(SAMPLE_POINTS, seed, SAMPLE_STEPS, (t, x) => {
    times.push(t);
    kept.push(tf.keep(x.clone()));
  });
  out.dispose();
  const frames = (await Promise.all(kept.map((x) => x.data()))) as Float32Array[];
  tf.dispose(kept);
  // Transfer each buffer once (a backend may hand out one buffer for several reads).
  post({ type: 'samples', step, pretrained: fromPretrained, times, frames }, [...new Set(frames.map((f) => f.buffer))]);
}

function newTrainer(s: ExampleSettings): Trainer {
  return createTrainer((seed) => createDdpm2d({ ...runConfig(s), seed }), {
    seed: s.seed,
    reportEvery: REPORT_EVERY,
    onMetrics: (m) => post({ type: 'metrics', step: m.step, loss: m.loss, msPerStep: m.msPerStep }),
  });
}

async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  settings = msg.settings;
  const preferred = msg.settings.backend === 'auto' ? undefined : (msg.settings.backend as BackendName);
  const report = await initBackend({ preferred, wasmPaths });
  post({ type: 'ready', info: backendInfo(report) });
  if (settings.dataset === defaultDdpm2dConfig.dataset) {
    // The committed weights (8 Gaussians): real samples before the reader trains anything. They are
    // validated before any model is built; a failure reaches the status line through onmessage's catch.
    pretrained = loadDdpm(await loadWeightFile(msg.modelUrl, ddpm2dWeightSpec));
    await postSamples(pretrained, TOTAL_STEPS, deriveSeed(settings.seed, 7), true);
  } else {
    trainer = newTrainer(settings);
    await postSamples(trainer.model as Ddpm2d, 0, deriveSeed(settings.seed, 7));
  }
  post({ type: 'state', state: 'idle' });
}

/** The running training loop, if any, and whether the reader asked it to pause. */
let running: Promise<void> | null = null;
let pauseAsked = false;

async function trainLoop(): Promise<void> {
  if (!settings) throw new Error('train before init');
  pretrained?.dispose();
  pretrained = null;
  trainer ??= newTrainer(settings);
  const t = trainer;
  post({ type: 'state', state: 'training' });
  while (t.step < TOTAL_STEPS && !pauseAsked) {
    // Segments of SAMPLE_EVERY steps with fresh samples between them; pause() ends one early.
    const target = Math.min(TOTAL_STEPS, (Math.floor(t.step / SAMPLE_EVERY) + 1) * SAMPLE_EVERY);
    const summary = await t.start(target);
    if (summary.state === 'diverged') {
      // The trainer restored the last good weights; a reset is needed to go on.
      post({ type: 'diverged', step: summary.nonFiniteStep ?? summary.step, restoredStep: summary.step });
      return;
    }
    await postSamples(t.model as Ddpm2d, t.step, deriveSeed(settings.seed, 7));
  }
  post({ type: 'state', state: t.step >= TOTAL_STEPS ? 'done' : 'paused' });
}

function train(): Promise<void> {
  if (running) return running; // already training
  if (trainer?.state === 'diverged') return Promise.resolve();
  pauseAsked = false;
  running = trainLoop().finally(() => {
    running = null;
  });
  return running;
}

function pause(): void {
  pauseAsked = true;
  trainer?.pause();
}

async function reset(s: ExampleSettings): Promise<void> {
  if (running) {
    pause();
    await running;
  }
  settings = s;
  pretrained?.dispose();
  pretrained = null;
  trainer?.dispose();
  trainer = newTrainer(s);
  // Samples first: when the page hears 'idle', everything it shows is of the fresh model.
  await postSamples(trainer.model as Ddpm2d, 0, deriveSeed(s.seed, 7));
  post({ type: 'state', state: 'idle' });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  const run = async () => {
    if (msg.type === 'init') await init(msg);
    else if (msg.type === 'train') await train();
    else if (msg.type === 'pause') pause();
    else if (msg.type === 'reset') await reset(msg.settings);
  };
  run().catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
