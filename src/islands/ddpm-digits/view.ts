/**
 * The page side of the MNIST diffusion example: runs the reverse process one step per worker request
 * (adapter.ts), draws x_t and the predicted x̂_0 side by side as they come, keeps the trajectory for
 * the step slider, and pauses between steps when the example leaves the screen or the tab is hidden
 * (resumed only on request, as the kit does for training). A new draw is a new seed: "New digits"
 * moves the Seed control, so the link always reproduces what is shown.
 *
 * A chain loaded near the viewport waits (`waiting`) until the example is on screen, then starts by itself.
 *
 * Hooks for tests and `npm run bench -- examples`: `data-sampling` (waiting|running|paused|done), `data-frame`
 * (reverse steps done) and, once done, `data-sample-ms` (first request to last frame drawn).
 */
import type { SnapshotData } from '../kit/protocol.ts';
import type { ExampleDefinition } from '../kit/view.ts';
import { part } from '../shared/canvas.ts';
import type { StepRequest } from './adapter.ts';
import { askedText, digitLabels, EXAMPLE_ID, PRETRAINED_STEPS, SPEC } from './config.ts';
import { drawGrid, toBytes } from './grid.ts';

interface Frame {
  t: number;
  x: Uint8Array;
  /** x̂_0 predicted from this x_t (for the last frame, the sample itself); null until computed. */
  x0: Uint8Array | null;
}

type Sampling = 'waiting' | 'running' | 'paused' | 'done';

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: false,
  totalSteps: () => PRETRAINED_STEPS,
  idleText: () => 'Denoising pure noise with the pretrained model…',
  mountView(root, api) {
    const ui = {
      preview: part<HTMLImageElement>(root, '.ex-dd-preview'),
      live: part<HTMLElement>(root, '.ex-dd-live'),
      xt: part<HTMLCanvasElement>(root, '.ex-dd-xt'),
      x0: part<HTMLCanvasElement>(root, '.ex-dd-x0'),
      xtLabel: part<HTMLElement>(root, '.ex-dd-xt-label'),
      frame: part<HTMLInputElement>(root, '.ex-dd-frame'),
      frameOut: part<HTMLOutputElement>(root, '.ex-dd-frame-out'),
      pause: part<HTMLButtonElement>(root, '[data-action="pause-sampling"]'),
      fresh: part<HTMLButtonElement>(root, '[data-action="new-digits"]'),
      time: part<HTMLElement>(root, '[data-stat="sample-time"]'),
    };
    const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
    let chain = 0;
    let sampling: Sampling = 'waiting';
    let frames: Frame[] = [];
    let start: { x: Float32Array; seed: number; T: number } | null = null;
    let current: Float32Array = new Float32Array(0);
    let K = 0;
    let labels: number[] = [];
    let guidance = 0;
    let asked = '';
    let i = 0; // the next reverse step (K … 1); 0 when done
    let ready = false;
    let onScreen = true;
    let heldForView = false;
    let t0 = 0;

    const show = (k: number) => {
      const f = frames[k];
      if (!f) return;
      drawGrid(ui.xt, f.x);
      if (f.x0) drawGrid(ui.x0, f.x0);
      const n = f.x.length / 784;
      const last = k === frames.length - 1 && sampling === 'done';
      ui.xtLabel.textContent = f.t === 0 ? 'x₀ (the samples)' : `x_t, t = ${f.t}`;
      ui.frameOut.value = `Step ${k} of ${K}: t = ${f.t}${f.t === start?.T ? ' (pure noise)' : last ? ' (samples)' : ''}`;
      const what = f.t === start?.T ? 'pure Gaussian noise' : f.t === 0 ? 'the finished samples' : 'partly denoised';
      ui.xt.setAttribute('aria-label', `${n} images x_t at t = ${f.t} of ${start?.T}, ${what} (reverse step ${k} of ${K}).`);
      ui.x0.setAttribute(
        'aria-label',
        f.x0 ? `The network's prediction x̂₀ of the ${n} clean digits from x_t at t = ${f.t}.` : `The prediction x̂₀ from t = ${f.t} is not computed yet.`,
      );
    };
    const setSampling = (s: Sampling) => {
      sampling = s;
      root.dataset.sampling = s;
      root.dataset.frame = String(frames.length - 1);
      ui.pause.disabled = !(ready && (s === 'running' || s === 'paused'));
      ui.pause.textContent = s === 'paused' ? 'Resume' : 'Pause';
      // The slider moves through what is computed; while steps arrive it follows them.
      ui.frame.disabled = !(s === 'paused' || s === 'done');
      ui.fresh.disabled = !ready;
    };
    const next = () => {
      if (sampling !== 'running' || !start) return;
      if (frames.length === 1 && !onScreen) {
        // Loaded near the viewport but not yet in it: the chain starts when the reader gets there.
        heldForView = true;
        setSampling('waiting');
        return;
      }
      if (!onScreen || document.visibilityState === 'hidden') {
        setSampling('paused');
        api.say(`Paused at step ${frames.length - 1} of ${K} because the example ${onScreen ? 'tab was hidden' : 'left the screen'}. Press Resume to go on.`);
        return;
      }
      const payload: StepRequest = { steps: K, i, seed: start.seed, x: current, labels, guidance, chain };
      api.request('step', payload);
    };
    const begin = () => {
      if (!start) return;
      chain++;
      heldForView = false;
      const s = api.settings();
      K = Math.min(Number(s.steps), start.T);
      labels = digitLabels(String(s.digit), start.x.length / 784);
      guidance = Number(s.guidance);
      asked = askedText(String(s.digit), guidance);
      i = K;
      current = start.x;
      frames = [{ t: start.T, x: toBytes(start.x), x0: null }];
      ui.frame.max = String(K);
      ui.frame.value = '0';
      t0 = performance.now();
      delete root.dataset.sampleMs;
      ui.time.textContent = '–';
      show(0);
      setSampling('running');
      api.say(`Denoising ${start.x.length / 784} digits from pure noise in ${K} reverse steps (${asked})…`);
      next();
    };

    ui.frame.addEventListener('input', () => show(Number(ui.frame.value)));
    ui.pause.addEventListener('click', () => {
      if (sampling === 'running') {
        setSampling('paused');
        api.say(`Paused at step ${frames.length - 1} of ${K}. Press Resume to go on.`);
      } else if (sampling === 'paused') {
        setSampling('running');
        api.say(`Denoising, step ${frames.length - 1} of ${K}…`);
        next();
      }
    });
    // New noise is a new seed, through the kit's own Seed control (URL and link follow).
    ui.fresh.addEventListener('click', () => {
      const seed = root.querySelector<HTMLInputElement>('[data-setting="seed"]');
      if (!seed) return;
      seed.value = String((Number(seed.value) + 1) % 1_000_000);
      seed.dispatchEvent(new Event('change', { bubbles: true }));
    });
    new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting);
      if (onScreen && heldForView && ready) {
        heldForView = false;
        setSampling('running');
        next();
      }
    }).observe(root);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && sampling === 'running') next();
    });
    ui.preview.hidden = true;
    ui.live.hidden = false;
    setSampling('waiting');

    return {
      snapshot(data: SnapshotData) {
        start = { x: data.x as Float32Array, seed: data.seed as number, T: data.T as number };
        if (ready) begin();
      },
      reply(name, data) {
        if (name !== 'step' || data.chain !== chain || sampling === 'waiting') return;
        const x0 = toBytes(data.x0Hat as Float32Array);
        current = data.next as Float32Array;
        frames[frames.length - 1].x0 = x0;
        const x = toBytes(current);
        i = (data.i as number) - 1;
        frames.push({ t: data.tNext as number, x, x0: i === 0 ? x : null });
        if (i === 0) {
          const ms = performance.now() - t0;
          ui.frame.value = String(K);
          setSampling('done');
          show(K);
          root.dataset.sampleMs = String(Math.round(ms));
          ui.time.textContent = `${(ms / 1000).toFixed(1)} s`;
          api.say(`Done: ${x.length / 784} digits (${asked}) from ${K} reverse steps in ${(ms / 1000).toFixed(1)} s. Move the step slider to see any step.`);
          return;
        }
        // Reduced motion: no animation, only the finished grid (the slider still shows every step).
        if (!reducedMotion.matches) {
          ui.frame.value = String(frames.length - 2);
          show(frames.length - 2);
        }
        root.dataset.frame = String(frames.length - 1);
        next();
      },
      state(s) {
        const was = ready;
        ready = s === 'idle';
        if (!ready) {
          chain++; // answers still on their way belong to a model being replaced
          setSampling('waiting');
        } else if (!was && start)
          queueMicrotask(begin); // after the kit's idle status line, which a pause notice must follow
        else setSampling(sampling);
      },
      clear() {
        start = null;
        frames = [];
      },
    };
  },
};
