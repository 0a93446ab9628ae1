/**
 * The text twin of a chart (chart.ts): one sentence per series that a screen reader reads instead of
 * the drawing. Pure, no DOM.
 */
import { formatNumber } from './chartScales.ts';

/** What a series' sentence needs. */
export interface SeriesFacts {
  label: string;
  /** The equation the series' term comes from, e.g. "2.4". */
  equation?: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  length: number;
}

/** "Reconstruction (eq. 2.4): 120 points; latest 165.2 at step 1,200; lowest 160.1, highest 543." */
export function summarizeSeries(s: SeriesFacts, xLabel: string): string {
  const name = s.equation ? `${s.label} (eq. ${s.equation})` : s.label;
  let [lo, hi] = [Infinity, -Infinity];
  for (let i = 0; i < s.length; i++) {
    if (s.ys[i] < lo) lo = s.ys[i];
    if (s.ys[i] > hi) hi = s.ys[i];
  }
  if (s.length === 0 || lo === Infinity) return `${name}: no data yet.`;
  const last = s.length - 1;
  const count = s.length === 1 ? '1 point' : `${s.length.toLocaleString('en')} points`;
  return `${name}: ${count}; latest ${formatNumber(s.ys[last])} at ${xLabel} ${formatNumber(s.xs[last])}; lowest ${formatNumber(lo)}, highest ${formatNumber(hi)}.`;
}
