/**
 * The training loop shared by every model: runs `TrainableModel.step` in chunks, reads the loss back
 * only every `reportEvery` steps, yields to the event loop between chunks (so a Web Worker can receive
 * a pause message), and stops on a NaN or Inf loss with the last good state restored: weights and the
 * optimizer's moments, step count and EMA, all from the last report (on every backend, so a model
 * sampled after a divergence is the last good one, EMA included). Resuming after that is refused
 * (reset() starts over): the steps that diverged are seeded, so they would diverge again.
 *
 * No DOM: timers are `setTimeout` and `performance.now`, which exist in Node and in Workers.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainableModel } from './types.ts';

/** Options of `createTrainer`, each with its default. */
export interface TrainerOptions {
  /** Seed passed to the model factory; `reset(seed)` replaces it. Default 0. */
  seed?: number;
  /** Steps between readbacks, metrics and weight snapshots. Default 50. */
  reportEvery?: number;
  /** A chunk of steps runs at most this long before the loop awaits a macrotask. Default 25 ms. */
  yieldEveryMs?: number;
  /** Called after each report with the window's mean loss and terms. */
  onMetrics?: (metrics: TrainMetrics) => void;
}

/** What a report says about the steps since the previous one. */
export interface TrainMetrics {
  /** Steps completed so far. */
  step: number;
  /** Mean loss over the window. */
  loss: number;
  /** Mean of each named term over the window. */
  terms: Record<string, number>;
  /** Wall-clock milliseconds per step over the window (includes the readback). */
  msPerStep: number;
  /** Steps in this window (reportEvery, or fewer at the end of a run). */
  steps: number;
}

/** idle → running ⇄ paused → done; diverged after a non-finite loss (reset to go on); disposed at the end. */
export type TrainerState = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'disposed';

/** How a `start` or `resume` call ended. */
export interface RunSummary {
  state: TrainerState;
  /** Steps completed (after a divergence: the step of the restored snapshot). */
  step: number;
  /** The step (counting from 0) whose loss was NaN or Inf, if the run diverged. */
  nonFiniteStep?: number;
}

/** Controls one model's training; see createTrainer. */
export interface Trainer {
  /** The model being trained (replaced by reset). */
  readonly model: TrainableModel;
  readonly state: TrainerState;
  /** Steps completed. */
  readonly step: number;
  /** Trains until `totalSteps` steps are done, pause() is called, or the loss turns non-finite. */
  start(totalSteps: number): Promise<RunSummary>;
  /** Continues towards the last `start` target. */
  resume(): Promise<RunSummary>;
  /** Asks the running loop to stop at the next chunk boundary; its promise then resolves 'paused'. */
  pause(): void;
  /** Disposes the model and builds a fresh one from the factory (with a new seed if given); step 0. */
  reset(seed?: number): void;
  /**
   * Frees the model, the snapshot and any unreported step scalars. While a run is in flight it only
   * asks the loop to stop: the loop frees everything at its next chunk boundary and resolves 'disposed'.
   */
  dispose(): void;
}

/**
 * A macrotask boundary: lets a Worker's message handler (e.g. pause) run. Not setTimeout(0): Node
 * delays it by 1 ms and browsers clamp nested timeouts to 4 ms, 4-16 % of a 25 ms chunk spent idle.
 * setImmediate (Node) and a MessageChannel message (Workers, browsers) queue a task at once.
 */
function nextMacrotask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Creates a trainer over `factory(seed)`. Tensors it owns are made once per model: the weight
 * snapshot is a set of variables assigned in place at each report; per-step scalars wait in a
 * ring that is read and emptied at each report, so `tf.memory().numTensors` stays flat over a run.
 */
export function createTrainer(factory: (seed: number) => TrainableModel, options: TrainerOptions = {}): Trainer {
  const reportEvery = options.reportEvery ?? 50;
  const yieldEveryMs = options.yieldEveryMs ?? 25;
  let seed = options.seed ?? 0;
  let model = factory(seed);
  let snapshot = snapshotOf(model);
  let snapshotStep = 0;
  let step = 0;
  let target = 0;
  let state: TrainerState = 'idle';
  let pauseRequested = false;
  let disposeRequested = false;
  // The window's unread scalars: ring[i] holds step (windowStart + i)'s loss and terms.
  let ring: { loss: tf.Scalar; terms: Record<string, tf.Scalar> }[] = [];
  let windowStart = 0;
  // Running milliseconds spent in the current window (pauses excluded) and when the current segment began.
  let windowMs = 0;
  let segmentT0 = 0;

  function snapshotOf(m: TrainableModel): tf.Variable[] {
    // Non-trainable copies: the optimizer never sees them.
    return m.variables().map((v) => tf.variable(v, false, undefined, v.dtype));
  }

  function clearRing(): void {
    for (const r of ring) tf.dispose([r.loss, ...Object.values(r.terms)]);
    ring = [];
  }

  /** Reads the window back; returns the first non-finite step or null (then snapshots and reports). */
  async function report(): Promise<number | null> {
    if (ring.length === 0) return null;
    const names = Object.keys(ring[0].terms);
    const stacked = tf.tidy(() => tf.stack(ring.map((r) => tf.stack([r.loss, ...names.map((n) => r.terms[n])]))));
    const values = await stacked.data(); // [steps, 1 + terms], the only readback of the window
    stacked.dispose();
    if (disposeRequested) return null; // disposed during the readback: the loop frees everything next
    const width = 1 + names.length;
    const steps = ring.length;
    const first = windowStart;
    clearRing();
    for (let i = 0; i < steps; i++) {
      if (!Number.isFinite(values[i * width])) return first + i;
    }
    const means = Array.from({ length: width }, () => 0);
    for (let i = 0; i < values.length; i++) means[i % width] += values[i] / steps;
    // The weights are good: copy them into the snapshot in place (no new tensors), the optimizer's state with them.
    model.variables().forEach((v, i) => snapshot[i].assign(v));
    model.optimizerState.checkpoint();
    snapshotStep = step;
    const now = performance.now();
    const metrics: TrainMetrics = {
      step,
      loss: means[0],
      terms: Object.fromEntries(names.map((n, i) => [n, means[i + 1]])),
      msPerStep: (windowMs + now - segmentT0) / steps,
      steps,
    };
    windowStart = step;
    windowMs = 0;
    segmentT0 = now;
    options.onMetrics?.(metrics);
    return null;
  }

  function free(): void {
    clearRing();
    tf.dispose(snapshot);
    model.dispose();
    state = 'disposed';
  }

  async function loop(): Promise<RunSummary> {
    if (state === 'disposed') throw new Error('trainer was disposed');
    if (state === 'running') throw new Error('trainer is already running');
    if (state === 'diverged') throw new Error('trainer diverged: call reset() first');
    state = 'running';
    pauseRequested = false;
    if (ring.length === 0) {
      windowStart = step;
      windowMs = 0;
    }
    segmentT0 = performance.now();
    let chunkT0 = segmentT0;
    while (step < target && !pauseRequested) {
      const { loss, terms } = model.step(step);
      ring.push({ loss, terms: terms ?? {} });
      step += 1;
      if (ring.length >= reportEvery || step === target) {
        const bad = await report();
        if (bad !== null) {
          // Back to the last report: weights, then the optimizer state saved with them.
          model.variables().forEach((v, i) => v.assign(snapshot[i]));
          model.optimizerState.rollback();
          step = snapshotStep;
          state = 'diverged';
          return { state, step, nonFiniteStep: bad };
        }
      }
      if (performance.now() - chunkT0 > yieldEveryMs) {
        await nextMacrotask();
        chunkT0 = performance.now();
      }
    }
    if (disposeRequested) {
      free();
      return { state, step };
    }
    windowMs += performance.now() - segmentT0;
    state = step >= target ? 'done' : 'paused';
    return { state, step };
  }

  return {
    get model() {
      return model;
    },
    get state() {
      return state;
    },
    get step() {
      return step;
    },
    start(totalSteps: number) {
      target = totalSteps;
      return loop();
    },
    resume() {
      return loop();
    },
    pause() {
      pauseRequested = true;
    },
    reset(newSeed?: number) {
      if (state === 'disposed' || disposeRequested) throw new Error('trainer was disposed');
      if (state === 'running') throw new Error('pause the trainer before reset()');
      if (newSeed !== undefined) seed = newSeed;
      clearRing();
      tf.dispose(snapshot);
      model.dispose();
      model = factory(seed);
      snapshot = snapshotOf(model);
      snapshotStep = 0;
      step = 0;
      state = 'idle';
    },
    dispose() {
      if (state === 'disposed' || disposeRequested) return;
      if (state === 'running') {
        // A step may be in flight (the loop awaits a readback or a macrotask): stop it, let it free.
        disposeRequested = true;
        pauseRequested = true;
      } else {
        free();
      }
    },
  };
}
