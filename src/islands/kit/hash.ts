/**
 * The run receipt's fingerprint of a model: SHA-256 over its weights' bytes (float32, little-endian,
 * variables in the model's order), first 12 hex digits. Same backend, settings and seed ⇒ same bytes
 * ⇒ same hash. Web Crypto exists in Workers, browsers and Node, so the same function runs everywhere.
 */
import type * as tf from '@tensorflow/tfjs';

/** Hex digits of the receipt hash. */
export const HASH_DIGITS = 12;

/** SHA-256 of the chunks in order, as `digits` lowercase hex digits. */
export async function sha256Hex(chunks: readonly Uint8Array[], digits = HASH_DIGITS): Promise<string> {
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, digits);
}

/** The receipt hash of a model's variables (one readback per variable). */
export async function weightsHash(variables: readonly tf.Variable[]): Promise<string> {
  const values = await Promise.all(variables.map((v) => v.data()));
  return sha256Hex(values.map((a) => new Uint8Array(a.buffer as ArrayBuffer, a.byteOffset, a.byteLength)));
}
