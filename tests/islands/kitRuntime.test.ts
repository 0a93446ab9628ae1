/**
 * The kit's worker runtime in Node with a toy adapter (a seeded linear model on the CPU backend):
 * the message sequence of init, train, pause, resume, reset and dispose; divergence with the last good
 * weights; and no tensor left behind over repeated runs.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { ExampleAdapter } from '../../src/islands/kit/adapter.ts';
import type { FromWorker } from '../../src/islands/kit/protocol.ts';
import { createRuntime } from '../../src/islands/kit/runtime.ts';
import type { TrainableModel } from '../../src/ml/train/types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** y = w·x fitted by plain gradient steps; `lr` large enough makes it diverge. */
function toyModel(seed: number, lr: number): TrainableModel {
  const w = tf.tidy(() => tf.variable(tf.scalar(seed))); // tidy frees the initial value the variable copied
  const x = tf.tensor1d([1, 2, 3]);
  const y = tf.tensor1d([2, 4, 6]);
  return {
    variables: () => [w],
    optimizerState: { checkpoint: () => {}, rollback: () => {} }, // plain gradient steps keep no state
    step: () => {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.mul(w, x), y))) as tf.Scalar, [w]);
      tf.tidy(() => w.assign(tf.sub(w, tf.mul(lr, grads[w.name]))));
      tf.dispose(grads);
      return { loss: value, terms: { half: tf.mul(value, 0.5) as tf.Scalar } };
    },
    dispose: () => tf.dispose([w, x, y]),
  };
}

function toyAdapter(): ExampleAdapter {
  return {
    trainable: true,
    cadence: (s) => ({ totalSteps: s.steps as number, reportEvery: 5, snapshotEvery: 10 }),
    prepare: async () => {},
    pretrained: async () => null,
    create: (s, seed) => toyModel(seed, s.lr as number),
    snapshot: async (m) => {
      const w = (await m.variables()[0].data()) as Float32Array;
      return { data: { w: w[0] }, transfer: [] };
    },
    evaluate: async () => ({ loss: 1, terms: { half: 0.5 } }),
  };
}

function setup() {
  const messages: FromWorker[] = [];
  const handle = createRuntime({ post: (m) => messages.push(m), loadAdapter: async () => toyAdapter, fetch });
  const until = async (pred: (m: FromWorker) => boolean) => {
    for (let i = 0; i < 500 && !messages.some(pred); i++) await new Promise((r) => setTimeout(r, 5));
    if (!messages.some(pred)) throw new Error(`never came: ${JSON.stringify(messages.map((m) => m.type))}`);
  };
  return { messages, handle, until };
}

describe('createRuntime', () => {
  test('init shows a fresh model, is idle, then evaluates it; train reports every 5 steps, snapshots and evaluates every 10, and ends done', async () => {
    const { messages, handle, until } = setup();
    await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 20, lr: 0.05 }, seed: 0, base: '' });
    // Idle as soon as the model is on screen: the held-out evaluation comes after.
    expect(messages.map((m) => m.type)).toEqual(['ready', 'snapshot', 'state', 'metrics']);
    expect(messages[2]).toEqual({ type: 'state', state: 'idle', step: 0, pretrained: false });
    expect(messages[3]).toMatchObject({ type: 'metrics', split: 'heldout', step: 0 });
    messages.length = 0;
    await handle({ type: 'train' });
    await until((m) => m.type === 'state' && m.state === 'done');
    const train = messages.filter((m) => m.type === 'metrics' && m.split === 'train').map((m) => (m as { step: number }).step);
    const held = messages.filter((m) => m.type === 'metrics' && m.split === 'heldout').map((m) => (m as { step: number }).step);
    expect(train).toEqual([5, 10, 15, 20]);
    expect(held).toEqual([10, 20]);
    expect(messages.filter((m) => m.type === 'snapshot').map((m) => (m as { step: number }).step)).toEqual([10, 20]);
    const losses = messages.filter((m) => m.type === 'metrics' && m.split === 'train').map((m) => (m as { loss: number }).loss);
    expect(losses[3]).toBeLessThan(losses[0]); // w moves from 0 towards 2
    await handle({ type: 'dispose' });
  });

  test('pause stops at a chunk boundary, train resumes from there, reset starts over at step 0', async () => {
    const { messages, handle, until } = setup();
    await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 100_000, lr: 0.001 }, seed: 0, base: '' });
    await handle({ type: 'train' });
    await until((m) => m.type === 'metrics' && m.split === 'train');
    await handle({ type: 'pause' });
    await until((m) => m.type === 'state' && m.state === 'paused');
    const paused = messages.find((m) => m.type === 'state' && m.state === 'paused') as { step: number };
    expect(paused.step).toBeGreaterThan(0);
    messages.length = 0;
    await handle({ type: 'train' });
    await until((m) => m.type === 'metrics');
    expect((messages.find((m) => m.type === 'state') as { step: number }).step).toBe(paused.step);
    await handle({ type: 'reset', settings: { steps: 100, lr: 0.001 }, seed: 1 });
    expect(messages.filter((m) => m.type === 'state').at(-1)).toEqual({ type: 'state', state: 'idle', step: 0, pretrained: false });
    await handle({ type: 'dispose' });
  });

  test('live settings keep the model: an idle one is shown again with them (same weights, same step), a running one goes on', async () => {
    const { messages, handle, until } = setup();
    await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 20, lr: 0.05, shown: 1 }, seed: 0, base: '' });
    await handle({ type: 'train' });
    await until((m) => m.type === 'state' && m.state === 'done');
    const lastSnap = () => messages.filter((m) => m.type === 'snapshot').at(-1) as unknown as { step: number; data: { w: number } };
    const done = lastSnap();
    messages.length = 0;
    await handle({ type: 'settings', settings: { steps: 20, lr: 0.05, shown: 2 } });
    expect(messages.map((m) => m.type)).toEqual(['snapshot']);
    expect(lastSnap()).toEqual(done);
    await handle({ type: 'reset', settings: { steps: 100_000, lr: 0.001, shown: 2 }, seed: 0 });
    await handle({ type: 'train' });
    await until((m) => m.type === 'metrics' && m.split === 'train');
    messages.length = 0;
    await handle({ type: 'settings', settings: { steps: 100_000, lr: 0.001, shown: 3 } });
    expect(messages.filter((m) => m.type === 'snapshot' && m.step % 10 !== 0)).toEqual([]); // only the run's own, every 10 steps
    expect(messages.some((m) => m.type === 'state')).toBe(false);
    await handle({ type: 'dispose' });
  });

  test('a diverging learning rate reports the non-finite step and restores the last reported weights', async () => {
    const { messages, handle, until } = setup();
    await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 1000, lr: 5 }, seed: 0, base: '' });
    await handle({ type: 'train' });
    await until((m) => m.type === 'diverged');
    const d = messages.find((m) => m.type === 'diverged') as { step: number; restoredStep: number };
    expect(d.restoredStep % 5).toBe(0);
    expect(d.step).toBeGreaterThanOrEqual(d.restoredStep);
    const snap = messages.filter((m) => m.type === 'snapshot').at(-1) as unknown as { step: number; data: { w: number } };
    expect(snap.step).toBe(d.restoredStep);
    expect(Number.isFinite(snap.data.w)).toBe(true);
    await handle({ type: 'train' }); // ignored until a reset
    expect(messages.filter((m) => m.type === 'state' && m.state === 'running')).toHaveLength(1);
    await handle({ type: 'dispose' });
  });

  test('the receipt hash depends on the weights only: same seed and steps, same hash; another seed, another', async () => {
    const hashOf = async (seed: number) => {
      const { messages, handle, until } = setup();
      await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 10, lr: 0.05 }, seed, base: '' });
      await handle({ type: 'train' });
      await until((m) => m.type === 'state' && m.state === 'done');
      await handle({ type: 'receipt' });
      await handle({ type: 'dispose' });
      return (messages.find((m) => m.type === 'receipt') as { hash: string; step: number }).hash;
    };
    const a = await hashOf(3);
    expect(await hashOf(3)).toBe(a);
    expect(await hashOf(4)).not.toBe(a);
  });

  test('errors become error messages naming the cause', async () => {
    const messages: FromWorker[] = [];
    const handle = createRuntime({
      post: (m) => messages.push(m),
      loadAdapter: async () => {
        throw new Error('no example called nope');
      },
      fetch,
    });
    await handle({ type: 'init', example: 'nope', backend: 'cpu', settings: {}, seed: 0, base: '' });
    expect(messages.at(-1)).toEqual({ type: 'error', message: 'no example called nope' });
  });

  test('runs leave no tensor behind: the count is flat over init, train, reset and dispose', async () => {
    const run = async () => {
      const { handle, until } = setup();
      await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 20, lr: 0.05 }, seed: 0, base: '' });
      await handle({ type: 'train' });
      await until((m) => m.type === 'state' && m.state === 'done');
      await handle({ type: 'reset', settings: { steps: 20, lr: 0.05 }, seed: 1 });
      await handle({ type: 'dispose' });
    };
    await run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await run();
    expect(tf.memory().numTensors).toBe(before);
  });
  test('the training set is loaded only to train: not to show a committed model, and before every fresh model', async () => {
    const messages: FromWorker[] = [];
    const calls: string[] = [];
    const withCommitted: ExampleAdapter = {
      ...toyAdapter(),
      prepare: async () => void calls.push('prepare'),
      prepareTraining: async () => {
        await new Promise((r) => setTimeout(r, 20)); // a slow fetch: create must wait for it
        calls.push('prepareTraining');
      },
      pretrained: async () => (calls.push('pretrained'), toyModel(1, 0)),
      create: (s, seed) => (calls.push('create'), toyModel(seed, s.lr as number)),
    };
    const handle = createRuntime({ post: (m) => messages.push(m), loadAdapter: async () => () => withCommitted, fetch });
    await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 10, lr: 0.05 }, seed: 0, base: '' });
    expect(calls).toEqual(['prepare', 'pretrained']);
    await handle({ type: 'train' });
    for (let i = 0; i < 200 && !messages.some((m) => m.type === 'state' && m.state === 'done'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toEqual(['prepare', 'pretrained', 'prepareTraining', 'create']);
    await handle({ type: 'reset', settings: { steps: 10, lr: 0.05 }, seed: 1 });
    expect(calls.slice(4)).toEqual(['prepare', 'prepareTraining', 'create']);
    expect(messages.some((m) => m.type === 'error')).toBe(false);
    await handle({ type: 'dispose' });
  });

  test('a pretrained-only example reloads its committed model on reset (it has no fresh one) and answers requests', async () => {
    const messages: FromWorker[] = [];
    let loads = 0;
    const pretrainedOnly: ExampleAdapter = {
      ...toyAdapter(),
      trainable: false,
      pretrained: async (s) => {
        loads++;
        return toyModel(s.w as number, 0);
      },
      create: () => {
        throw new Error('no fresh model');
      },
      request: async (m, name) => ({ data: { name, w: (await m.variables()[0].data())[0] }, transfer: [] }),
    };
    const handle = createRuntime({ post: (m) => messages.push(m), loadAdapter: async () => () => pretrainedOnly, fetch });
    await handle({ type: 'init', example: 'toy', backend: 'cpu', settings: { steps: 1, w: 3 }, seed: 0, base: '' });
    await handle({ type: 'reset', settings: { steps: 1, w: 5 }, seed: 0 });
    await handle({ type: 'request', name: 'w', payload: null });
    expect(messages.some((m) => m.type === 'error')).toBe(false);
    expect(loads).toBe(2);
    expect(messages.filter((m) => m.type === 'state').map((m) => (m as { pretrained: boolean }).pretrained)).toEqual([true, true]);
    expect(messages.at(-1)).toEqual({ type: 'reply', name: 'w', data: { name: 'w', w: 5 } });
    await handle({ type: 'dispose' });
  });
});
