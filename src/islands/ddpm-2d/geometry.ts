/**
 * Pure geometry shared by the server-rendered preview (an SVG) and the live canvas: data space
 * [−extent, extent]² onto a square of `size` pixels, y up.
 */

/** Maps a data point to pixel coordinates in a size×size square. */
export function toPixel(x: number, y: number, size: number, extent: number): [number, number] {
  const s = size / (2 * extent);
  return [(x + extent) * s, (extent - y) * s];
}

/** The points of a flat [x0, y0, x1, y1, …] array that fall inside the square, in pixels (rounded to 0.1). */
export function pixelPoints(flat: ArrayLike<number>, size: number, extent: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [px, py] = toPixel(flat[i], flat[i + 1], size, extent);
    if (px >= 0 && px <= size && py >= 0 && py <= size) out.push([Math.round(px * 10) / 10, Math.round(py * 10) / 10]);
  }
  return out;
}

/** An SVG polyline `points` attribute for a loss curve [[step, loss], …] in a w×h box (log-scaled loss). */
export function curvePoints(curve: readonly (readonly [number, number])[], w: number, h: number, maxStep: number): string {
  const logs = curve.map(([, l]) => Math.log(Math.max(l, 1e-6)));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const span = hi - lo || 1;
  return curve.map(([step], i) => `${((step / maxStep) * w).toFixed(1)},${(h - ((logs[i] - lo) / span) * h).toFixed(1)}`).join(' ');
}

/**
 * One SVG path that draws a dot at each point (a zero-length segment with round caps): a few bytes a
 * point where a <circle> element takes fifty, so the preview's hundreds of points stay light.
 */
export function dotsPath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y]) => `M${x} ${y}h0`).join('');
}

/** The data point under pixel (px, py) of a size×size square (the inverse of toPixel). */
export function fromPixel(px: number, py: number, size: number, extent: number): [number, number] {
  const s = (2 * extent) / size;
  return [px * s - extent, extent - py * s];
}

/** One tick of the plot's axes: its value (on both axes) and whether it is labelled. */
export interface AxisTick {
  value: number;
  labelled: boolean;
}

/** Ticks at the whole numbers inside (−extent, extent) other than 0, every `labelEvery`-th labelled. */
export function axisTicks(extent: number, labelEvery = 2): AxisTick[] {
  const ticks: AxisTick[] = [];
  for (let v = Math.ceil(-extent); v <= Math.floor(extent); v++) {
    if (v !== 0 && Math.abs(v) < extent) ticks.push({ value: v, labelled: v % labelEvery === 0 });
  }
  return ticks;
}

/** A tick's label: a real minus sign for negatives. */
export const tickLabel = (v: number): string => (v < 0 ? `−${-v}` : String(v));
