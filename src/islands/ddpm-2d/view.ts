/**
 * The page side of the 2-D diffusion example on the kit: the scatter of samples over the data (with
 * the reader's drawing and its keyboard cursor), the reverse-process slider with ᾱ_t and SNR(t), the
 * loss curve and the chart of the per-step denoising matching term L_t. The kit's controller does
 * the rest; drawn points reach it through the hidden `points` setting input.
 */
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import { defaultDdpm2dConfig } from '../../ml/diffusion/config.ts';
import { makeSchedule } from '../../ml/diffusion/schedule.ts';
import { createLineChart } from '../kit/chart.ts';
import { formatNumber } from '../kit/chartScales.ts';
import type { ExampleDefinition } from '../kit/view.ts';
import { part, readColors } from '../shared/canvas.ts';
import { DATASETS, EXAMPLE_ID, EXTENT, SPEC } from './config.ts';
import { curvePoints, fromPixel } from './geometry.ts';
import { drawScatter } from './plot.ts';
import { addSpray, decodePoints, MAX_POINTS } from './points.ts';

const fmt = new Intl.NumberFormat('en');
/** Data points shown behind the samples for a toy set. */
const DATA_POINTS = 1000;
/** Cursor steps of the arrow keys (Shift: the larger), in data units. */
const KEY_STEP = 0.25;
const KEY_STEP_LARGE = 1;
/** Distance the pointer travels in a drag between two sprays, in data units. */
const DRAG_SPACING = 0.3;

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: true,
  totalSteps: (s) => s.steps as number,
  mountView(root, api) {
    const ui = {
      staticSvg: part<SVGSVGElement>(root, '.ex-d2-static'),
      stage: part<HTMLElement>(root, '.ex-d2-stage'),
      canvas: part<HTMLCanvasElement>(root, '.ex-d2-canvas'),
      scrub: part<HTMLElement>(root, '.ex-scrub'),
      frame: part<HTMLInputElement>(root, '#ex-d2-frame'),
      frameOut: part<HTMLOutputElement>(root, '#ex-d2-frame-out'),
      snr: part<HTMLOutputElement>(root, '.ex-d2-snr'),
      loss: part<SVGPolylineElement>(root, '.ex-loss'),
      dataset: part<HTMLSelectElement>(root, 'select[data-setting="dataset"]'),
      points: part<HTMLInputElement>(root, 'input[data-setting="points"]'),
      drawTools: part<HTMLElement>(root, '.ex-d2-draw'),
      undo: part<HTMLButtonElement>(root, '[data-action="undo-draw"]'),
      clearDrawing: part<HTMLButtonElement>(root, '[data-action="clear-draw"]'),
      count: part<HTMLOutputElement>(root, '.ex-d2-count'),
      train: part<HTMLButtonElement>(root, '[data-action="train"]'),
      lt: part<HTMLElement>(root, '.ex-d2-lt'),
      ltChart: part<HTMLElement>(root, '.ex-d2-lt-chart'),
    };
    const curveBox = part<SVGSVGElement>(root, '.ex-curve').viewBox.baseVal;
    const pretrainedCurve = ui.loss.getAttribute('points') ?? '';
    const schedule = makeSchedule(defaultDdpm2dConfig.schedule, defaultDdpm2dConfig.T);
    const ltChart = createLineChart(ui.ltChart, {
      title: 'Denoising matching term per step, L_t, of the model shown',
      xLabel: 't',
      yLabel: 'L_t (nats)',
      logY: true,
      height: 180,
      series: [{ id: 'lt', label: 'Denoising matching term L_t', term: 'denoising-matching', equation: 'vdm-denoising-term' }],
    });
    let curve: [number, number][] = [];
    let times: number[] = [];
    let frames: Float32Array[] = [];
    let meta = { step: 0, pretrained: false };
    let toyData: Float32Array = new Float32Array(0);
    let toyFor = '';
    // Drawing: a stroke in progress (not yet a setting), the undo history, the keyboard cursor.
    let stroke: string | null = null;
    let last: [number, number] = [0, 0];
    const history: string[] = [];
    const cursor: [number, number] = [0, 0];
    let cursorShown = false;

    const drawMode = () => ui.dataset.value === 'drawn';
    const canDraw = () => drawMode() && !ui.points.disabled;
    const drawing = () => stroke ?? ui.points.value;
    const shownData = (): { data: Float32Array; drawn: boolean } => {
      if (drawMode()) return { data: decodePoints(drawing(), EXTENT), drawn: true };
      const name = (api.settings().dataset === 'drawn' ? SPEC.dataset.default : api.settings().dataset) as Toy2dName;
      if (toyFor !== name) {
        toyData = toy2dSets[name].sample(DATA_POINTS, 99);
        toyFor = name;
      }
      return { data: toyData, drawn: false };
    };
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
      const { data, drawn } = shownData();
      drawScatter(
        ui.canvas,
        { data, drawn, samples: k >= 0 ? frames[k] : new Float32Array(0), cursor: cursorShown && canDraw() ? cursor : null },
        EXTENT,
        readColors(root),
      );
      const t = times[k];
      const what = k === frames.length - 1 ? 'samples' : k === 0 ? 'pure noise' : 'partly denoised';
      ui.frameOut.value = t === undefined ? '' : `t = ${t} (${what})`;
      ui.snr.value = t === undefined ? '' : `ᾱ_t = ${schedule.alphaBar[t].toPrecision(3)}, SNR(t) = ${t === 0 ? '∞' : formatNumber(schedule.snr[t])}`;
      const n = k >= 0 ? frames[k].length / 2 : 0;
      const source = meta.pretrained ? 'the pretrained model' : `the model after ${fmt.format(meta.step)} training steps`;
      const over = drawn ? `your ${fmt.format(data.length / 2)} drawn points` : `the ${DATASETS.find((d) => d.id === toyFor)?.label} data`;
      ui.canvas.setAttribute('aria-label', `${fmt.format(n)} points of ${source} at reverse-process step t = ${t ?? '?'}, over ${over}.`);
    };
    const drawCurve = () => {
      const total = api.settings().steps as number;
      ui.loss.setAttribute('points', curve.length > 1 ? curvePoints(curve, curveBox.width, curveBox.height, total) : '');
    };

    // --- Drawing ---------------------------------------------------------------------------------

    /** Shows the drawing tools in 'drawn' mode, with the point count and what can be done now. */
    const syncTools = () => {
      const on = drawMode();
      ui.drawTools.hidden = !on;
      ui.stage.classList.toggle('ex-drawing', on);
      if (on) {
        ui.stage.tabIndex = 0;
        ui.stage.setAttribute('role', 'application');
        ui.stage.setAttribute('aria-label', 'Drawing pad: arrow keys move the cursor, Enter places points');
        ui.stage.setAttribute('aria-describedby', 'ex-d2-draw-title');
      } else {
        ui.stage.removeAttribute('tabindex');
        for (const a of ['role', 'aria-label', 'aria-describedby']) ui.stage.removeAttribute(a);
      }
      const count = drawing().length / 4;
      ui.undo.disabled = !canDraw() || history.length === 0;
      ui.clearDrawing.disabled = !canDraw() || count === 0;
      const where = cursorShown ? ` Cursor at (${cursor[0].toFixed(2)}, ${cursor[1].toFixed(2)}).` : '';
      ui.count.value = `${fmt.format(count)} of at most ${fmt.format(MAX_POINTS)} points.${where}`;
      // Nothing to learn from an empty drawing: Train waits for points (the controller enables it otherwise).
      if (api.settings().dataset === 'drawn' && String(api.settings().points) === '') ui.train.disabled = true;
    };
    /** Makes `next` the drawing: the hidden setting input changes, and the controller starts a fresh model on it (or asks first). */
    const commit = (next: string) => {
      stroke = null;
      if (next === ui.points.value) return;
      history.push(ui.points.value);
      ui.points.value = next;
      ui.points.dispatchEvent(new Event('change'));
      syncTools();
      draw();
    };
    const pointerAt = (e: PointerEvent): [number, number] => {
      const box = ui.canvas.getBoundingClientRect();
      return fromPixel(e.clientX - box.left, e.clientY - box.top, box.width, EXTENT);
    };
    ui.canvas.addEventListener('pointerdown', (e) => {
      if (!canDraw()) return;
      ui.canvas.setPointerCapture(e.pointerId);
      last = pointerAt(e);
      stroke = addSpray(ui.points.value, last[0], last[1], EXTENT);
      draw();
    });
    ui.canvas.addEventListener('pointermove', (e) => {
      if (stroke === null || !ui.canvas.hasPointerCapture(e.pointerId)) return;
      const p = pointerAt(e);
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) < DRAG_SPACING) return;
      last = p;
      stroke = addSpray(stroke, p[0], p[1], EXTENT);
      draw();
    });
    const endStroke = () => {
      if (stroke !== null) commit(stroke);
    };
    ui.canvas.addEventListener('pointerup', endStroke);
    ui.canvas.addEventListener('pointercancel', endStroke);
    ui.stage.addEventListener('keydown', (e) => {
      if (!canDraw()) return;
      const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
      const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      const move = moves[e.key];
      if (move) {
        cursor[0] = Math.min(EXTENT, Math.max(-EXTENT, cursor[0] + move[0]));
        cursor[1] = Math.min(EXTENT, Math.max(-EXTENT, cursor[1] + move[1]));
      } else if (e.key === 'Enter' || e.key === ' ') commit(addSpray(ui.points.value, cursor[0], cursor[1], EXTENT));
      else return;
      e.preventDefault(); // arrows would scroll the page
      cursorShown = true;
      syncTools();
      draw();
    });
    ui.stage.addEventListener('focus', () => {
      cursorShown = canDraw();
      syncTools();
      draw();
    });
    ui.stage.addEventListener('blur', () => {
      cursorShown = false;
      syncTools();
      draw();
    });
    ui.undo.addEventListener('click', () => {
      const previous = history.pop();
      if (previous === undefined) return;
      commit(previous);
      history.pop(); // commit recorded the undone drawing: undo is not itself undoable
      syncTools();
    });
    ui.clearDrawing.addEventListener('click', () => commit(''));
    // The controller may put the settings back ("Keep the current run"): show what they say.
    ui.dataset.addEventListener('change', () => {
      syncTools();
      draw();
    });
    part<HTMLButtonElement>(root, '[data-action="keep-run"]').addEventListener('click', () => {
      syncTools();
      draw();
    });

    ui.frame.addEventListener('input', draw);
    new MutationObserver(() => frames.length && draw()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    new ResizeObserver(() => {
      sizeCanvas();
      if (frames.length) draw();
    }).observe(ui.canvas);
    // Swap the static preview for the live canvas.
    ui.staticSvg.setAttribute('hidden', '');
    ui.stage.hidden = false;
    ui.canvas.hidden = false;
    ui.scrub.hidden = false;
    ui.lt.hidden = false;
    sizeCanvas();
    syncTools();

    return {
      snapshot(d, m) {
        const atEnd = Number(ui.frame.value) >= Number(ui.frame.max);
        meta = m;
        times = d.times as number[];
        frames = d.frames as Float32Array[];
        ui.frame.max = String(frames.length - 1);
        if (atEnd || Number(ui.frame.value) > frames.length - 1) ui.frame.value = ui.frame.max;
        // The pretrained model's curve is the server-rendered one.
        if (m.pretrained) ui.loss.setAttribute('points', pretrainedCurve);
        const steps = d.ltSteps as number[];
        const lt = d.lt as Float32Array;
        ltChart.clear();
        steps.forEach((t, k) => ltChart.append('lt', t, lt[k]));
        root.dataset.ltPoints = String(steps.length);
        draw();
      },
      metrics(m) {
        if (m.split !== 'train') return;
        curve.push([m.step, m.loss]);
        drawCurve();
      },
      state() {
        syncTools();
      },
      clear() {
        curve = [];
        drawCurve();
        ltChart.clear();
      },
    };
  },
};
