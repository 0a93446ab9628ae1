import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createAdam, hostAdam, tensorAdam } from '../../../src/ml/optim/adam.ts';
import { expectAllClose, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

/** Runs 5 steps of f(w) = Σ (w − target)² with a changing learning rate; returns the weights and EMA. */
async function run(make: typeof hostAdam): Promise<{ w: Float32Array; ema: Float32Array }> {
  const w = tf.variable(tf.tensor1d([0.5, -1, 2]));
  const target = tf.tensor1d([1, 1, 1]);
  const opt = make([w], { emaDecay: 0.8 });
  for (let k = 0; k < 5; k++) {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(w, target))) as tf.Scalar, [w]);
    opt.apply([grads[w.name]], 0.1 / (k + 1));
    tf.dispose([value, grads[w.name]]);
  }
  const [ema] = opt.emaTensors()!;
  const out = { w: await valuesOf(w.clone()), ema: await valuesOf(ema) };
  opt.dispose();
  tf.dispose([w, target]);
  return out;
}

describe('Adam with a per-step learning rate and an EMA', () => {
  test('the host-memory loop matches the tensor version (per-step rate and EMA)', async () => {
    const host = await run(hostAdam);
    const tensor = await run(tensorAdam);
    expectAllClose(host.w, tensor.w, 1e-5); // float32 rounding differs between the two orders of operations
    expectAllClose(host.ema, tensor.ema, 1e-5);
  });

  test('the first step moves each weight by the learning rate against its gradient sign (Adam’s unit step)', async () => {
    const w = tf.variable(tf.tensor1d([0.5, -1]));
    const opt = hostAdam([w]);
    const g = tf.tensor1d([3, -0.01]);
    opt.apply([g], 0.1);
    expectAllClose(await valuesOf(w.clone()), [0.4, -0.9], 1e-5);
    expect(opt.emaTensors()).toBeNull();
    tf.dispose([w, g]);
  });

  test.each([
    ['createAdam (the host loop on CPU)', createAdam],
    ['tensorAdam (the WebGL/WebGPU version)', tensorAdam],
  ])('%s takes the same steps as tf.train.adam with the same constants', async (_, make) => {
    const init = [
      tf.tensor2d([
        [0.5, -1],
        [2, 0.1],
      ]),
      tf.tensor1d([0.3, -0.7]),
    ];
    const ours = init.map((t) => tf.variable(t.clone()));
    const theirs = init.map((t) => tf.variable(t.clone()));
    const adam = make(ours, { learningRate: 0.01 });
    const ref = tf.train.adam(0.01, 0.9, 0.999, 1e-8);
    const lossOf = (vs: tf.Variable[]) => () => tf.add(tf.sum(tf.square(tf.sub(vs[0], 1))), tf.sum(tf.mul(tf.sin(vs[1]), 3))) as tf.Scalar;
    for (let step = 0; step < 20; step++) {
      const g = tf.variableGrads(lossOf(ours), ours);
      const list = ours.map((v) => g.grads[v.name]);
      adam.apply(list);
      tf.dispose([g.value, ...list]);
      tf.dispose(ref.minimize(lossOf(theirs), false, theirs) ?? []);
    }
    for (let i = 0; i < 2; i++) expectAllClose(await valuesOf(ours[i].clone()), await valuesOf(theirs[i].clone()), 1e-5);
    adam.dispose();
    ref.dispose();
    tf.dispose([...init, ...ours, ...theirs]);
  });

  test('picks up weights that were assigned from outside (a restored snapshot)', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const adam = createAdam([v], { learningRate: 0.1 });
    const g = tf.tensor1d([1, 1]);
    adam.apply([g]);
    v.assign(tf.tensor1d([10, 20]));
    adam.apply([g]);
    const after = Array.from(v.dataSync());
    expect(after[0]).toBeGreaterThan(9.5);
    expect(after[1]).toBeGreaterThan(19.5);
    adam.dispose();
    tf.dispose([v, g]);
  });
});
