/**
 * The page side of the 2-D diffusion example on the kit: the scatter of samples over the data, the
 * reverse-process slider and the loss curve. The kit's controller does the rest.
 */
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import type { ExampleDefinition } from '../kit/view.ts';
import { part, readColors } from '../shared/canvas.ts';
import { DATASETS, EXAMPLE_ID, EXTENT, SPEC } from './config.ts';
import { curvePoints } from './geometry.ts';
import { drawScatter } from './plot.ts';

const fmt = new Intl.NumberFormat('en');

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: true,
  totalSteps: (s) => s.steps as number,
  mountView(root, api) {
    const ui = {
      staticSvg: part<SVGSVGElement>(root, '.ex-d2-static'),
      canvas: part<HTMLCanvasElement>(root, '.ex-d2-canvas'),
      scrub: part<HTMLElement>(root, '.ex-scrub'),
      frame: part<HTMLInputElement>(root, '#ex-d2-frame'),
      frameOut: part<HTMLOutputElement>(root, '#ex-d2-frame-out'),
      loss: part<SVGPolylineElement>(root, '.ex-loss'),
    };
    const curveBox = part<SVGSVGElement>(root, '.ex-curve').viewBox.baseVal;
    const pretrainedCurve = ui.loss.getAttribute('points') ?? '';
    let curve: [number, number][] = [];
    let times: number[] = [];
    let frames: Float32Array[] = [];
    let meta = { step: 0, pretrained: false };
    let data: Float32Array = new Float32Array(0);
    let dataFor = '';

    const dataset = () => api.settings().dataset as Toy2dName;
    const sizeCanvas = () => {
      const css = ui.canvas.getBoundingClientRect().width || 320;
      const px = Math.round(css * (window.devicePixelRatio || 1));
      if (px > 0 && ui.canvas.width !== px) {
        ui.canvas.width = px;
        ui.canvas.height = px;
      }
    };
    const draw = () => {
      if (dataFor !== dataset()) {
        data = toy2dSets[dataset()].sample(800, 99);
        dataFor = dataset();
      }
      const k = Math.min(Number(ui.frame.value), frames.length - 1);
      drawScatter(ui.canvas, data, k >= 0 ? frames[k] : new Float32Array(0), EXTENT, readColors(root));
      const t = times[k];
      const what = k === frames.length - 1 ? 'samples' : k === 0 ? 'pure noise' : 'partly denoised';
      ui.frameOut.value = t === undefined ? '' : `t = ${t} (${what})`;
      const n = k >= 0 ? frames[k].length / 2 : 0;
      const source = meta.pretrained ? 'the pretrained model' : `the model after ${fmt.format(meta.step)} training steps`;
      ui.canvas.setAttribute(
        'aria-label',
        `${fmt.format(n)} points of ${source} at reverse-process step t = ${t ?? '?'}, over the ${DATASETS.find((d) => d.id === dataset())?.label} data.`,
      );
    };
    const drawCurve = () => {
      const total = api.settings().steps as number;
      ui.loss.setAttribute('points', curve.length > 1 ? curvePoints(curve, curveBox.width, curveBox.height, total) : '');
    };

    ui.frame.addEventListener('input', draw);
    new MutationObserver(() => frames.length && draw()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    new ResizeObserver(() => {
      sizeCanvas();
      if (frames.length) draw();
    }).observe(ui.canvas);
    // Swap the static preview for the live canvas.
    ui.staticSvg.setAttribute('hidden', '');
    ui.canvas.hidden = false;
    ui.scrub.hidden = false;
    sizeCanvas();

    return {
      snapshot(d, m) {
        const atEnd = Number(ui.frame.value) >= Number(ui.frame.max);
        meta = m;
        times = d.times as number[];
        frames = d.frames as Float32Array[];
        ui.frame.max = String(frames.length - 1);
        if (atEnd) ui.frame.value = ui.frame.max;
        // The pretrained model's curve is the server-rendered one.
        if (m.pretrained) ui.loss.setAttribute('points', pretrainedCurve);
        draw();
      },
      metrics(m) {
        if (m.split !== 'train') return;
        curve.push([m.step, m.loss]);
        drawCurve();
      },
      clear() {
        curve = [];
        drawCurve();
      },
    };
  },
};
