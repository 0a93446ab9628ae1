/**
 * Seeded pseudo-random numbers for everything random in src/ml.
 * Nothing here (or anywhere in src/ml) calls Math.random: every run is reproducible from its seed.
 */

/** A uniform generator on [0, 1): mulberry32, a 32-bit state PRNG (fast, good enough for ML noise). */
export type Uniform = () => number;

/** Creates a uniform [0, 1) generator from an integer seed. */
export function mulberry32(seed: number): Uniform {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `out` with standard normal draws (Box–Muller on the given uniform generator). */
export function fillNormal(out: Float32Array, uniform: Uniform): Float32Array {
  for (let i = 0; i < out.length; i += 2) {
    // 1 - u keeps the log argument in (0, 1], never log(0).
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(theta);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

/** Derives an independent child seed from a seed and a stream number (splitmix-style hash). */
export function deriveSeed(seed: number, stream: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(stream >>> 0, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
