/** The forward-diffusion example's words and table cells, pure (the build and the page share them). */
import type { Comparison } from './compare.ts';
import type { DigitComparison } from './compareDigit.ts';

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

/** The comparison table's row keys (data-stat prefixes) and their headers, for a 2-D point and for a digit. */
export type RowKey = 'mean1' | 'mean2' | 'var1' | 'var2';
export const POINT_ROWS: Record<RowKey, string> = { mean1: 'Mean of x₁', mean2: 'Mean of x₂', var1: 'Variance of x₁', var2: 'Variance of x₂' };
export const DIGIT_ROWS: Record<RowKey, string> = {
  mean1: 'Mean, pixel average',
  mean2: 'Pixel means: RMS z vs closed form',
  var1: 'Variance, pixel average',
  var2: 'Pixel variances: RMS z vs closed form',
};

/** The table's caption for the 2-D point x_0. */
export const pointCaption = (x0: readonly [number, number], draws: number): string =>
  `x_t from x_0 = (${x0[0]}, ${x0[1]}): ${draws} draws in one step, ${draws} through the chain`;
/** The table's caption for a test digit. */
export const digitCaption = (label: string, draws: number): string =>
  `x_t from test digit ${label}: ${draws} draws of all 784 pixels in one step, ${draws} through the chain`;

/** Cell text by data-stat key for a digit's comparison ("–" before one is drawn). */
export function digitComparisonCells(c: DigitComparison | null): Record<string, string> {
  const z = (v: number) => v.toFixed(2);
  const out: Record<string, string> = {
    'mean1-exact': c ? f(c.exact.mean) : '–',
    'mean1-one': c ? f(c.oneStep.mean) : '–',
    'mean1-chain': c ? f(c.chain.mean) : '–',
    'var1-exact': c ? f(c.exact.variance) : '–',
    'var1-one': c ? f(c.oneStep.variance) : '–',
    'var1-chain': c ? f(c.chain.variance) : '–',
    // What an RMS of standard-normal z is: the closed form's column says what to expect.
    'mean2-exact': c ? '≈ 1' : '–',
    'mean2-one': c ? z(c.vsExact.oneStep.mean) : '–',
    'mean2-chain': c ? z(c.vsExact.chain.mean) : '–',
    'var2-exact': c ? '≈ 1' : '–',
    'var2-one': c ? z(c.vsExact.oneStep.variance) : '–',
    'var2-chain': c ? z(c.vsExact.chain.variance) : '–',
  };
  out.agreement = c
    ? `RMS z over ${c.pixels} pixels ${z(c.between.mean)} for the means and ${z(c.between.variance)} for the variances, about 1 when the two agree (t = ${c.t}, ${c.draws} draws each)`
    : 'Press Compare';
  return out;
}
