/**
 * What the forward-diffusion example draws, as SVG strings from pure functions (the build draws the
 * static figure, the page redraws the live one with the same code): the points x_t of a 2-D data set,
 * and the curves ᾱ_t and log SNR(t) over t with the current t marked.
 */
import { marginalCoefficients, qSampleHost } from '../../ml/diffusion/forwardHost.ts';
import type { Schedule } from '../../ml/diffusion/schedule.ts';
import { EXTENT } from './config.ts';

const fmt = (v: number, d = 2) => v.toFixed(d).replace('-', '−');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε for every point (eq. vdm-forward-marginal-reparam), with fixed ε per point. */
export function pointsAt(s: Schedule, x0: Float32Array, eps: Float32Array, t: number): Float32Array {
  const n = x0.length / 2;
  return qSampleHost(marginalCoefficients(s), x0, new Int32Array(n).fill(t), eps, 2);
}

/** The scatter of `xt` (pairs) in [−EXTENT, EXTENT]², one path of dots. */
export function scatterSvg(xt: Float32Array, titleId: string, title: string): string {
  const size = 240;
  const sc = (v: number) => ((v + EXTENT) / (2 * EXTENT)) * size;
  let d = '';
  for (let i = 0; i < xt.length; i += 2) {
    const x = xt[i];
    const y = xt[i + 1];
    if (Math.abs(x) > EXTENT || Math.abs(y) > EXTENT) continue;
    d += `M${sc(x).toFixed(1)} ${(size - sc(y)).toFixed(1)}h0`;
  }
  const mid = size / 2;
  return (
    `<svg class="fd-scatter" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-labelledby="${titleId}"><title id="${titleId}">${esc(title)}</title>` +
    `<rect class="fd-frame" x="0.5" y="0.5" width="${size - 1}" height="${size - 1}"/><line class="fd-axis" x1="0" x2="${size}" y1="${mid}" y2="${mid}"/><line class="fd-axis" x1="${mid}" x2="${mid}" y1="0" y2="${size}"/>` +
    `<path class="fd-points" d="${d}"/></svg>`
  );
}

/** A curve of `values` (index t = 0 … T) over t on [lo, hi], with t marked; finite values only. */
export function curveSvg(values: Float64Array, t: number, lo: number, hi: number, label: string, cls: string, titleId: string): string {
  const W = 240;
  const H = 96;
  const L = 34;
  const B = 18;
  const T = values.length - 1;
  const sx = (i: number) => L + (i / T) * (W - L - 4);
  const sy = (v: number) => 6 + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - B - 6);
  const step = Math.max(1, Math.floor(T / 200));
  let d = '';
  for (let i = 0; i <= T; i += step) if (Number.isFinite(values[i])) d += `${d ? 'L' : 'M'}${sx(i).toFixed(1)} ${sy(values[i]).toFixed(1)}`;
  const v = values[t];
  const mx = sx(t).toFixed(1);
  const marker = Number.isFinite(v) ? `<circle class="fd-dot" cx="${mx}" cy="${sy(v).toFixed(1)}" r="4"/>` : '';
  return (
    `<svg class="fd-curve ${cls}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${titleId}"><title id="${titleId}">${esc(`${label} over t = 0 … ${T}; at t = ${t}: ${Number.isFinite(v) ? fmt(v, 3) : '∞'}`)}</title>` +
    `<line class="fd-axis" x1="${L}" x2="${W - 4}" y1="${H - B}" y2="${H - B}"/><line class="fd-axis" x1="${L}" x2="${L}" y1="6" y2="${H - B}"/>` +
    `<text class="fd-tick" x="${L - 4}" y="10" text-anchor="end">${fmt(hi, 0)}</text><text class="fd-tick" x="${L - 4}" y="${H - B}" text-anchor="end">${fmt(lo, 0)}</text>` +
    `<text class="fd-tick" x="${L}" y="${H - 4}">0</text><text class="fd-tick" x="${W - 4}" y="${H - 4}" text-anchor="end">${T}</text>` +
    `<path class="fd-line" d="${d}"/><line class="fd-mark" x1="${mx}" x2="${mx}" y1="6" y2="${H - B}"/>${marker}</svg>`
  );
}

/** log SNR(t) = log(ᾱ_t / (1 − ᾱ_t)) for every t (+∞ at t = 0). */
export const logSnr = (s: Schedule): Float64Array => s.snr.map(Math.log);
