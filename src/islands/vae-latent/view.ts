/**
 * The page side of the VAE latent example on the kit: draws the latent plane and the decoded digit,
 * and turns pointer, slider and button input into decode requests (at most one in flight, the
 * latest z waiting behind it, so dragging never queues up work).
 */
import type { ExampleDefinition } from '../kit/view.ts';
import { part, readColors } from '../shared/canvas.ts';
import { EXAMPLE_ID, KEY_STEP, PLANE, PRETRAINED_STEPS, SPEC } from './config.ts';
import { bindLatentControls } from './latentControls.ts';
import { drawDigit, drawPlane } from './plot.ts';

/** −1.50 with a true minus sign, 0.25 as is. */
const fmt = (v: number) => (v < 0 ? `−${Math.abs(v).toFixed(2)}` : v.toFixed(2));

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: false,
  totalSteps: () => PRETRAINED_STEPS,
  idleText: () => 'Point at the plane, or use the z₁ and z₂ sliders.',
  mountView(root, api) {
    const ui = {
      preview: part<HTMLImageElement>(root, '.ex-vae-preview'),
      live: part<HTMLElement>(root, '.ex-vae-live'),
      plane: part<HTMLCanvasElement>(root, '.ex-vae-plane'),
      digit: part<HTMLCanvasElement>(root, '.ex-vae-digit'),
      z1: part<HTMLInputElement>(root, '[data-z="1"]'),
      z2: part<HTMLInputElement>(root, '[data-z="2"]'),
      zOut: part<HTMLOutputElement>(root, '.ex-vae-z'),
      sample: part<HTMLButtonElement>(root, '[data-action="sample"]'),
    };
    let mu: Float32Array = new Float32Array(0);
    let labels: Uint8Array = new Uint8Array(0);
    let z: [number, number] = [0, 0];
    let inFlight = false;
    let pending: [number, number] | null = null;
    let ready = false;

    const drawAll = () => drawPlane(ui.plane, mu, labels, z, PLANE, readColors(root));

    /** Moves z (clamped to the plane), updates the sliders and asks for the digit there. */
    const setZ = (next: [number, number]) => {
      z = [Math.max(-PLANE, Math.min(PLANE, next[0])), Math.max(-PLANE, Math.min(PLANE, next[1]))];
      ui.z1.value = String(z[0]);
      ui.z2.value = String(z[1]);
      ui.zOut.value = `z = (${fmt(z[0])}, ${fmt(z[1])})`;
      drawAll();
      if (inFlight) pending = z;
      else {
        inFlight = true;
        api.request('decode', z);
      }
    };
    const enable = (on: boolean) => {
      for (const c of [ui.z1, ui.z2, ui.sample]) c.disabled = !on;
    };

    // Pointer: press (and drag) on the plane to choose z.
    bindLatentControls(ui, { extent: PLANE, keyStep: KEY_STEP, active: () => ready, current: () => z, setZ });
    new MutationObserver(() => mu.length && drawAll()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    ui.preview.hidden = true;
    ui.live.hidden = false;
    const px = Math.round((ui.plane.getBoundingClientRect().width || 320) * (window.devicePixelRatio || 1));
    ui.plane.width = px;
    ui.plane.height = px;

    return {
      snapshot(data) {
        mu = data.mu as Float32Array;
        labels = data.labels as Uint8Array;
        ui.plane.setAttribute('aria-label', `The encoder's means of ${labels.length} test digits, each drawn as its digit; the cross marks the chosen z.`);
      },
      reply(name, data) {
        if (name !== 'decode') return;
        const at = data.z as [number, number];
        inFlight = false;
        drawDigit(ui.digit, data.pixels as Float32Array);
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
        const wasReady = ready;
        ready = s === 'idle';
        enable(ready);
        if (ready && !wasReady) {
          inFlight = false;
          pending = null;
          setZ(z);
        }
      },
      clear() {
        mu = new Float32Array(0);
        labels = new Uint8Array(0);
      },
    };
  },
};
