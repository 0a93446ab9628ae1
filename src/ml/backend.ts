/**
 * Backend selection: the one place that decides where the models run.
 *
 * Order: WebGPU (a real GPU), WebGL, WASM, CPU. Each candidate must (1) be registered, (2) make
 * `tf.setBackend` resolve to true (it resolves false instead of throwing), (3) pass a correctness
 * probe (a 2x2 matmul against its known product) and (4) run a timing probe; any failure moves on to
 * the next candidate. A software WebGPU adapter (SwiftShader, `isFallbackAdapter`) is not a GPU and
 * ran ~60x slower than WASM in our measurements, so it is skipped unless the caller forces it; so is
 * a software WebGL renderer (SwiftShader: ~5x slower than WASM for the VAE).
 *
 * No DOM: WebGPU is detected through `globalThis.navigator?.gpu`, which callers (tests) may replace.
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** The backends we know how to pick, fastest first. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The default order in which backends are tried. */
export const DEFAULT_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What a probe measured on the active backend. */
export interface ProbeResult {
  /** Milliseconds per timing-probe step (a 128x784 by 784x400 matmul, the VAE's largest product). */
  msPerStep: number;
}

/** Runs the probes on the backend that is active now; throws on a wrong result. */
export type Probe = (name: BackendName) => Promise<ProbeResult>;

/** The part of the WebGPU API we read (so tests can inject a fake `navigator.gpu`). */
export interface GpuLike {
  requestAdapter(options?: unknown): Promise<AdapterLike | null>;
}

/** The part of a WebGPU adapter we read. */
export interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

/** Options of `initBackend`; all optional. */
export interface BackendOptions {
  /** A backend forced by the page (`?backend=`); tried first even if it is a software adapter. */
  preferred?: BackendName;
  /** Candidates in order (default DEFAULT_BACKEND_ORDER); tests narrow this. */
  candidates?: readonly BackendName[];
  /** Where the WASM binaries live: a folder prefix or a map file name → URL (self-hosted, never a CDN). */
  wasmPaths?: string | Record<string, string>;
  /** XNNPACK threads for WASM; only the threaded build (browser, cross-origin isolated) honours it. */
  threads?: number;
  /** Replaces the built-in probe (tests make it fail). */
  probe?: Probe;
  /** Replaces `globalThis.navigator?.gpu` (tests inject a fake adapter). */
  gpu?: GpuLike | null;
}

/** One candidate that was tried and why it was not taken (or that it was). */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  reason?: string;
}

/** What `initBackend` chose and why. */
export interface BackendReport {
  /** The active backend now. */
  backend: BackendName;
  /** Adapter or renderer description where known (WebGPU vendor/architecture), else the backend name. */
  adapter: string;
  /** Timing-probe milliseconds per step on the chosen backend. */
  msPerStep: number;
  /** WASM threads actually used (1 unless the threaded build loaded); undefined for other backends. */
  threads?: number;
  /** Set when a forced backend failed: what failed and what we fell back to. */
  fallbackReason?: string;
  /** Human-readable notes (skipped software adapters, failed candidates). */
  warnings: string[];
  /** Every candidate tried, in order. */
  attempts: BackendAttempt[];
}

/** Multiplies [[1,2],[3,4]] by [[5,6],[7,8]] and checks [[19,22],[43,50]], then times a VAE-sized matmul. */
export const defaultProbe: Probe = async () => {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
  const got = await product.data();
  product.dispose();
  const want = [19, 22, 43, 50];
  if (want.some((v, i) => Math.abs(got[i] - v) > 1e-3)) {
    throw new Error(`correctness probe: matmul gave [${Array.from(got).join(', ')}], expected [${want.join(', ')}]`);
  }
  const a = tf.fill([128, 784], 0.01);
  const b = tf.fill([784, 400], 0.01);
  const run = async () => {
    const y = tf.matMul(a, b);
    await y.data(); // a readback forces GPU backends to finish the work
    y.dispose();
  };
  await run(); // warm-up: shader compilation, WASM memory growth
  const reps = 3;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await run();
  const msPerStep = (performance.now() - t0) / reps;
  a.dispose();
  b.dispose();
  return { msPerStep };
};

/** Describes a WebGPU adapter and says whether it is software (SwiftShader or a fallback adapter). */
export function describeAdapter(adapter: AdapterLike): { description: string; software: boolean } {
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s);
  const description = parts.length > 0 ? parts.join(' / ') : 'unknown adapter';
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  return { description, software: fallback || /swiftshader/i.test(description) };
}

/** The WebGL renderer string of the active webgl backend (e.g. "ANGLE (… SwiftShader …)"), or undefined. */
function webglRenderer(): string | undefined {
  type Gl = { RENDERER: number; getParameter(p: number): unknown; getExtension(n: string): { UNMASKED_RENDERER_WEBGL: number } | null };
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: Gl } }).gpgpu?.gl;
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' ? renderer : undefined;
}

/** Software rasterizers that implement WebGL on the CPU (slower than WASM for our models). */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i.test(renderer);
}

/** Registers a backend's factory if it is not registered yet (WebGPU registers only where navigator.gpu exists). */
async function ensureRegistered(name: BackendName): Promise<void> {
  if (tf.findBackendFactory(name) != null) return;
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
}

/** Why a backend cannot be used before trying it (or null), and the adapter description for WebGPU. */
async function precheck(name: BackendName, gpu: GpuLike | null | undefined, forced: boolean): Promise<{ skip: string | null; adapter?: string }> {
  if (name !== 'webgpu') return { skip: null };
  if (gpu == null) return { skip: 'WebGPU is not available (no navigator.gpu)' };
  const adapter = await gpu.requestAdapter();
  if (adapter == null) return { skip: 'WebGPU returned no adapter' };
  const { description, software } = describeAdapter(adapter);
  if (software && !forced) return { skip: `WebGPU adapter is software (${description}); preferring WASM`, adapter: description };
  return { skip: null, adapter: description };
}

/**
 * Makes the WASM backend's Identity kernel share its input's memory (a reference count) instead of
 * copying it, as the CPU backend does. TF.js clones every tensor it saves for backprop with Identity:
 * the VAE step saved 46 tensors, weights included, and the copies cost ~1 ms of a ~30 ms step.
 * Sharing is safe because TF.js tensors are immutable (Reshape already shares the same way).
 */
export function shareWasmIdentity(): void {
  const kernel = tf.getKernel('Identity', 'wasm');
  if (kernel == null || (kernel.kernelFunc as { shares?: boolean }).shares) return;
  const kernelFunc: tf.KernelFunc = ({ inputs, backend }) => {
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return kernel.kernelFunc({ inputs, backend, attrs: {} });
    (backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  Object.assign(kernelFunc, { shares: true });
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ ...kernel, kernelFunc });
}

/** Picks, initializes and probes a backend, falling back in order; reports the choice (see BackendReport). */
export async function initBackend(options: BackendOptions = {}): Promise<BackendReport> {
  const probe = options.probe ?? defaultProbe;
  const gpu = 'gpu' in options ? options.gpu : (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  const order = [...(options.candidates ?? DEFAULT_BACKEND_ORDER)];
  const preferred = options.preferred;
  const candidates = preferred ? [preferred, ...order.filter((n) => n !== preferred)] : order;

  // WASM settings must be given before the backend first initializes.
  if (options.wasmPaths != null) setWasmPaths(options.wasmPaths);
  if (options.threads != null) setThreadsCount(options.threads);

  const attempts: BackendAttempt[] = [];
  const warnings: string[] = [];
  for (const name of candidates) {
    const forced = name === preferred;
    let reason: string;
    try {
      const { skip, adapter } = await precheck(name, gpu, forced);
      if (skip != null) throw new Error(skip);
      await ensureRegistered(name);
      if (tf.findBackendFactory(name) == null) throw new Error(`backend '${name}' is not registered here`);
      // setBackend resolves false (it does not throw) when initialization fails.
      const ok = await tf.setBackend(name);
      if (!ok || tf.getBackend() !== name) throw new Error(`tf.setBackend('${name}') returned false`);
      await tf.ready();
      if (name === 'wasm') shareWasmIdentity();
      let description = adapter;
      if (name === 'webgl') {
        // Like a software WebGPU adapter, a software WebGL renderer is not a GPU: prefer WASM.
        description = webglRenderer() ?? 'webgl';
        if (isSoftwareRenderer(description) && !forced) throw new Error(`WebGL renderer is software (${description}); preferring WASM`);
      }
      const { msPerStep } = await probe(name);
      attempts.push({ name, ok: true });
      const report: BackendReport = {
        backend: name,
        adapter: description ?? name,
        msPerStep,
        warnings,
        attempts,
      };
      if (name === 'wasm') report.threads = getThreadsCount();
      if (preferred && name !== preferred) {
        report.fallbackReason = `forced backend '${preferred}' failed (${attempts[0].reason}); using '${name}'`;
      }
      return report;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    attempts.push({ name, ok: false, reason });
    warnings.push(`${name}: ${reason}`);
  }
  throw new Error(`no TensorFlow.js backend works here: ${warnings.join('; ')}`);
}
