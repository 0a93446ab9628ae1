/**
 * The HVAE's bars as an SVG string: a pure function of the three terms of −ELBO (eq. hvae-elbo-layers,
 * T = 2), so the build draws the static figure from the committed model's numbers and the page redraws
 * the live one with the same code. Each bar carries the data-term of its term in the equation, so
 * pointing at a bar or at the term lights up both. Colours come from CSS classes (the CSP forbids style
 * attributes).
 *
 *   Reconstruction  80.6  ██████████████████████         own axis: it is ~8× the KL terms,
 *                         0                   100 nats     which would shrink to slivers beside it
 *   Layer 1         12.7  ████████████
 *   Layer 2 (top)   10.5  ██████████                     one shared axis, so the two layers compare
 *                         0                    20 nats
 *
 * The figure's frame and row texts: src/islands/kit/bars.ts.
 */
import { BARS_LABEL, BARS_WIDTH, barsFigure, rowText } from '../kit/bars.ts';

/** The three terms of −ELBO in nats per digit (each ≥ 0 in expectation; a one-sample estimate may dip below). */
export interface HvaeBarTerms {
  /** −E[log p(x|z₁)]. */
  reconstruction: number;
  /** E[log q(z₁|x) − log p(z₁|z₂)]: the consistency term of layer 1. */
  klZ1: number;
  /** E[KL(q(z₂|z₁) ‖ p(z₂))]: the top layer's prior matching term. */
  klZ2: number;
}

/** The data-term of each bar: the names marked in eq. hvae-elbo-layers. */
export const BAR_TERMS = { reconstruction: 'hvae-reconstruction', klZ1: 'consistency', klZ2: 'top-prior-matching' } as const;

/** The bars' numbers from a metrics report's terms (named by BAR_TERMS), or null if one is missing or not finite. */
export function barTermsOf(terms: Record<string, number>): HvaeBarTerms | null {
  const t = { reconstruction: terms[BAR_TERMS.reconstruction], klZ1: terms[BAR_TERMS.klZ1], klZ2: terms[BAR_TERMS.klZ2] };
  return Object.values(t).every((v) => typeof v === 'number' && Number.isFinite(v)) ? t : null;
}

/** Below this many nats per digit the top layer is called collapsed: q(z₂|z₁) is nearly the prior for every digit. */
export const COLLAPSED_NATS = 0.5;

const VALUE = 46;
const RIGHT = 12;
const ROW = 26;
const BAR = 16;
const AXIS = 30;

/** One decimal, two below 1 nat (a collapsing layer), with a true minus sign. */
export const nats = (v: number): string => (Math.abs(v) < 1 ? v.toFixed(2) : v.toFixed(1)).replace('-', '−');

/** The smallest 1, 2 or 5 × 10ⁿ that is ≥ v and ≥ floor: the right end of an axis. */
export function niceMax(v: number, floor: number): number {
  const target = Math.max(v, floor);
  if (!Number.isFinite(target) || target <= 0) throw new Error(`niceMax: needs a positive finite value, got ${target}`);
  const p = 10 ** Math.floor(Math.log10(target));
  for (const m of [1, 2, 5, 10]) if (m * p >= target * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** The axes of the two groups: reconstruction on its own, the two layers' terms on one (at least 2 nats, so noise near 0 stays small). */
export function barAxes(t: HvaeBarTerms): { reconstruction: number; layers: number } {
  return { reconstruction: niceMax(Math.max(t.reconstruction, 0), 1), layers: niceMax(Math.max(t.klZ1, t.klZ2, 0), 2) };
}

/** Whether the top layer's term is below COLLAPSED_NATS. */
export const topCollapsed = (t: HvaeBarTerms): boolean => t.klZ2 < COLLAPSED_NATS;

/** One sentence with every number, for the figure's text alternative. */
export function barsSummary(t: HvaeBarTerms): string {
  const sum = t.reconstruction + t.klZ1 + t.klZ2;
  return (
    `−ELBO ${nats(sum)} nats per digit: reconstruction ${nats(t.reconstruction)}, layer 1 (consistency) ${nats(t.klZ1)}, ` +
    `layer 2 (top, KL to the prior) ${nats(t.klZ2)}` +
    (topCollapsed(t) ? '; the top layer has collapsed: its encoder step is almost the prior for every digit.' : '.')
  );
}

/** The SVG markup (role img, titled by the summary). */
export function barsSvg(t: HvaeBarTerms, titleId: string): string {
  const axes = barAxes(t);
  const x0 = BARS_LABEL + VALUE;
  const plotW = BARS_WIDTH - x0 - RIGHT;
  const out: string[] = [];
  let y = 6;
  const row = (name: string, key: keyof HvaeBarTerms, max: number) => {
    const term = BAR_TERMS[key];
    const v = t[key];
    const w = (Math.min(Math.max(v, 0), max) / max) * plotW;
    out.push(
      rowText({ y: y + BAR - 4, valueX: x0 - 6, name, value: nats(v), labelClass: `hv-label term-${term}`, valueClass: 'hv-value', term }),
      `<rect class="hv-bar term-${term}" data-term="${term}" x="${x0}" y="${y}" width="${Math.max(w, 1).toFixed(2)}" height="${BAR}" rx="2"/>`,
    );
    y += ROW;
  };
  const axis = (max: number) => {
    const ay = y - ROW + BAR + 6;
    out.push(
      `<line class="hv-axis" x1="${x0}" x2="${x0 + plotW}" y1="${ay}" y2="${ay}"/>`,
      `<text class="hv-tick" x="${x0}" y="${ay + 13}" text-anchor="start">0</text>`,
      `<text class="hv-tick" x="${x0 + plotW}" y="${ay + 13}" text-anchor="end">${max} nats</text>`,
    );
    y += AXIS - 4;
  };
  row('Reconstruction', 'reconstruction', axes.reconstruction);
  axis(axes.reconstruction);
  row('Layer 1', 'klZ1', axes.layers);
  row('Layer 2 (top)', 'klZ2', axes.layers);
  axis(axes.layers);
  return barsFigure('hv-bars', y, titleId, barsSummary(t), out.join(''));
}
