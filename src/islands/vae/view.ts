/**
 * The page side of the live VAE example (chapter 2) on the kit: the curves of the ELBO's terms for
 * the training batches and the held-out digits (tied to eq. vae-elbo-rewrite's terms by name), 8
 * reconstructions beside their originals, 16 samples from the prior, and with a 2-D latent the
 * encoder means of the held-out digits coloured by class, the decoded manifold grid, and the digit
 * decoded wherever the reader points (or moves the z₁/z₂ sliders). No model code.
 */
import type { ExampleDefinition } from '../kit/view.ts';
import { part, readColors } from '../shared/canvas.ts';
import { bindLatentControls } from '../vae-latent/latentControls.ts';
import { drawDigit, drawPlane } from '../vae-latent/plot.ts';
import type { ChartSeries } from '../kit/chart.ts';
import { createTermCharts, mnistIdleText } from '../kit/termCharts.ts';
import { EXAMPLE_ID, HELD_OUT, KEY_STEP, PLANE, PRETRAINED_STEPS, REPORT_EVERY, SPEC } from './config.ts';
import { drawDigits } from '../shared/digitCanvas.ts';
import { originalsOverReconstructions } from '../shared/digits.ts';

/** −1.50 with a true minus sign, 0.25 as is. */
const fmt = (v: number) => (v < 0 ? `−${Math.abs(v).toFixed(2)}` : v.toFixed(2));

/** The three curves of a split; the two terms carry the equation's term names. */
const SERIES: ChartSeries[] = [
  { id: 'reconstruction', label: 'Reconstruction −E[log p(x|z)]', term: 'reconstruction', equation: 'vae-elbo-rewrite' },
  { id: 'prior-matching', label: 'Prior matching KL(q‖p)', term: 'prior-matching', equation: 'vae-elbo-rewrite' },
  { id: 'loss', label: '−ELBO' },
];

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: true,
  totalSteps: (s) => s.steps as number,
  idleText: mnistIdleText('the pretrained model', PRETRAINED_STEPS, 'VAE'),
  mountView(root, api) {
    const ui = {
      staticParts: Array.from(root.querySelectorAll<HTMLElement>('.ex-vae-static')),
      liveParts: Array.from(root.querySelectorAll<HTMLElement>('.ex-vae-livepart')),
      curves: part<HTMLElement>(root, '.ex-vae-curves'),
      recon: part<HTMLCanvasElement>(root, '.ex-vae-recon'),
      samples: part<HTMLCanvasElement>(root, '.ex-vae-samples'),
      latent: part<HTMLElement>(root, '.ex-vae-latent'),
      plane: part<HTMLCanvasElement>(root, '.ex-vae-plane'),
      manifold: part<HTMLCanvasElement>(root, '.ex-vae-manifold'),
      digit: part<HTMLCanvasElement>(root, '.ex-vae-digit'),
      z1: part<HTMLInputElement>(root, '[data-z="1"]'),
      z2: part<HTMLInputElement>(root, '[data-z="2"]'),
      zOut: part<HTMLOutputElement>(root, '.ex-vae-z'),
      sample: part<HTMLButtonElement>(root, '[data-action="sample"]'),
    };
    const charts = createTermCharts(ui.curves, { series: SERIES, reportEvery: REPORT_EVERY, heldOut: HELD_OUT });
    let mu: Float32Array = new Float32Array(0);
    let labels: Uint8Array = new Uint8Array(0);
    let z: [number, number] = [0, 0];
    let inFlight = false;
    let pending: [number, number] | null = null;
    let twoD = false;

    const drawMap = () => drawPlane(ui.plane, mu, labels, z, PLANE, readColors(root));
    const setZ = (next: [number, number]) => {
      z = [Math.max(-PLANE, Math.min(PLANE, next[0])), Math.max(-PLANE, Math.min(PLANE, next[1]))];
      ui.z1.value = String(z[0]);
      ui.z2.value = String(z[1]);
      ui.zOut.value = `z = (${fmt(z[0])}, ${fmt(z[1])})`;
      drawMap();
      if (!twoD) return;
      if (inFlight) pending = z;
      else {
        inFlight = true;
        api.request('decode', z);
      }
    };
    bindLatentControls(ui, { extent: PLANE, keyStep: KEY_STEP, active: () => twoD && mu.length > 0, current: () => z, setZ });
    new MutationObserver(() => mu.length && drawMap()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    for (const el of ui.staticParts) el.hidden = true;
    for (const el of ui.liveParts) el.hidden = false;
    ui.latent.hidden = true;
    const px = Math.round((ui.plane.getBoundingClientRect().width || 320) * (window.devicePixelRatio || 1));
    ui.plane.width = px;
    ui.plane.height = px;

    return {
      snapshot(d, meta) {
        const originals = d.originals as Float32Array;
        drawDigits(ui.recon, originalsOverReconstructions(originals, d.reconstructions as Float32Array), originals.length / 784);
        drawDigits(ui.samples, d.samples as Float32Array, 4);
        const who = meta.pretrained ? 'the pretrained model' : `the model after ${meta.step.toLocaleString('en')} steps`;
        ui.recon.setAttribute('aria-label', `Top row: ${originals.length / 784} test digits; bottom row: their reconstructions by ${who}.`);
        ui.samples.setAttribute('aria-label', `16 digits decoded by ${who} from draws of z from the prior N(0, I).`);
        twoD = d.latent === 2;
        ui.latent.hidden = !twoD;
        if (twoD) {
          mu = d.latentMeans as Float32Array;
          labels = d.labels as Uint8Array;
          drawDigits(ui.manifold, d.decoded as Float32Array, Math.round(Math.sqrt((d.decoded as Float32Array).length / 784)));
          ui.plane.setAttribute(
            'aria-label',
            `The encoder's means of ${labels.length} held-out digits under ${who}, each drawn as its digit; the cross marks the chosen z.`,
          );
          ui.manifold.setAttribute('aria-label', `Digits decoded by ${who} on a 10 by 10 grid of the latent plane.`);
          setZ(z);
        }
      },
      metrics(m) {
        charts.append(m, { loss: m.loss });
      },
      reply(name, d) {
        if (name !== 'decode') return;
        const at = d.z as [number, number];
        inFlight = false;
        drawDigit(ui.digit, d.pixels as Float32Array);
        ui.digit.setAttribute('aria-label', `The decoder's mean image at z = (${fmt(at[0])}, ${fmt(at[1])})`);
        root.dataset.decoded = `${at[0].toFixed(3)},${at[1].toFixed(3)}`;
        if (pending) {
          const next = pending;
          pending = null;
          inFlight = true;
          api.request('decode', next);
        }
      },
      state(s) {
        for (const c of [ui.z1, ui.z2, ui.sample]) c.disabled = s === 'loading' || s === 'error';
        if (s === 'loading') {
          inFlight = false;
          pending = null;
        }
      },
      clear() {
        charts.clear();
        mu = new Float32Array(0);
        labels = new Uint8Array(0);
        delete root.dataset.decoded;
      },
    };
  },
};
