/**
 * Scales and ticks of the example charts (chart.ts). Pure functions of numbers, no DOM.
 * A scale maps a data interval onto a pixel interval, linearly or by log10 (for losses that fall by
 * orders of magnitude); ticks are "nice" values inside the interval: 1, 2 or 5 times a power of ten.
 */

/** A data → pixel mapping. */
export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly log: boolean;
}

/** Linear scale from `domain` onto `range` (a degenerate domain maps to the range's middle). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = (v: number) => (k === 0 ? (r0 + r1) / 2 : r0 + (v - d0) * k);
  return Object.assign(f, { domain, log: false });
}

/** log10 scale from a positive `domain` onto `range`; values ≤ 0 map to NaN (not drawable). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  if (!(domain[0] > 0 && domain[1] > 0)) throw new Error(`logScale: the domain must be positive, got [${domain.join(', ')}]`);
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const f = (v: number) => (v > 0 ? inner(Math.log10(v)) : NaN);
  return Object.assign(f, { domain, log: true });
}

/** The step between nice ticks for about `count` ticks over [min, max]: 1, 2 or 5 × 10^k, the one nearest to the exact step. */
export function tickStep(min: number, max: number, count: number): number {
  const raw = Math.abs(max - min) / Math.max(1, count);
  if (raw === 0 || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  // The nice multiplier nearest to m on a log scale (thresholds at the geometric means, as d3 does).
  return (m >= Math.sqrt(50) ? 10 : m >= Math.sqrt(10) ? 5 : m >= Math.sqrt(2) ? 2 : 1) * power;
}

/** Nice linear ticks inside [min, max], about `count` of them, in increasing order. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const step = tickStep(min, max, count);
  // A small tolerance keeps an end that is itself a tick (0.35 / 0.05 = 6.999…).
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  // Integer multiples of step, rounded to the step's decimals so 0.1·3 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** Log ticks inside [min, max] (positive): powers of ten, with 2× and 5× added when fewer than three decades are spanned. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max > 0)) throw new Error(`logTicks: the interval must be positive, got [${min}, ${max}]`);
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const mantissas = hi - lo < 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let p = lo; p <= hi; p++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** p).toPrecision(12));
      if (v >= min && v <= max) ticks.push(v);
    }
  }
  return ticks.length > 0 ? ticks : [min, max];
}

/** The interval to draw: [min, max] of the data, widened by `pad` (a fraction) on a linear axis or to quarter decades on a log axis. */
export function paddedDomain(min: number, max: number, log: boolean, pad = 0.05): [number, number] {
  // Log: out to the nearest quarter decade, so the curve never touches the frame.
  if (log) return [10 ** (Math.floor(Math.log10(min) * 4) / 4), 10 ** (Math.ceil(Math.log10(max) * 4) / 4)];
  if (min === max) return [min - 1, max + 1];
  const d = (max - min) * pad;
  return [min - d, max + d];
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

/** A short tick or readout label: "1.2K", "180", "0.05", "1e-4". */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 10_000) return compact.format(v);
  if (a < 0.001) return v.toExponential(0).replace('e-', 'e−').replace('-', '−');
  return plain.format(v).replace('-', '−');
}
