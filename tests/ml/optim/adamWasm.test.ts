/** On the WASM backend: the SIMD Adam kernel (heap moments, odd-sized tails, EMA) matches the tensor version. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../src/ml/backend.ts';
import { tensorAdam, wasmAdam } from '../../../src/ml/optim/adam.ts';
import { expectAllClose, valuesOf } from '../helpers.ts';

beforeAll(async () => {
  await initBackend({ preferred: 'wasm', candidates: ['wasm'] });
});

describe('wasmAdam', () => {
  test('takes the same steps as tensorAdam with a per-step rate and an EMA (sizes 481 and 7: SIMD and tails)', async () => {
    // tensorAdam itself is checked against tf.train.adam in adam.test.ts.
    const init = [tf.randomNormal([37, 13], 0, 1, 'float32', 1), tf.randomNormal([7], 0, 1, 'float32', 2)];
    const ours = init.map((t) => tf.variable(t.clone()));
    const theirs = init.map((t) => tf.variable(t.clone()));
    const a = wasmAdam(ours, { learningRate: 0.01, emaDecay: 0.9 });
    expect(a).not.toBeNull();
    const b = tensorAdam(theirs, { learningRate: 0.01, emaDecay: 0.9 });
    const lossOf = (vs: tf.Variable[]) => () => tf.add(tf.sum(tf.square(tf.sub(vs[0], 1))), tf.sum(tf.mul(tf.sin(vs[1]), 3))) as tf.Scalar;
    const train = (vs: tf.Variable[], opt: typeof b) => {
      for (let step = 0; step < 30; step++) {
        const g = tf.variableGrads(lossOf(vs), vs);
        const list = vs.map((v) => g.grads[v.name]);
        opt.apply(list, 0.01 / (1 + 0.1 * step));
        tf.dispose([g.value, ...list]);
      }
    };
    const before = tf.memory().numTensors;
    train(ours, a!);
    expect(tf.memory().numTensors).toBe(before); // new weights replace old ones; the moments live outside TF.js
    train(theirs, b);
    const [ea, eb] = [a!.emaTensors()!, b.emaTensors()!];
    for (let i = 0; i < 2; i++) {
      expectAllClose(await valuesOf(ours[i].clone()), await valuesOf(theirs[i].clone()), 1e-5);
      expectAllClose(await valuesOf(ea[i]), await valuesOf(eb[i]), 1e-5);
    }
    a!.dispose();
    b.dispose();
    tf.dispose([...init, ...ours, ...theirs]);
  });

  test('picks up weights assigned from outside (a restored snapshot)', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3, 4, 5]));
    const adam = wasmAdam([v], { learningRate: 0.1 })!;
    const g = tf.tensor1d([1, 1, 1, 1, 1]);
    adam.apply([g]);
    v.assign(tf.tensor1d([10, 20, 30, 40, 50]));
    adam.apply([g]);
    const after = Array.from(v.dataSync());
    after.forEach((x, i) => expect(x).toBeGreaterThan(10 * (i + 1) - 0.5));
    adam.dispose();
    tf.dispose([v, g]);
  });

  test('Identity shares memory on WASM (a clone for backprop is the same heap block, no copy) and values survive the original', async () => {
    // initBackend installs shareWasmIdentity (src/ml/backend.ts): a clone is a reference count on the same data.
    const backend = tf.backend() as unknown as { getMemoryOffset(dataId: tf.DataId): number };
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    x.dispose(); // the reference count keeps the block alive for y
    expect(Array.from(await y.data())).toEqual([1, 2, 3]);
    y.dispose();
  });
});
