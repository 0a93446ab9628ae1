/**
 * The test digit of the forward-diffusion example: fetched once (the shipped MNIST test digits,
 * length and checksum checked against public/data/mnist.json), scaled to x_0 in [−1, 1] as image
 * diffusion models take it, and x_t drawn as greys (ink dark, like the chapter's other digits).
 * No TF.js: mnistAssets.ts has the check without it.
 */
import { verifyAsset, type MnistManifest } from '../../ml/data/mnistAssets.ts';

/** Pixels of one digit (28 × 28). */
export const DIGIT_PIXELS = 784;
/** Side of the digit in pixels. */
export const DIGIT_SIDE = 28;

/** x_0 of test digit `index`: intensity p ∈ 0…255 becomes 2p/255 − 1 (background −1, ink +1). */
export function digitX0(images: Uint8Array, index: number): Float32Array {
  const count = Math.floor(images.length / DIGIT_PIXELS);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`test digit ${index} is not among the ${count} shipped`);
  const x0 = new Float32Array(DIGIT_PIXELS);
  for (let i = 0; i < DIGIT_PIXELS; i++) x0[i] = (2 * images[index * DIGIT_PIXELS + i]) / 255 - 1;
  return x0;
}

/** x_t as RGBA for a 28×28 canvas: v ∈ [−1, 1] (clipped) → grey 255·(1 − (v + 1)/2), so x_0 shows as the digit. */
export function digitRgba(xt: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(4 * xt.length);
  for (let i = 0; i < xt.length; i++) {
    const p = (Math.min(1, Math.max(-1, xt[i])) + 1) / 2;
    const g = Math.round(255 * (1 - p));
    out[4 * i] = g;
    out[4 * i + 1] = g;
    out[4 * i + 2] = g;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** The canvas's text alternative. */
export const digitTitle = (label: string, t: number, alphaBar: number): string =>
  `Test digit ${label}: x_t at t = ${t} (ᾱ_t = ${alphaBar.toFixed(3)}): ${t === 0 ? 'the digit itself' : alphaBar < 0.01 ? 'almost pure noise, the digit gone' : 'the digit faded toward grey and covered in noise'}.`;

/**
 * The shipped test digits' bytes, checked against the manifest; `base` is the site's base path. One
 * fetch per page: the promise is kept (and dropped on failure, so a retry can fetch again).
 */
export function testDigitLoader(base: string, fetchFn: typeof fetch = fetch): () => Promise<Uint8Array> {
  let pending: Promise<Uint8Array> | null = null;
  const get = async (path: string) => {
    const r = await fetchFn(`${base}${path}`);
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r;
  };
  const load = async () => {
    const manifest = (await (await get('data/mnist.json')).json()) as MnistManifest;
    const file = manifest.files.testImages;
    return verifyAsset(file, new Uint8Array(await (await get(`data/${file.path}`)).arrayBuffer()));
  };
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}
