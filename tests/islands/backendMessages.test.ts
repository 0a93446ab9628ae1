/** What every example tells the reader about the backend it runs on. */
import { describe, expect, test } from 'vitest';
import { backendInfo, describeBackend, skippedNote } from '../../src/islands/shared/backendMessages.ts';

describe('backend notes', () => {
  test('software adapters skipped by the automatic choice are named in one sentence', () => {
    const note = skippedNote([
      'webgpu: WebGPU adapter is software (google / swiftshader); preferring WASM',
      'webgl: WebGL renderer is software (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device)); preferring WASM',
    ]);
    expect(note).toBe(' Skipped: WebGPU (only a software, CPU-emulated version is available), WebGL (only a software, CPU-emulated version is available).');
  });

  test('other failures keep their reason; no warnings, no note', () => {
    expect(skippedNote(['webgpu: navigator.gpu is not available'])).toBe(' Skipped: WebGPU (navigator.gpu is not available).');
    expect(skippedNote([])).toBe('');
  });
});

describe('describeBackend', () => {
  test('names the backend and its adapter, and says what the automatic choice skipped', () => {
    const info = backendInfo({
      backend: 'wasm',
      adapter: 'wasm',
      msPerStep: 2,
      warnings: ['webgpu: WebGPU is not available (no navigator.gpu)'],
      attempts: [],
    });
    expect(describeBackend(info)).toEqual({
      shown: 'WebAssembly',
      sentence: 'Running on WebAssembly. Skipped: WebGPU (WebGPU is not available (no navigator.gpu)).',
    });
    const gpu = backendInfo({ backend: 'webgpu', adapter: 'nvidia / hopper', msPerStep: 0.1, warnings: [], attempts: [] });
    expect(describeBackend(gpu)).toEqual({ shown: 'WebGPU (nvidia / hopper)', sentence: 'Running on WebGPU.' });
  });

  test('a forced backend that failed is reported with its reason, not as a skip', () => {
    const info = backendInfo({
      backend: 'wasm',
      adapter: 'wasm',
      msPerStep: 2,
      warnings: ['webgl: x'],
      attempts: [],
      fallbackReason: "forced backend 'webgl' failed (x); using 'wasm'",
    });
    expect(describeBackend(info).sentence).toBe(
      "The backend you chose did not start (forced backend 'webgl' failed (x); using 'wasm'). Running on WebAssembly instead.",
    );
  });
});
