/**
 * src/ml in a real browser: backend choice and correctness. Chromium runs here with SwiftShader,
 * a software WebGPU adapter and a software WebGL renderer: the automatic choice must skip both (they
 * are not GPUs) and say so, and a forced WebGPU, WebGL or WASM backend must compute what the CPU
 * backend computes. (Forced backends that fail to start are covered in tests/ml/backend.test.ts.)
 */
import { test, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { serveStatic } from './server.ts';
import { launchBrowser, watchPage, type PageProblems } from './browser.ts';

let out: string;
let browser: Browser;
let origin: string;
let close: () => Promise<void>;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'ml-page-'));
  await build({ root: path.resolve('tests/e2e/ml-page'), logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
  ({ origin, close } = await serveStatic(out));
  browser = await launchBrowser(['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan']);
});
afterAll(async () => {
  await browser?.close();
  await close?.();
  rmSync(out, { recursive: true, force: true });
});

async function open(): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems = watchPage(page, origin);
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems };
}

type Result = import('./ml-page/main.ts').MlCheckResult;

test('the automatic choice skips the software WebGPU adapter and software WebGL, says why, and lands on WASM', async () => {
  const { page } = await open();
  const result: Result = await page.evaluate(() => (window as never as { mlChecks: { run: () => Promise<Result> } }).mlChecks.run());
  expect(result.backend).toBe('wasm');
  expect(result.warnings.join(' ')).toMatch(/webgpu: WebGPU adapter is software \(.*swiftshader.*\)/i);
  expect(result.warnings.join(' ')).toMatch(/webgl: WebGL renderer is software \(.*SwiftShader.*\)/i);
  expect(result.maxAbsDiff).toBeLessThan(1e-4);
  await page.close();
});

test.each(['webgpu', 'webgl', 'wasm'])('forced %s computes the dense layer in each branch, its gradients and the KL like the CPU backend', async (name) => {
  const { page, problems } = await open();
  const result: Result = await page.evaluate((n) => (window as never as { mlChecks: { run: (f: string) => Promise<Result> } }).mlChecks.run(n), name);
  // Forced, even a software adapter runs (slowly): the reader asked for it.
  expect(result.backend).toBe(name);
  expect(result.fallbackReason).toBeNull();
  // Each shape took the branch it is for: only out ≤ batch runs the fused matmul + bias + ReLU kernel.
  expect(result.cases.map((c) => [c.name, c.fused])).toEqual([
    ['out > batch (transposed product)', false],
    ['out ≤ batch (fused kernel)', true],
    ['in > batch (transposed dL/dx)', false],
  ]);
  for (const c of result.cases) {
    expect(c.n, c.name).toBe(1 + c.batch * c.inDim + c.inDim * c.outDim + c.outDim); // loss, dL/dx, dL/dW, dL/db
    expect(c.maxAbsDiff, c.name).toBeLessThan(1e-3);
  }
  expect(problems.foreignRequests).toEqual([]);
  await page.close();
});
