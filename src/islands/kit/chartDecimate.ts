/**
 * Thins a long series for drawing without losing its shape (chart.ts). Pure, no DOM.
 * Min–max decimation: the x range is cut into `buckets` equal slices, and each slice keeps its first
 * point, its lowest and highest points and its last point, in x order. Spikes (a divergence) survive,
 * which averaging would hide, and the first and last points of the series are always kept.
 */

/** Points (x, y) as parallel arrays of equal length. */
export interface Points {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  length: number;
}

/** Indices of the points to draw: all of them if there are at most 4·buckets, else min–max per bucket. */
export function decimate(points: Points, buckets: number): number[] {
  const n = points.length;
  if (!(Number.isInteger(buckets) && buckets > 0)) throw new Error(`decimate: buckets must be a positive integer, got ${buckets}`);
  if (n <= 4 * buckets) return Array.from({ length: n }, (_, i) => i);
  const { xs, ys } = points;
  const x0 = xs[0];
  const width = (xs[n - 1] - x0) / buckets || 1;
  const keep: number[] = [];
  let i = 0;
  while (i < n) {
    const bucket = Math.min(buckets - 1, Math.floor((xs[i] - x0) / width));
    let [lo, hi, last] = [i, i, i];
    const first = i;
    for (i = i + 1; i < n && Math.min(buckets - 1, Math.floor((xs[i] - x0) / width)) === bucket; i++) {
      if (ys[i] < ys[lo] || Number.isNaN(ys[lo])) lo = i;
      if (ys[i] > ys[hi] || Number.isNaN(ys[hi])) hi = i;
      last = i;
    }
    for (const k of [...new Set([first, lo, hi, last])].sort((a, b) => a - b)) keep.push(k);
  }
  return keep;
}
