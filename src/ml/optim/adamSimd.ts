/**
 * Adam's update as a tiny hand-assembled WebAssembly SIMD function that runs on the WASM backend's
 * own memory (it imports the backend's WebAssembly.Memory), 4 floats per instruction:
 *
 *   adam(g, wOld, wNew, m, v, quads, β1, 1−β1, β2, 1−β2, lr/(1−β1ⁿ), 1/(1−β2ⁿ), ε)
 *   for each float4 i < quads:  m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;
 *                               wNew ← wOld − lr_t · m / (√(v / (1−β2ⁿ)) + ε)
 *
 * (pointers are byte offsets into the backend heap). In float32 like PyTorch's Adam; the JavaScript
 * loop it replaces computed in float64 and took ~3 ms per VAE step (650k weights), this ~0.3 ms.
 *
 * Denormals are flushed: |g| ≤ G_FLUSH counts as 0, and m or v at or below MOMENT_FLUSH become 0. WebAssembly
 * has no flush-to-zero mode, and x86 takes a slow path (~100 cycles) for each subnormal operand. MNIST's
 * border pixels are always 0, so their weights get zero gradients and m ← 0.9 m decays into subnormals
 * after ~800 steps: the VAE step went from 17 to 21 ms there. Both thresholds keep every product in
 * the loop normal (min normal float32 ≈ 1.2e-38; (1−β2)·G_FLUSH² = 1e-35). What each flush costs:
 * - moments: a flushed m changes an update by at most lr·MOMENT_FLUSH/((1−β1ⁿ)·ε) ≤ lr·1e-21 (about
 *   lr·1e-22 after the first steps), and a flushed v the denominator by at most √(MOMENT_FLUSH/(1−β2ⁿ))
 *   ≤ 3.2e-14 next to ε = 1e-8: far below float32 resolution of any weight;
 * - gradients: a flushed g changes m/(1−β1ⁿ) by at most (1−β1)/(1−β1ⁿ)·|g| ≤ G_FLUSH, so an update by at
 *   most lr·G_FLUSH/ε = lr·1e-8 per step (the denominator is at least ε): 1e-8 of an Adam step of size lr.
 * The mask zeroes only lanes with |x| ≤ t (x AND NOT (|x| ≤ t)): NaN compares false and ±Inf is above t,
 * so non-finite gradients and moments pass through as on the CPU and GPU optimizers (divergence looks
 * the same on every backend; the trainer sees it in the loss).
 * Returns null where WebAssembly SIMD or the memory import is unavailable (the caller falls back).
 */

/** The compiled kernel bound to one backend memory. */
// prettier-ignore
export type AdamKernel = (
  g: number, wOld: number, wNew: number, m: number, v: number, quads: number,
  beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, lrT: number, c2: number, epsilon: number,
) => void;

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A section: id, then its byte length and bytes. */
function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

// Opcodes used below.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const load = [...simd(0x00), 0x00, 0x00]; //  v128.load align=1 offset=0
const store = [...simd(0x0b), 0x00, 0x00]; // v128.store
const splat = simd(0x13); // f32x4.splat
const sqrt = simd(0xe3);
const add = simd(0xe4);
const sub = simd(0xe5);
const mul = simd(0xe6);
const div = simd(0xe7);
const i32add = [0x6a];
const abs = simd(0xe0); //  f32x4.abs
const le = simd(0x45); //   f32x4.le (all-ones lanes where a ≤ b; false for NaN)
const andnot = simd(0x4f); // v128.andnot: a AND NOT b

/** Gradients at most this in magnitude count as zero (see the header). */
export const G_FLUSH = 1e-16;
/** First and second moments at most this in magnitude are flushed to zero. */
export const MOMENT_FLUSH = 1e-30;

/** f32.const c: opcode then the little-endian float32 bytes. */
function f32const(c: number): number[] {
  return [0x43, ...new Uint8Array(new Float32Array([c]).buffer)];
}

/** The module's bytes; `shared` must match the imported memory (the threaded build's is shared). */
function moduleBytes(shared: boolean): Uint8Array {
  // Parameters 0..12 as in AdamKernel; locals 13 off, 14 end (i32); 15..26 v128.
  const [G, WO, WN, M, V, QUADS] = [0, 1, 2, 3, 4, 5];
  const [B1, OB1, B2, OB2, LR, C2, EPS] = [6, 7, 8, 9, 10, 11, 12];
  const [OFF, END] = [13, 14];
  const [vg, vm, vv, vb1, vob1, vb2, vob2, vlr, vc2, veps, vgmin, vtiny] = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26];
  // x AND NOT (|x| ≤ threshold): lanes at or under the threshold become +0; NaN (the compare is false) and ±Inf stay.
  const flush = (local: number, threshold: number) => [...get(local), ...get(local), ...abs, ...get(threshold), ...le, ...andnot];
  const at = (base: number) => [...get(base), ...get(OFF), ...i32add];
  // The instruction stream reads as WebAssembly, one operation group a line:
  // prettier-ignore
  const body = [
    ...[B1, OB1, B2, OB2, LR, C2, EPS].flatMap((p, k) => [...get(p), ...splat, ...set([vb1, vob1, vb2, vob2, vlr, vc2, veps][k])]),
    ...f32const(G_FLUSH), ...splat, ...set(vgmin),
    ...f32const(MOMENT_FLUSH), ...splat, ...set(vtiny),
    ...get(QUADS), 0x41, 4, 0x74, ...set(END), // end = quads << 4
    0x41, 0, ...set(OFF),
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(OFF), ...get(END), 0x4f, 0x0d, 1, // if off >= end: break
    ...at(G), ...load, ...set(vg), ...flush(vg, vgmin), ...set(vg),
    // m ← β1 m + (1−β1) g, flushed
    ...at(M), ...get(vb1), ...at(M), ...load, ...mul, ...get(vob1), ...get(vg), ...mul, ...add, ...set(vm), ...flush(vm, vtiny), ...tee(vm), ...store,
    // v ← β2 v + (1−β2) g², flushed
    ...at(V), ...get(vb2), ...at(V), ...load, ...mul, ...get(vob2), ...get(vg), ...get(vg), ...mul, ...mul, ...add, ...set(vv), ...flush(vv, vtiny), ...tee(vv), ...store,
    // wNew ← wOld − lr_t m / (√(v c2) + ε)
    ...at(WN), ...at(WO), ...load, ...get(vlr), ...get(vm), ...mul, ...get(vv), ...get(vc2), ...mul, ...sqrt, ...get(veps), ...add, ...div, ...sub, ...store,
    ...get(OFF), 0x41, 16, ...i32add, ...set(OFF),
    0x0c, 0, // continue
    0x0b, 0x0b, // end loop, end block
    0x0b, // end function
  ];
  const locals = [2, 2, I32, 12, V128];
  const code = [...locals, ...body];
  const params = [I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32];
  const limits = shared ? [0x03, 1, ...uleb(65536)] : [0x00, 1];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, ...uleb(params.length), ...params, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, ...limits]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('adam'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

/** Compiles the kernel against `memory` (the WASM backend's), or returns null if this runtime cannot. */
export function compileAdamKernel(memory: WebAssembly.Memory): AdamKernel | null {
  try {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new WebAssembly.Module(moduleBytes(shared) as BufferSource);
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    return instance.exports.adam as AdamKernel;
  } catch {
    return null;
  }
}
