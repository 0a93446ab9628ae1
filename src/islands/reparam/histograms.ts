/**
 * Two histograms of gradient estimates on one shared x axis, as an SVG string (a pure function, so
 * the build draws the static figure and the page redraws the live one with the same code). The true
 * gradient 2μ is a rule through both; each estimator's bars carry its term (data-term) of the chapter's
 * equations, so pointing at one lights up the other.
 */
import { histogram } from '../../ml/math/gradientEstimators.ts';

/** One histogram's data. */
export interface HistogramPanel {
  label: string;
  term: string;
  values: Float64Array;
}

const W = 360;
const PANEL_H = 92;
const LEFT = 8;
const RIGHT = 8;
const GAP = 30;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)).replace('-', '−');

/** The SVG of `panels` stacked, each the first `n` values in `bins` bins over [lo, hi]. */
export function histogramsSvg(
  panels: HistogramPanel[],
  n: number,
  lo: number,
  hi: number,
  bins: number,
  truth: number,
  titleId: string,
  title: string,
): string {
  const plotW = W - LEFT - RIGHT;
  const sx = (v: number) => LEFT + ((v - lo) / (hi - lo)) * plotW;
  const parts: string[] = [];
  panels.forEach((p, k) => {
    const top = k * (PANEL_H + GAP) + 16;
    const h = histogram(p.values, n, lo, hi, bins);
    const max = Math.max(1, ...h.counts);
    const bw = plotW / bins;
    const outside = h.below + h.above;
    parts.push(
      `<text class="rp-label" data-term="${p.term}" x="${LEFT}" y="${top - 4}">${esc(p.label)}${outside ? ` (${outside} of ${n} off the axis)` : ''}</text>`,
    );
    const rects: string[] = [];
    for (let b = 0; b < bins; b++) {
      if (!h.counts[b]) continue;
      const bh = (h.counts[b] / max) * PANEL_H;
      rects.push(
        `<rect x="${(LEFT + b * bw).toFixed(2)}" y="${(top + PANEL_H - bh).toFixed(2)}" width="${Math.max(bw - 1, 0.5).toFixed(2)}" height="${bh.toFixed(2)}"/>`,
      );
    }
    parts.push(`<g class="rp-hist term-${p.term}" data-term="${p.term}">${rects.join('')}</g>`);
    parts.push(`<line class="rp-axis" x1="${LEFT}" x2="${W - RIGHT}" y1="${top + PANEL_H}" y2="${top + PANEL_H}"/>`);
  });
  const bottom = panels.length * (PANEL_H + GAP) + 16 - GAP + 2;
  const tx = sx(truth).toFixed(2);
  parts.push(`<line class="rp-truth" x1="${tx}" x2="${tx}" y1="8" y2="${bottom}"/>`);
  parts.push(`<text class="rp-tick" x="${tx}" y="${bottom + 14}" text-anchor="middle">2μ = ${fmt(truth)}</text>`);
  parts.push(
    `<text class="rp-tick" x="${LEFT}" y="${bottom + 14}">${fmt(lo)}</text>`,
    `<text class="rp-tick" x="${W - RIGHT}" y="${bottom + 14}" text-anchor="end">${fmt(hi)}</text>`,
  );
  const height = bottom + 22;
  return `<svg class="rp-hists" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${titleId}"><title id="${titleId}">${esc(title)}</title>${parts.join('')}</svg>`;
}
