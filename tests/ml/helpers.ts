/**
 * Shared test helpers for tests/ml: leak checks, backend setup and small numeric utilities.
 * Every src/ml function is checked for tensor leaks with `expectNoLeak` / `expectTensorDelta`.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Selects the CPU backend (the default for tests/ml) and fails loudly if TF.js refuses it. */
export async function useCpuBackend(): Promise<void> {
  const ok = await tf.setBackend('cpu');
  if (!ok) throw new Error('tf.setBackend("cpu") returned false');
  await tf.ready();
}

/**
 * Runs `fn` and asserts that `tf.memory().numTensors` grew by exactly `delta` (the tensors `fn`
 * returns and hands to the caller). Returns `fn`'s result so the test can inspect and dispose it.
 */
export async function expectTensorDelta<T>(delta: number, fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  expect(after - before, `tensor count changed by ${after - before}, expected ${delta}`).toBe(delta);
  return result;
}

/**
 * Runs `fn`, disposes every tensor it returns (a tensor, an array or a plain object of tensors),
 * and asserts that no tensor was left behind.
 */
export async function expectNoLeak(fn: () => unknown): Promise<void> {
  const before = tf.memory().numTensors;
  const result = await fn();
  disposeDeep(result);
  const after = tf.memory().numTensors;
  expect(after - before, `leaked ${after - before} tensor(s)`).toBe(0);
}

/** Disposes every tensor found in a value (tensor, array, or object of tensors), leaving variables alone only if asked. */
export function disposeDeep(value: unknown): void {
  if (value instanceof tf.Tensor) {
    value.dispose();
  } else if (Array.isArray(value)) {
    for (const v of value) disposeDeep(v);
  } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value as Record<string, unknown>)) disposeDeep(v);
  }
}

/** Reads a scalar tensor back as a number and disposes it. */
export async function scalarOf(t: tf.Tensor): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

/** Reads a tensor back as a Float32Array (copy) and disposes it. */
export async function valuesOf(t: tf.Tensor): Promise<Float32Array> {
  const v = Float32Array.from(await t.data());
  t.dispose();
  return v;
}

/** Mean of a numeric array. */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Unbiased sample variance of a numeric array. */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

/** Asserts that two arrays have the same length and agree elementwise within `tol` (absolute). */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  expect(worst, `max |Δ| = ${worst} at index ${at} (actual ${actual[at]}, expected ${expected[at]})`).toBeLessThanOrEqual(tol);
}
