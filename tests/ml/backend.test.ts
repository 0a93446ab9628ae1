import { describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { defaultProbe, describeAdapter, initBackend, type Probe } from '../../src/ml/backend.ts';

describe('initBackend', () => {
  test('picks wasm in Node, where neither WebGPU nor WebGL exists', async () => {
    const report = await initBackend();
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.threads).toBeGreaterThanOrEqual(1);
    expect(report.msPerStep).toBeGreaterThan(0);
    expect(report.attempts.map((a) => a.name)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(report.fallbackReason).toBeUndefined();
  });

  test('falls back to the next backend when the correctness probe fails', async () => {
    const failingOnWasm: Probe = async (name) => {
      if (name === 'wasm') throw new Error('matmul gave the wrong product');
      return defaultProbe(name);
    };
    const report = await initBackend({ candidates: ['wasm', 'cpu'], probe: failingOnWasm });
    expect(report.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(report.attempts[0]).toEqual({ name: 'wasm', ok: false, reason: 'matmul gave the wrong product' });
    expect(report.warnings.join()).toContain('wrong product');
  });

  test('reports a forced backend that fails and says what it fell back to', async () => {
    const report = await initBackend({ preferred: 'webgpu', candidates: ['wasm', 'cpu'], gpu: null });
    expect(report.backend).toBe('wasm');
    expect(report.fallbackReason).toMatch(/forced backend 'webgpu' failed .*navigator\.gpu.*using 'wasm'/);
  });

  test('skips a software WebGPU adapter unless it is forced', async () => {
    const swiftshader = {
      requestAdapter: async () => ({ info: { vendor: 'google', architecture: 'swiftshader' } }),
    };
    const report = await initBackend({ candidates: ['webgpu', 'wasm'], gpu: swiftshader });
    expect(report.backend).toBe('wasm');
    expect(report.attempts[0].reason).toMatch(/software .*swiftshader.*preferring WASM/);
  });

  test('treats isFallbackAdapter or a SwiftShader description as software, a real GPU as hardware', () => {
    expect(describeAdapter({ isFallbackAdapter: true }).software).toBe(true);
    expect(describeAdapter({ info: { description: 'SwiftShader Device (Subzero)' } }).software).toBe(true);
    expect(describeAdapter({ info: { vendor: 'nvidia', architecture: 'hopper' } })).toEqual({
      description: 'nvidia / hopper',
      software: false,
    });
  });

  test('throws, naming every failure, when no candidate works', async () => {
    const broken: Probe = async () => {
      throw new Error('broken');
    };
    await expect(initBackend({ candidates: ['cpu'], probe: broken })).rejects.toThrow(/cpu: broken/);
  });

  test('the probes allocate no lasting tensors', async () => {
    await initBackend({ candidates: ['cpu'] });
    const before = tf.memory().numTensors;
    await defaultProbe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
