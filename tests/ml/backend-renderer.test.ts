import { test, expect } from 'vitest';
import { isSoftwareRenderer } from '../../src/ml/backend.ts';

test('software WebGL renderers are recognised, hardware ones are not', () => {
  expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
  expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
  expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
  expect(isSoftwareRenderer('Apple M2')).toBe(false);
});
