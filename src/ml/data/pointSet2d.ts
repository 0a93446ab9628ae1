/**
 * A 2-D data set given by its points (the reader's drawing): each draw picks one of them uniformly
 * and adds N(0, jitter²) to each coordinate, so a network trained on a few hundred points learns a
 * smooth density around them instead of a sum of spikes. Seeded like the toy sets (toy2d.ts).
 */
import { deriveSeed, fillNormal, mulberry32 } from '../random.ts';

/** A sampler over flat points [x0, y0, x1, y1, …]. */
export interface PointSet2d {
  /** n draws, [n · 2], reproducible from `seed`. */
  sample(n: number, seed: number): Float32Array;
}

/** The sampler; throws when there are no points (there is nothing to learn). */
export function pointSet2d(points: Float32Array, jitter = 0.03): PointSet2d {
  const count = Math.floor(points.length / 2);
  return {
    sample(n, seed) {
      if (count === 0) throw new Error('The drawn data set is empty: draw some points first.');
      const u = mulberry32(seed);
      const out = fillNormal(new Float32Array(n * 2), mulberry32(deriveSeed(seed, 1)));
      for (let i = 0; i < n; i++) {
        const k = Math.min(count - 1, Math.floor(u() * count));
        out[2 * i] = points[2 * k] + jitter * out[2 * i];
        out[2 * i + 1] = points[2 * k + 1] + jitter * out[2 * i + 1];
      }
      return out;
    },
  };
}
