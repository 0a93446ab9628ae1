/**
 * The page side of the live HVAE example (chapter 2) on the kit: bars of the three terms of −ELBO on
 * the held-out digits (redrawn at every evaluation, with their sentence as the text twin), the curves of
 * those terms over the steps for the training batches and the held-out digits, all tied by name to the
 * terms of eq. hvae-elbo-layers, 8 reconstructions beside their originals and 16 samples. No model code.
 */
import type { ExampleDefinition } from '../kit/view.ts';
import type { ChartSeries } from '../kit/chart.ts';
import { createTermCharts, mnistIdleText } from '../kit/termCharts.ts';
import { part } from '../shared/canvas.ts';
import { drawDigits } from '../shared/digitCanvas.ts';
import { originalsOverReconstructions } from '../shared/digits.ts';
import { BAR_TERMS, barsSummary, barsSvg, barTermsOf } from './bars.ts';
import { EXAMPLE_ID, HELD_OUT, PRETRAINED_STEPS, REPORT_EVERY, SPEC } from './config.ts';

const EQUATION = 'hvae-elbo-layers';

/** The four curves of a split: the three terms (named as the equation's) and their sum. */
const SERIES: ChartSeries[] = [
  { id: BAR_TERMS.reconstruction, label: 'Reconstruction −E[log p(x|z₁)]', term: BAR_TERMS.reconstruction, equation: EQUATION },
  { id: BAR_TERMS.klZ1, label: 'Layer 1: E[log q(z₁|x) − log p(z₁|z₂)]', term: BAR_TERMS.klZ1, equation: EQUATION },
  { id: BAR_TERMS.klZ2, label: 'Layer 2 (top): KL(q(z₂|z₁)‖p(z₂))', term: BAR_TERMS.klZ2, equation: EQUATION },
  { id: 'neg-elbo', label: '−ELBO' },
];

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: true,
  totalSteps: (s) => s.steps as number,
  idleText: mnistIdleText('the pretrained HVAE', PRETRAINED_STEPS, 'HVAE'),
  mountView(root) {
    const ui = {
      staticParts: Array.from(root.querySelectorAll<HTMLElement>('.ex-hv-static')),
      liveParts: Array.from(root.querySelectorAll<HTMLElement>('.ex-hv-livepart')),
      bars: part<HTMLElement>(root, '.ex-hv-bars'),
      barsText: part<HTMLElement>(root, '.ex-hv-bars-text'),
      barsWho: part<HTMLElement>(root, '.ex-hv-bars-who'),
      curves: part<HTMLElement>(root, '.ex-hv-curves'),
      recon: part<HTMLCanvasElement>(root, '.ex-hv-recon'),
      samples: part<HTMLCanvasElement>(root, '.ex-hv-samples'),
    };
    const charts = createTermCharts(ui.curves, { series: SERIES, reportEvery: REPORT_EVERY, heldOut: HELD_OUT });
    for (const el of ui.staticParts) el.hidden = true;
    for (const el of ui.liveParts) el.hidden = false;
    let pretrained = true;

    return {
      snapshot(d, meta) {
        pretrained = meta.pretrained;
        const originals = d.originals as Float32Array;
        drawDigits(ui.recon, originalsOverReconstructions(originals, d.reconstructions as Float32Array), originals.length / 784);
        drawDigits(ui.samples, d.samples as Float32Array, 4);
        const who = meta.pretrained ? 'the pretrained HVAE' : `the HVAE after ${meta.step.toLocaleString('en')} steps`;
        ui.recon.setAttribute('aria-label', `Top row: ${originals.length / 784} test digits; bottom row: their reconstructions by ${who}.`);
        ui.samples.setAttribute('aria-label', `16 digits sampled by ${who}: z₂ from N(0, I), then z₁ from p(z₁|z₂), then the decoder's mean image.`);
      },
      metrics(m) {
        const t = barTermsOf(m.terms);
        // −ELBO is the terms' sum: with β ≠ 1 the training loss (data-loss) weights the top term, the curve does not.
        charts.append(m, t ? { 'neg-elbo': t.reconstruction + t.klZ1 + t.klZ2 } : {});
        if (m.split !== 'heldout' || !t) return;
        ui.bars.innerHTML = barsSvg(t, 'ex-hv-bars-title');
        ui.barsText.textContent = barsSummary(t);
        ui.bars.dataset.step = String(m.step);
        ui.barsWho.textContent = pretrained ? 'the pretrained model' : `step ${m.step.toLocaleString('en')}`;
      },
      clear() {
        charts.clear();
      },
    };
  },
};
