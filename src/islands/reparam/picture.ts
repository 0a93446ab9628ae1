/**
 * What the gradient-variance example shows for one μ and the first n of its draws: both estimators'
 * estimates, the shared histogram range, the sample variances so far and the chapter's closed forms,
 * and the sentence that says it all in words (the text alternative). Pure: the build and the page
 * both call it.
 */
import { runningVariances, z2GradientEstimates, z2GradientVariances, type GradientEstimates } from '../../ml/math/gradientEstimators.ts';
import { BINS, RANGE_SDS } from './config.ts';
import { histogramsSvg } from './histograms.ts';

export interface Picture {
  estimates: GradientEstimates;
  exact: { reparam: number; score: number; mean: number };
  /** Sample variances of the first n estimates. */
  sample: { reparam: number; score: number };
  lo: number;
  hi: number;
  n: number;
}

/** The picture for mean `mu`, draws `eps` and the first `n` of them (n ≥ 2). */
export function picture(mu: number, eps: Float64Array, n: number): Picture {
  const estimates = z2GradientEstimates(mu, eps);
  const exact = z2GradientVariances(mu);
  const half = RANGE_SDS * Math.sqrt(exact.score);
  const [score] = runningVariances(estimates.score, [n]);
  const [reparam] = runningVariances(estimates.reparam, [n]);
  return { estimates, exact, sample: { score, reparam }, lo: exact.mean - half, hi: exact.mean + half, n };
}

const v = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

/** One sentence with every number (the figure's text alternative and the live summary). */
export function pictureSummary(mu: number, p: Picture): string {
  return (
    `μ = ${mu.toFixed(1)}, ${p.n.toLocaleString('en')} draws: score-function estimates have sample variance ${v(p.sample.score)} (closed form ${v(p.exact.score)}), ` +
    `reparameterized ones ${v(p.sample.reparam)} (closed form ${v(p.exact.reparam)}); both average to the true gradient 2μ = ${(2 * mu).toFixed(1)}.`
  );
}

/** The two histograms as SVG. */
export function pictureSvg(mu: number, p: Picture, titleId: string): string {
  return histogramsSvg(
    [
      { label: 'Score function, f(z)·∂μ log q(z)', term: 'score-function', values: p.estimates.score },
      { label: 'Reparameterized, f′(μ + ε)', term: 'pathwise', values: p.estimates.reparam },
    ],
    p.n,
    p.lo,
    p.hi,
    BINS,
    p.exact.mean,
    titleId,
    pictureSummary(mu, p),
  );
}
