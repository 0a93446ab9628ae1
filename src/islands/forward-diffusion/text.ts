/** The forward-diffusion example's words and table cells, pure (the build and the page share them). */
import type { Comparison } from './compare.ts';

const f = (v: number) => v.toFixed(3).replace('-', '−');

/** The scatter's text alternative. */
export const scatterTitle = (dataset: string, t: number, alphaBar: number): string =>
  `${dataset}: 600 points x_t at t = ${t} (ᾱ_t = ${alphaBar.toFixed(3)}): ${t === 0 ? 'the data itself' : alphaBar < 0.01 ? 'almost pure noise, a standard Gaussian blob' : 'the data shrunk toward 0 and blurred by noise'}.`;

/** Cell text by data-stat key for the comparison table ("–" before a comparison is drawn). */
export function comparisonCells(c: Comparison | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [row, pick] of [
    ['mean1', (m: Comparison['exact']) => m.mean[0]],
    ['mean2', (m: Comparison['exact']) => m.mean[1]],
    ['var1', (m: Comparison['exact']) => m.variance[0]],
    ['var2', (m: Comparison['exact']) => m.variance[1]],
  ] as const) {
    out[`${row}-exact`] = c ? f(pick(c.exact)) : '–';
    out[`${row}-one`] = c ? f(pick(c.oneStep)) : '–';
    out[`${row}-chain`] = c ? f(pick(c.chain)) : '–';
  }
  out.agreement = c ? `${c.maxZ.toFixed(1)} standard errors at most (t = ${c.t}, ${c.draws} draws each)` : 'Press Compare';
  return out;
}
