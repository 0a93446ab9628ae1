/**
 * The page side of the VAE example: starts the worker, draws the latent plane and the decoded
 * digit, and turns pointer, slider and button input into decode requests (at most one in flight,
 * the latest z waiting behind it, so dragging never queues up work).
 */
import { mulberry32, fillNormal } from '../../ml/random.ts';
import { backendFromQuery, describeBackend, type BackendChoice } from '../shared/backendMessages.ts';
import { KEY_STEP, PLANE } from './config.ts';
import { drawDigit, drawPlane, pixelToLatent } from './plot.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { part, readColors } from '../shared/canvas.ts';

/** −1.50 with a true minus sign, 0.25 as is. */
const fmt = (v: number) => (v < 0 ? `−${Math.abs(v).toFixed(2)}` : v.toFixed(2));

/** Wires the example inside `root` (the <vae-latent> element) and starts its worker. */
export function mountVaeLatent(root: HTMLElement): void {
  const ui = {
    preview: part<HTMLImageElement>(root, '.ex-vae-preview'),
    live: part<HTMLElement>(root, '.ex-vae-live'),
    plane: part<HTMLCanvasElement>(root, '.ex-vae-plane'),
    digit: part<HTMLCanvasElement>(root, '.ex-vae-digit'),
    z1: part<HTMLInputElement>(root, '[data-z="1"]'),
    z2: part<HTMLInputElement>(root, '[data-z="2"]'),
    zOut: part<HTMLOutputElement>(root, '.ex-vae-z'),
    sample: part<HTMLButtonElement>(root, '[data-action="sample"]'),
    backend: part<HTMLSelectElement>(root, '[data-setting="backend"]'),
    backendStat: part<HTMLElement>(root, '[data-stat="backend"]'),
    status: part<HTMLElement>(root, '.ex-status'),
  };
  let worker: Worker | null = null;
  let mu: Float32Array = new Float32Array(0);
  let labels: Uint8Array = new Uint8Array(0);
  let z: [number, number] = [0, 0];
  let inFlight = false;
  let pending: [number, number] | null = null;
  let backendSentence = '';
  const prior = mulberry32(20_231);

  const drawAll = () => drawPlane(ui.plane, mu, labels, z, PLANE, readColors(root));
  const send = (msg: ToWorker) => worker?.postMessage(msg);

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
      send({ type: 'decode', z });
    }
  };

  const onMessage = (msg: FromWorker) => {
    switch (msg.type) {
      case 'ready': {
        const { shown, sentence } = describeBackend(msg.info);
        ui.backendStat.textContent = shown;
        backendSentence = sentence;
        ui.status.textContent = `${sentence} Loading the model and 1,000 test digits…`;
        break;
      }
      case 'latents':
        mu = msg.mu;
        labels = msg.labels;
        root.dataset.state = 'ready';
        for (const c of [ui.z1, ui.z2, ui.sample]) c.disabled = false;
        ui.plane.setAttribute('aria-label', `The encoder's means of ${labels.length} test digits, each drawn as its digit; the cross marks the chosen z.`);
        ui.status.textContent = `${backendSentence} Point at the plane, or use the z₁ and z₂ sliders.`;
        setZ(z);
        break;
      case 'digit':
        inFlight = false;
        drawDigit(ui.digit, msg.pixels);
        ui.digit.setAttribute('aria-label', `The decoder's mean image at z = (${fmt(msg.z[0])}, ${fmt(msg.z[1])})`);
        root.dataset.decoded = `${msg.z[0].toFixed(3)},${msg.z[1].toFixed(3)}`;
        if (pending) {
          const next = pending;
          pending = null;
          inFlight = true;
          send({ type: 'decode', z: next });
        }
        break;
      case 'error':
        root.dataset.state = 'error';
        ui.status.textContent = `The example stopped: ${msg.message}`;
        break;
    }
  };

  const start = () => {
    worker?.terminate();
    inFlight = false;
    pending = null;
    root.dataset.state = 'loading';
    for (const c of [ui.z1, ui.z2, ui.sample]) c.disabled = true;
    ui.status.textContent = 'Loading TensorFlow.js and choosing a backend…';
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'vae-latent' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start' });
    const base = root.dataset.base ?? '/';
    send({ type: 'init', backend: ui.backend.value as BackendChoice, modelUrl: `${base}models/vae/latent2/`, dataUrl: `${base}data/` });
  };

  // Pointer: press (and drag) on the plane to choose z.
  const fromPointer = (e: PointerEvent) => {
    const box = ui.plane.getBoundingClientRect();
    setZ(pixelToLatent(e.clientX - box.left, e.clientY - box.top, box.width, PLANE));
  };
  ui.plane.addEventListener('pointerdown', (e) => {
    if (root.dataset.state !== 'ready') return;
    ui.plane.setPointerCapture(e.pointerId);
    fromPointer(e);
  });
  ui.plane.addEventListener('pointermove', (e) => {
    if (ui.plane.hasPointerCapture(e.pointerId)) fromPointer(e);
  });
  ui.z1.addEventListener('input', () => setZ([Number(ui.z1.value), z[1]]));
  ui.z2.addEventListener('input', () => setZ([z[0], Number(ui.z2.value)]));
  ui.sample.addEventListener('click', () => {
    const draw = fillNormal(new Float32Array(2), prior);
    setZ([draw[0], draw[1]]);
  });
  ui.backend.addEventListener('change', start);
  new MutationObserver(() => mu.length && drawAll()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  for (const r of [ui.z1, ui.z2]) {
    r.min = String(-PLANE);
    r.max = String(PLANE);
    r.step = String(KEY_STEP);
  }
  const forced = backendFromQuery(location.search);
  if (forced) ui.backend.value = forced;
  ui.preview.hidden = true;
  ui.live.hidden = false;
  const px = Math.round((ui.plane.getBoundingClientRect().width || 320) * (window.devicePixelRatio || 1));
  ui.plane.width = px;
  ui.plane.height = px;
  start();
}
