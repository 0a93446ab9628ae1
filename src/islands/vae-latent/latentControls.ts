/**
 * The latent plane's inputs, shared by the two VAE examples (vae-latent, vae): pointing at the plane
 * (with pointer capture, so a drag keeps choosing), the z₁/z₂ sliders for the keyboard, and
 * "Sample z from the prior" (z ~ N(0, I), eq. vae-generate, from a fixed seed so a page reproduces).
 */
import { fillNormal, mulberry32 } from '../../ml/random.ts';
import { pixelToLatent } from './plot.ts';

/** The controls to wire. */
export interface LatentControls {
  plane: HTMLCanvasElement;
  z1: HTMLInputElement;
  z2: HTMLInputElement;
  sample: HTMLButtonElement;
}

/** Wires `ui` to `setZ`; `active()` says whether the plane can be used now; `current()` is the chosen z. */
export function bindLatentControls(
  ui: LatentControls,
  o: { extent: number; keyStep: number; active: () => boolean; current: () => [number, number]; setZ: (z: [number, number]) => void },
): void {
  const prior = mulberry32(20_231);
  const fromPointer = (e: PointerEvent) => {
    const box = ui.plane.getBoundingClientRect();
    o.setZ(pixelToLatent(e.clientX - box.left, e.clientY - box.top, box.width, o.extent));
  };
  ui.plane.addEventListener('pointerdown', (e) => {
    if (!o.active()) return;
    ui.plane.setPointerCapture(e.pointerId);
    fromPointer(e);
  });
  ui.plane.addEventListener('pointermove', (e) => {
    if (ui.plane.hasPointerCapture(e.pointerId)) fromPointer(e);
  });
  ui.z1.addEventListener('input', () => o.setZ([Number(ui.z1.value), o.current()[1]]));
  ui.z2.addEventListener('input', () => o.setZ([o.current()[0], Number(ui.z2.value)]));
  ui.sample.addEventListener('click', () => {
    const draw = fillNormal(new Float32Array(2), prior);
    o.setZ([draw[0], draw[1]]);
  });
  for (const r of [ui.z1, ui.z2]) {
    r.min = String(-o.extent);
    r.max = String(o.extent);
    r.step = String(o.keyStep);
  }
}
