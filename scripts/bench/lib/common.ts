/**
 * What the Node benchmarks share: the backend (WASM, optionally its threaded build), a per-kernel
 * profile of a few training steps, rounding. (A folder, so the bench dispatcher does not list it.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName, type BackendReport } from '../../../src/ml/backend.ts';

/** The options every Node benchmark takes (spread into parseArgs's options). */
export const COMMON_OPTIONS = {
  seed: { type: 'string', default: '1' },
  json: { type: 'boolean', default: false }, // one JSON object on stdout; progress goes to stderr
  backend: { type: 'string', default: 'wasm' },
  threads: { type: 'string' }, // > 1: the threaded WASM build (enableNodeWasmThreads)
  profile: { type: 'boolean', default: false }, // per-kernel times of a few extra steps first
} as const;

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Prints a benchmark's result: one JSON line, or one `key: value` line per field. */
export function printResult(result: Record<string, unknown>, json: boolean): void {
  if (json) console.log(JSON.stringify(result));
  else for (const [k, v] of Object.entries(result)) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
}

/**
 * Initializes `backend` (WASM or CPU) with `threads` XNNPACK threads; threads > 1 on WASM loads the
 * threaded build (enableNodeWasmThreads). Returns the report and a function to call before exiting
 * (the threaded build's pthread workers would keep Node alive: removing the backend ends them).
 */
export async function initBenchBackend(backend: string, threads: number | undefined): Promise<{ report: BackendReport; close: () => void }> {
  const restore = threads && threads > 1 && backend === 'wasm' ? enableNodeWasmThreads(threads) : null;
  try {
    const report = await initBackend({ preferred: backend as BackendName, candidates: ['wasm', 'cpu'], threads });
    return { report, close: () => restore && tf.removeBackend('wasm') };
  } finally {
    restore?.();
  }
}

/**
 * Lets tfjs-backend-wasm 4.22 run its threaded build in Node (call before the backend initializes;
 * returns a function that undoes every override below). Three things stop it by default:
 * 1. the flag WASM_HAS_MULTITHREAD_SUPPORT is hard-wired to false when IS_NODE (tfjs issue 3830);
 * 2. Emscripten starts its pthread workers from Blob URLs, which Node's Worker cannot load: we
 *    record each Blob's text and hand Worker a temp file instead (the worker script already has a
 *    Node branch; the main script needs the bundle's `require$$N` and `commonjsGlobal` aliases);
 * 3. the C++ side caps threads at emscripten_num_logical_cores() / 2 (it assumes 2 hyperthreads
 *    per core), i.e. os.cpus().length / 2 in Node and navigator.hardwareConcurrency / 2 in a
 *    browser: 1 on a 2-core machine, whatever setThreadsCount asks for. We report 2·threads cores
 *    while the module initializes.
 */
export function enableNodeWasmThreads(threads: number): () => void {
  const dir = mkdtempSync(join(os.tmpdir(), 'tfjs-wasm-threads-'));
  const mainPath = join(dir, 'main.cjs');
  const workerPath = join(dir, 'worker.cjs');
  const NativeBlob = globalThis.Blob;
  class RecordingBlob extends NativeBlob {
    recorded: string | null;
    constructor(parts: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      this.recorded = parts.every((p) => typeof p === 'string') ? parts.join('') : null;
      if (this.recorded?.startsWith('var WasmBackendModuleThreadedSimd')) {
        const aliases =
          "var require$$0=require('fs'),require$$1=require('path'),require$$3=require('perf_hooks')," + "require$$4=require('os'),commonjsGlobal=globalThis;\n";
        writeFileSync(mainPath, aliases + this.recorded);
      }
    }
  }
  globalThis.Blob = RecordingBlob as typeof Blob;
  const realCreate = URL.createObjectURL;
  const nativeCreate = realCreate.bind(URL);
  URL.createObjectURL = (blob: Blob) => {
    const text = (blob as RecordingBlob).recorded;
    if (text != null && text.includes('ENVIRONMENT_IS_PTHREAD')) {
      // Inside the worker, the main script arrives as a Blob too: point it at our file.
      const shim = `URL.createObjectURL=()=>${JSON.stringify(mainPath)};URL.revokeObjectURL=()=>{};\n`;
      writeFileSync(workerPath, shim + text);
      return workerPath;
    }
    return nativeCreate(blob);
  };
  // The flag is evaluated asynchronously, so getBool cannot read it: keep whatever value it had set.
  const flags = tf.env().getFlags();
  const flagWasSet = 'WASM_HAS_MULTITHREAD_SUPPORT' in flags;
  const flag = flags.WASM_HAS_MULTITHREAD_SUPPORT;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  const realCpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, () => realCpus()[0]);
  // Undo every override: nothing after initialization runs against a patched global.
  return () => {
    os.cpus = realCpus;
    globalThis.Blob = NativeBlob;
    URL.createObjectURL = realCreate;
    if (flagWasSet) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', flag);
    else delete tf.env().getFlags().WASM_HAS_MULTITHREAD_SUPPORT;
  };
}

/**
 * Times each kernel over `steps` calls of `step(i)` after `warmup` calls (tf.profile), and the same
 * number of unprofiled calls; logs kernels per step, kernel and wall ms per step, and a table by kernel.
 */
export async function profileKernels(step: (i: number) => void, log: (msg: string) => void, warmup: number, steps: number): Promise<void> {
  const base = 1_000_000; // step numbers far from training's, so no noise stream training uses is touched
  for (let i = 0; i < warmup; i++) step(base + i);
  const info = await tf.profile(() => {
    for (let i = 0; i < steps; i++) step(base + warmup + i);
  });
  const byKernel = new Map<string, { ms: number; calls: number }>();
  let total = 0;
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += ms;
    e.calls += 1;
    byKernel.set(k.name, e);
    total += ms;
  }
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step(base + warmup + steps + i);
  const wall = (performance.now() - t0) / steps;
  // Custom-gradient ops show as "unnamed scope" and include the kernels they run: not added twice.
  const own = total - (byKernel.get('unnamed scope')?.ms ?? 0);
  log(`profile: ${info.kernels.length / steps} kernels/step, ${(own / steps).toFixed(2)} ms/step in kernels, ${wall.toFixed(2)} ms/step wall (unprofiled)`);
  for (const [name, e] of [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    log(`  ${name.padEnd(22)} ${(e.ms / steps).toFixed(3)} ms/step  ${e.calls / steps} calls/step`);
  }
}
