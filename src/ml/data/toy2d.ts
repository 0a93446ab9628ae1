/**
 * Seeded 2-D toy data sets for the diffusion examples. Each `sample(n, seed)` returns n points as a
 * Float32Array [n · 2] laid out [x_0, y_0, x_1, y_1, …]; the same (n, seed) always gives the same points.
 */
import { fillNormal, mulberry32, type Uniform } from '../random.ts';

/** Names of the toy sets. */
export type Toy2dName = 'eightGaussians' | 'twoMoons' | 'swissRoll' | 'checkerboard';

/** A seeded sampler of 2-D points. */
export interface Toy2d {
  name: Toy2dName;
  /** n points, [n · 2], reproducible from `seed`. */
  sample(n: number, seed: number): Float32Array;
}

/** Standard normal draws from a uniform generator, one at a time (buffered pairs from Box–Muller). */
function normals(u: Uniform): () => number {
  const pair = new Float32Array(2);
  let i = 2;
  return () => {
    if (i === 2) {
      fillNormal(pair, u);
      i = 0;
    }
    return pair[i++];
  };
}

/** Eight Gaussians (std 0.1) with centres evenly spaced on the circle of radius 2, equal weights. */
export function eightGaussians(n: number, seed: number, radius = 2, std = 0.1): Float32Array {
  const u = mulberry32(seed);
  const z = normals(u);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const angle = (Math.floor(u() * 8) * Math.PI) / 4;
    out[2 * i] = radius * Math.cos(angle) + std * z();
    out[2 * i + 1] = radius * Math.sin(angle) + std * z();
  }
  return out;
}

/**
 * Two interleaved half circles (the "moons" of scikit-learn's make_moons): the upper moon
 * (cos θ, sin θ) and the lower (1 − cos θ, 1/2 − sin θ), θ ~ U[0, π], plus N(0, noise²) jitter.
 */
export function twoMoons(n: number, seed: number, noise = 0.1): Float32Array {
  const u = mulberry32(seed);
  const z = normals(u);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const theta = Math.PI * u();
    const upper = u() < 0.5;
    out[2 * i] = (upper ? Math.cos(theta) : 1 - Math.cos(theta)) + noise * z();
    out[2 * i + 1] = (upper ? Math.sin(theta) : 0.5 - Math.sin(theta)) + noise * z();
  }
  return out;
}

/**
 * A 2-D Swiss roll: s ~ U[1.5π, 4.5π], point (s cos s, s sin s)/5 plus N(0, noise²) jitter; the
 * division by 5 keeps it within about ±3, the scale of the other sets.
 */
export function swissRoll(n: number, seed: number, noise = 0.1): Float32Array {
  const u = mulberry32(seed);
  const z = normals(u);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const s = 1.5 * Math.PI * (1 + 2 * u());
    out[2 * i] = (s * Math.cos(s)) / 5 + noise * z();
    out[2 * i + 1] = (s * Math.sin(s)) / 5 + noise * z();
  }
  return out;
}

/**
 * A 4 × 4 checkerboard on [−4, 4]² with uniform density on its 8 dark squares (side 2): a square
 * (column i, row j) is dark when i + j is even, counting from the lower left.
 */
export function checkerboard(n: number, seed: number): Float32Array {
  const u = mulberry32(seed);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const square = Math.floor(u() * 8); // which of the 8 dark squares
    const row = Math.floor(square / 2);
    const col = 2 * (square % 2) + (row % 2); // columns 0,2 on even rows, 1,3 on odd rows
    out[2 * i] = -4 + 2 * (col + u());
    out[2 * i + 1] = -4 + 2 * (row + u());
  }
  return out;
}

/** Every toy set by name. */
export const toy2dSets: Record<Toy2dName, Toy2d> = {
  eightGaussians: { name: 'eightGaussians', sample: (n, seed) => eightGaussians(n, seed) },
  twoMoons: { name: 'twoMoons', sample: (n, seed) => twoMoons(n, seed) },
  swissRoll: { name: 'swissRoll', sample: (n, seed) => swissRoll(n, seed) },
  checkerboard: { name: 'checkerboard', sample: (n, seed) => checkerboard(n, seed) },
};
