/**
 * The ELBO-gap bars as an SVG string: a pure function of the numbers, so the build renders the static
 * figure (no JavaScript) and the page redraws the live one with the same code. Each bar carries the
 * data-term of its term in eq. elbo-kl-decomposition (evidence, elbo, kl-gap), so pointing at a bar or
 * at the term lights up both. Colours come from CSS classes (no style attributes: the CSP forbids them).
 *
 *   log p(x) ────────────────■ 0        bars grow leftwards from 0 nats (all three values are ≤ 0
 *   ELBO     ──────────────────────■     except the gap); the KL gap is drawn where it lives: between
 *   KL gap              ▮▮▮               the ELBO and log p(x); L_k is a dot at its mean with ±1 sd.
 *   L_k                   ●─┤
 *
 * The figure's frame and row texts: src/islands/kit/bars.ts.
 */
import type { ElboGapValues, IwSpread } from '../../ml/math/elboToy.ts';
import { BARS_LABEL, BARS_WIDTH, barsFigure, rowText } from '../kit/bars.ts';

/** What the picture shows. */
export interface BarsInput {
  values: ElboGapValues;
  iw: Pick<IwSpread, 'mean' | 'sd'>;
  k: number;
  /** Left end of the nats axis (its right end is 0). */
  axisMin: number;
}

const W = BARS_WIDTH;
const LABEL = BARS_LABEL;
const RIGHT = 14;
const ROW = 34;
const TOP = 8;
const BAR = 18;

/** Three decimals with a true minus sign, and "0.000" for a gap that rounds to zero (never "−0.000"). */
export const nats = (v: number): string => (Math.abs(v) < 0.0005 ? '0.000' : v.toFixed(3).replace('-', '−'));

/** One sentence with every number, for the figure's text alternative. */
export function barsSummary(input: BarsInput): string {
  const { values, iw, k } = input;
  return (
    `log p(x) = ${nats(values.logEvidence)} nats; ELBO = ${nats(values.elbo)}; KL gap = ${nats(values.gap)}` +
    `${Math.abs(values.gap) < 0.0005 ? ' (q is the true posterior: the bound is tight)' : ''}; ` +
    `importance-weighted bound with k = ${k}: ${nats(iw.mean)} ± ${nats(iw.sd).replace('−', '')}.`
  );
}

/** The SVG markup (role img, with a title naming every number). */
export function barsSvg(input: BarsInput, titleId: string): string {
  const { values, iw, k, axisMin } = input;
  const plotW = W - LABEL - RIGHT;
  const sx = (v: number) => LABEL + ((Math.min(0, Math.max(axisMin, v)) - axisMin) / -axisMin) * plotW;
  const clipped = (v: number) => v < axisMin;
  const rows: string[] = [];
  const y = (i: number) => TOP + i * ROW;
  const label = (i: number, name: string, value: string, term?: string) =>
    rowText({ y: y(i) + BAR - 5, valueX: LABEL - 6, name, value, labelClass: 'eg-label', valueClass: 'eg-value', term });
  const bar = (i: number, from: number, to: number, cls: string, term: string) => {
    const x0 = Math.min(sx(from), sx(to));
    const w = Math.max(Math.abs(sx(to) - sx(from)), 1);
    return `<rect class="eg-bar ${cls} term-${term}" data-term="${term}" x="${x0.toFixed(2)}" y="${y(i)}" width="${w.toFixed(2)}" height="${BAR}" rx="2"/>`;
  };
  const arrow = (i: number) => `<text class="eg-clip" x="${LABEL + 2}" y="${y(i) + BAR - 5}">◀</text>`;

  rows.push(label(0, 'log p(x)', nats(values.logEvidence), 'evidence'), bar(0, values.logEvidence, 0, 'eg-evidence', 'evidence'));
  rows.push(label(1, 'ELBO', nats(values.elbo), 'elbo'), bar(1, values.elbo, 0, 'eg-elbo', 'elbo'));
  if (clipped(values.elbo)) rows.push(arrow(1));
  rows.push(label(2, 'KL gap', nats(values.gap), 'kl-gap'));
  if (values.gap >= 0.0005) rows.push(bar(2, values.elbo, values.logEvidence, 'eg-gap', 'kl-gap'));
  if (clipped(values.elbo)) rows.push(arrow(2));
  // L_k: its mean as a dot, ±1 sd as a whisker.
  const cy = y(3) + BAR / 2;
  rows.push(label(3, `L_k, k = ${k}`, nats(iw.mean)));
  rows.push(
    `<line class="eg-whisker" x1="${sx(iw.mean - iw.sd).toFixed(2)}" x2="${sx(iw.mean + iw.sd).toFixed(2)}" y1="${cy}" y2="${cy}"/>`,
    `<circle class="eg-iw" cx="${sx(iw.mean).toFixed(2)}" cy="${cy}" r="5"/>`,
  );
  if (clipped(iw.mean)) rows.push(arrow(3));
  // log p(x) as a dashed rule through every row: every bound stays left of it.
  const bottom = y(4) - 6;
  const rx = sx(values.logEvidence).toFixed(2);
  rows.push(`<line class="eg-rule" x1="${rx}" x2="${rx}" y1="${TOP - 4}" y2="${bottom}"/>`);
  // The nats axis with ticks every 2.
  const ticks: string[] = [`<line class="eg-axis" x1="${LABEL}" x2="${W - RIGHT}" y1="${bottom}" y2="${bottom}"/>`];
  for (let t = Math.ceil(axisMin / 2) * 2; t <= 0; t += 2) {
    const tx = sx(t).toFixed(2);
    ticks.push(
      `<line class="eg-axis" x1="${tx}" x2="${tx}" y1="${bottom}" y2="${bottom + 4}"/>`,
      `<text class="eg-tick" x="${tx}" y="${bottom + 16}" text-anchor="middle">${t === 0 ? '0' : `−${-t}`}</text>`,
    );
  }
  ticks.push(`<text class="eg-tick" x="${W - RIGHT}" y="${bottom + 30}" text-anchor="end">nats</text>`);
  return barsFigure('eg-bars', bottom + 36, titleId, barsSummary(input), rows.join('') + ticks.join(''));
}
