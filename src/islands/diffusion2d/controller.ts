/**
 * The page side of the 2-D diffusion example: owns the worker, turns its messages into the
 * figure (canvas, loss curve, numbers, status line) and the reader's input into messages.
 *
 * States: loading → idle (pretrained or fresh) → training ⇄ paused → done; diverged or error
 * stop it until Reset (or a reload). The model itself lives in the worker (worker.ts).
 */
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import { DATASETS, DEFAULT_SETTINGS, EXTENT, TOTAL_STEPS, type ExampleSettings } from './config.ts';
import { drawScatter } from './plot.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { part, readColors } from '../shared/canvas.ts';
import { curvePoints } from './view.ts';
import { backendFromQuery, describeBackend as backendText, type BackendChoice, type BackendInfo } from '../shared/backendMessages.ts';

type State = 'loading' | 'idle' | 'training' | 'paused' | 'done' | 'diverged' | 'error';

const fmt = new Intl.NumberFormat('en');

/** Wires the example inside `root` (the <diffusion-2d> element) and starts its worker. */
export function mountDiffusion2d(root: HTMLElement): void {
  const ui = {
    staticSvg: part<SVGSVGElement>(root, '.ex-d2-static'),
    canvas: part<HTMLCanvasElement>(root, '.ex-d2-canvas'),
    scrub: part<HTMLElement>(root, '.ex-scrub'),
    frame: part<HTMLInputElement>(root, '#ex-d2-frame'),
    frameOut: part<HTMLOutputElement>(root, '#ex-d2-frame-out'),
    loss: part<SVGPolylineElement>(root, '.ex-loss'),
    controls: part<HTMLElement>(root, '.ex-controls'),
    train: part<HTMLButtonElement>(root, '[data-action="train"]'),
    pause: part<HTMLButtonElement>(root, '[data-action="pause"]'),
    reset: part<HTMLButtonElement>(root, '[data-action="reset"]'),
    dataset: part<HTMLSelectElement>(root, '[data-setting="dataset"]'),
    seed: part<HTMLInputElement>(root, '[data-setting="seed"]'),
    backend: part<HTMLSelectElement>(root, '[data-setting="backend"]'),
    status: part<HTMLElement>(root, '.ex-status'),
    stat: (name: string) => part<HTMLElement>(root, `[data-stat="${name}"]`),
  };
  const modelUrl = root.dataset.model ?? '/models/ddpm2d/';
  const curveBox = part<SVGSVGElement>(root, '.ex-curve').viewBox.baseVal;
  const pretrainedCurve = ui.loss.getAttribute('points') ?? '';

  let state: State = 'loading';
  let worker: Worker | null = null;
  let backendInfo: BackendInfo | null = null;
  let pretrained = false;
  let step = 0;
  let curve: [number, number][] = [];
  let times: number[] = [];
  let frames: Float32Array[] = [];
  let data: Float32Array = new Float32Array(0);

  const settings = (): ExampleSettings => ({
    dataset: ui.dataset.value as Toy2dName,
    seed: Math.max(0, Math.floor(Number(ui.seed.value) || 0)),
    backend: ui.backend.value as BackendChoice,
  });
  const send = (msg: ToWorker) => worker?.postMessage(msg);
  const say = (text: string) => {
    ui.status.textContent = text;
  };

  // --- Drawing -------------------------------------------------------------------------------

  const sizeCanvas = () => {
    const css = ui.canvas.getBoundingClientRect().width || 320;
    const px = Math.round(css * (window.devicePixelRatio || 1));
    if (px > 0 && ui.canvas.width !== px) {
      ui.canvas.width = px;
      ui.canvas.height = px;
    }
  };
  const draw = () => {
    const k = Math.min(Number(ui.frame.value), frames.length - 1);
    drawScatter(ui.canvas, data, k >= 0 ? frames[k] : new Float32Array(0), EXTENT, readColors(root));
    const t = times[k];
    const what = k === frames.length - 1 ? 'samples' : k === 0 ? 'pure noise' : 'partly denoised';
    ui.frameOut.value = t === undefined ? '' : `t = ${t} (${what})`;
    const n = k >= 0 ? frames[k].length / 2 : 0;
    const source = pretrained ? 'the pretrained model' : `the model after ${fmt.format(step)} training steps`;
    ui.canvas.setAttribute('aria-label', `${fmt.format(n)} points of ${source} at reverse-process step t = ${t ?? '?'}, over the ${DATASETS.find((d) => d.id === settings().dataset)?.label} data.`);
  };
  const drawCurve = () => {
    ui.loss.setAttribute('points', curve.length > 1 ? curvePoints(curve, curveBox.width, curveBox.height, TOTAL_STEPS) : '');
  };
  const showNumbers = (loss?: number, ms?: number) => {
    ui.stat('step').textContent = `${fmt.format(step)} / ${fmt.format(TOTAL_STEPS)}${pretrained ? ' (pretrained)' : ''}`;
    if (loss !== undefined) ui.stat('loss').textContent = loss.toFixed(3);
    if (ms !== undefined) ui.stat('ms').textContent = ms.toFixed(1);
  };
  const newData = () => {
    const s = settings();
    data = toy2dSets[s.dataset].sample(800, 99);
  };

  // --- Controls ------------------------------------------------------------------------------

  /** Enables what makes sense in `state`; keeps keyboard focus on a usable button. */
  const setState = (next: State) => {
    state = next;
    const focused = document.activeElement;
    ui.train.disabled = !(state === 'idle' || state === 'paused');
    ui.pause.disabled = state !== 'training';
    ui.reset.disabled = state === 'loading';
    for (const s of [ui.dataset, ui.seed, ui.backend]) s.disabled = state === 'loading';
    ui.train.textContent = state === 'paused' ? 'Resume' : state === 'done' ? 'Trained' : pretrained ? 'Train from scratch' : 'Train';
    root.dataset.state = state;
    if (focused instanceof HTMLButtonElement && focused.disabled) {
      (focused === ui.train ? ui.pause : !ui.train.disabled ? ui.train : ui.reset).focus();
    }
  };

  const describeBackend = (info: BackendInfo) => {
    const { shown, sentence } = backendText(info);
    ui.stat('backend').textContent = shown;
    return sentence;
  };

  const onMessage = (msg: FromWorker) => {
    switch (msg.type) {
      case 'ready':
        backendInfo = msg.info;
        say(`${describeBackend(msg.info)} Loading the pretrained model…`);
        break;
      case 'state':
        setState(msg.state === 'training' ? 'training' : msg.state);
        if (msg.state === 'idle') say(`${backendInfo ? describeBackend(backendInfo) : ''} ${pretrained ? 'Showing the pretrained model.' : 'A fresh, untrained network.'} Press Train to train it here.`.trim());
        if (msg.state === 'training') {
          if (pretrained) {
            // Training from scratch replaces the pretrained model: its numbers go too.
            pretrained = false;
            step = 0;
            curve = [];
            drawCurve();
            showNumbers();
            ui.stat('loss').textContent = '–';
          }
          say('Training in a background thread…');
        }
        if (msg.state === 'paused') say(`Paused at step ${fmt.format(step)}.`);
        if (msg.state === 'done') say(`Trained ${fmt.format(step)} steps. Change the data or the seed to train again.`);
        break;
      case 'metrics':
        if (pretrained) curve = []; // the reader's run replaces the pretrained model's curve
        pretrained = false;
        step = msg.step;
        curve.push([msg.step, msg.loss]);
        drawCurve();
        showNumbers(msg.loss, msg.msPerStep);
        break;
      case 'samples': {
        const atEnd = Number(ui.frame.value) >= Number(ui.frame.max);
        pretrained = msg.pretrained;
        step = msg.step;
        times = msg.times;
        frames = msg.frames;
        ui.frame.max = String(frames.length - 1);
        if (atEnd) ui.frame.value = ui.frame.max;
        showNumbers();
        draw();
        break;
      }
      case 'diverged':
        setState('diverged');
        say(`The loss became NaN at step ${fmt.format(msg.step)}: training stopped and the weights of step ${fmt.format(msg.restoredStep)} were restored. Reset to start again.`);
        break;
      case 'error':
        setState('error');
        say(`The example stopped: ${msg.message}`);
        break;
    }
  };

  /** (Re)starts the worker on the chosen backend: everything it held is dropped. */
  const start = () => {
    worker?.terminate();
    setState('loading');
    say('Loading TensorFlow.js and choosing a backend…');
    curve = [];
    ui.loss.setAttribute('points', settings().dataset === DEFAULT_SETTINGS.dataset ? pretrainedCurve : '');
    pretrained = false;
    frames = [];
    newData();
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'diffusion-2d' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start' });
    send({ type: 'init', settings: settings(), modelUrl });
  };

  const resetRun = () => {
    curve = [];
    drawCurve();
    pretrained = false;
    step = 0;
    newData();
    showNumbers();
    ui.stat('loss').textContent = '–';
    ui.stat('ms').textContent = '–';
    send({ type: 'reset', settings: settings() });
  };

  ui.train.addEventListener('click', () => send({ type: 'train' }));
  ui.pause.addEventListener('click', () => send({ type: 'pause' }));
  ui.reset.addEventListener('click', () => (state === 'error' ? start() : resetRun()));
  ui.dataset.addEventListener('change', resetRun);
  ui.seed.addEventListener('change', resetRun);
  ui.backend.addEventListener('change', start);
  ui.frame.addEventListener('input', draw);

  // Redraw when the theme or the size changes.
  new MutationObserver(() => frames.length && draw()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  new ResizeObserver(() => {
    sizeCanvas();
    if (frames.length) draw();
  }).observe(ui.canvas);

  // Swap the static preview for the live canvas and controls.
  const forced = backendFromQuery(location.search);
  if (forced) ui.backend.value = forced;
  else ui.backend.value = DEFAULT_SETTINGS.backend;
  ui.staticSvg.setAttribute('hidden', '');
  ui.canvas.hidden = false;
  ui.scrub.hidden = false;
  ui.controls.hidden = false;
  sizeCanvas();
  start();
}
