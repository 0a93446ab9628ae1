/**
 * The generic worker's logic, one instance per worker: picks the backend, loads the example's
 * adapter by id, shows its pretrained model, and drives src/ml's trainer (train, pause, resume,
 * reset, dispose), posting metrics with named terms, snapshots (typed arrays, transferred),
 * held-out evaluations, receipts, divergence and errors. worker.ts only wires it to `self`.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../ml/backend.ts';
import { createTrainer, type Trainer } from '../../ml/train/trainer.ts';
import type { TrainableModel } from '../../ml/train/types.ts';
import { backendInfo } from '../shared/backendMessages.ts';
import type { AdapterContext, AdapterFactory, ExampleAdapter, Snapshot } from './adapter.ts';
import { weightsHash } from './hash.ts';
import type { FromWorker, SettingsData, ToWorker } from './protocol.ts';

/** How the runtime reaches the outside: posting to the page, loading adapters, backend options. */
export interface RuntimeHost {
  post(msg: FromWorker, transfer?: Transferable[]): void;
  /** The adapter module of an example id (a dynamic import, so each is its own small chunk). */
  loadAdapter(example: string): Promise<AdapterFactory>;
  wasmPaths?: Record<string, string>;
  fetch: typeof fetch;
}

/** The message handler of one worker; each call returns when the message is handled (tests await it). */
export function createRuntime(host: RuntimeHost): (msg: ToWorker) => Promise<void> {
  let adapter: ExampleAdapter | null = null;
  let settings: SettingsData = {};
  let seed = 0;
  let trainer: Trainer | null = null;
  /** The committed model, shown until the reader trains their own. */
  let pretrained: TrainableModel | null = null;
  let running: Promise<void> | null = null;
  let pauseAsked = false;
  /** Commands other than pause run one after another. */
  let queue: Promise<void> = Promise.resolve();

  const post = host.post;
  const current = (): TrainableModel | null => pretrained ?? trainer?.model ?? null;
  const need = <T>(v: T | null, what: string): T => {
    if (v == null) throw new Error(`${what} before init`);
    return v;
  };

  function context(base: string): AdapterContext {
    const get = async (path: string) => {
      const r = await host.fetch(`${base}${path}`);
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return r;
    };
    return {
      bytes: async (path) => new Uint8Array(await (await get(path)).arrayBuffer()),
      json: async <T>(path: string) => (await (await get(path)).json()) as T,
    };
  }

  async function postSnapshot(step: number): Promise<void> {
    const a = need(adapter, 'snapshot');
    const model = need(current(), 'snapshot');
    const snap: Snapshot = await a.snapshot(model, settings, seed);
    // Transfer each buffer once (a backend may hand out one buffer for several reads).
    post({ type: 'snapshot', step, pretrained: pretrained !== null, data: snap.data }, [...new Set(snap.transfer)]);
  }

  async function postHeldOut(step: number): Promise<void> {
    const a = need(adapter, 'evaluate');
    if (!a.evaluate) return;
    const r = await a.evaluate(need(current(), 'evaluate'), settings);
    post({ type: 'metrics', split: 'heldout', step, loss: r.loss, terms: r.terms });
  }

  /** A trainer for a fresh model, once the adapter has what training needs (its training set). */
  async function newTrainer(): Promise<Trainer> {
    const a = need(adapter, 'train');
    const s = settings;
    await a.prepareTraining?.(s);
    return createTrainer((k) => a.create(s, k), {
      seed,
      reportEvery: a.cadence(s).reportEvery,
      onMetrics: (m) => post({ type: 'metrics', split: 'train', step: m.step, loss: m.loss, terms: m.terms, msPerStep: m.msPerStep }),
    });
  }

  function dropModels(): void {
    pretrained?.dispose();
    pretrained = null;
    trainer?.dispose();
    trainer = null;
  }

  /**
   * A fresh model (or the pretrained one, at init), its snapshot, then 'idle', then its held-out
   * evaluation: the reader can act as soon as the model is on screen (a command waits in the queue
   * for the evaluation, a few hundred ms at most).
   */
  async function showModel(allowPretrained: boolean): Promise<void> {
    const a = need(adapter, 'model');
    dropModels();
    await a.prepare(settings);
    // A pretrained-only example has no fresh model to show: new settings reload the committed one.
    pretrained = allowPretrained || !a.trainable ? await a.pretrained(settings) : null;
    if (!pretrained) trainer = await newTrainer();
    const step = pretrained ? (a.pretrainedSteps ?? a.cadence(settings).totalSteps) : 0;
    await postSnapshot(step);
    post({ type: 'state', state: 'idle', step: pretrained ? step : 0, pretrained: pretrained !== null });
    await postHeldOut(step);
  }

  async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
    const preferred = msg.backend === 'auto' ? undefined : (msg.backend as BackendName);
    const [report, factory] = await Promise.all([initBackend({ preferred, wasmPaths: host.wasmPaths }), host.loadAdapter(msg.example)]);
    post({ type: 'ready', info: backendInfo(report), tfjs: tf.version_core });
    adapter = factory(context(msg.base));
    settings = msg.settings;
    seed = msg.seed;
    await showModel(true);
  }

  async function trainLoop(): Promise<void> {
    const a = need(adapter, 'train');
    if (pretrained) {
      // Training starts from scratch: the committed model goes.
      pretrained.dispose();
      pretrained = null;
    }
    // Running at once, before a first run loads its training set: the reader sees the press (and may pause).
    post({ type: 'state', state: 'running', step: trainer?.step ?? 0, pretrained: false });
    const t = (trainer ??= await newTrainer());
    const { totalSteps, snapshotEvery } = a.cadence(settings);
    while (t.step < totalSteps && !pauseAsked) {
      // Segments of snapshotEvery steps, with a snapshot and a held-out evaluation between them.
      const target = Math.min(totalSteps, (Math.floor(t.step / snapshotEvery) + 1) * snapshotEvery);
      const summary = await t.start(target);
      if (summary.state === 'diverged') {
        // The trainer restored the last good weights: show them, and wait for a reset.
        post({ type: 'diverged', step: summary.nonFiniteStep ?? summary.step, restoredStep: summary.step });
        await postSnapshot(t.step);
        return;
      }
      if (t.step === target) {
        await postSnapshot(t.step);
        await postHeldOut(t.step);
      }
    }
    post({ type: 'state', state: t.step >= totalSteps ? 'done' : 'paused', step: t.step, pretrained: false });
  }

  function train(): void {
    if (running || trainer?.state === 'diverged' || !adapter?.trainable) return;
    pauseAsked = false;
    running = trainLoop()
      .catch((err: unknown) => fail(err))
      .finally(() => {
        running = null;
      });
  }

  async function stopRun(): Promise<void> {
    if (!running) return;
    pauseAsked = true;
    trainer?.pause();
    await running;
  }

  async function receipt(): Promise<void> {
    const model = need(current(), 'receipt');
    const hash = await weightsHash(model.variables());
    const a = need(adapter, 'receipt');
    post({
      type: 'receipt',
      step: pretrained ? (a.pretrainedSteps ?? a.cadence(settings).totalSteps) : (trainer?.step ?? 0),
      hash,
      pretrained: pretrained !== null,
    });
  }

  async function request(name: string, payload: unknown): Promise<void> {
    const a = need(adapter, 'request');
    if (!a.request) throw new Error(`this example answers no requests (${name})`);
    const model = current();
    if (!model) return;
    const snap = await a.request(model, name, payload);
    post({ type: 'reply', name, data: snap.data }, [...new Set(snap.transfer)]);
  }

  function fail(err: unknown): void {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }

  async function handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init':
        return init(msg);
      case 'train':
        return train();
      case 'reset':
        await stopRun();
        settings = msg.settings;
        seed = msg.seed;
        return showModel(false);
      case 'settings':
        settings = msg.settings;
        // A run in progress shows them at its next snapshot; a model at rest is shown again now.
        if (!running && current())
          await postSnapshot(pretrained ? (adapter?.pretrainedSteps ?? adapter?.cadence(settings).totalSteps ?? 0) : (trainer?.step ?? 0));
        return;
      case 'request':
        return request(msg.name, msg.payload);
      case 'receipt':
        return receipt();
      case 'dispose':
        await stopRun();
        dropModels();
        adapter?.dispose?.();
        adapter = null;
        return;
      case 'pause':
        return;
    }
  }

  return (msg) => {
    if (msg.type === 'pause') {
      // At once, not queued: the training loop checks the flag between chunks.
      pauseAsked = true;
      trainer?.pause();
      return Promise.resolve();
    }
    queue = queue.then(() => handle(msg)).catch(fail);
    return queue;
  };
}
