/**
 * Drawing for the VAE example: the latent plane (each test digit's mean μ drawn as its own numeral,
 * coloured by class, and a cross at the chosen z) and the decoded 28×28 image. No model code.
 */
import { clearPlane, type PlotColors } from '../shared/canvas.ts';

/** Ten class colours, readable on the light and the dark figure background (Tableau 10). */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Latent z → canvas pixels of a size×size plane over [−plane, plane]², y up. */
export function latentToPixel(z1: number, z2: number, size: number, plane: number): [number, number] {
  const s = size / (2 * plane);
  return [(z1 + plane) * s, (plane - z2) * s];
}

/** Canvas pixels → latent z (the inverse of latentToPixel). */
export function pixelToLatent(px: number, py: number, size: number, plane: number): [number, number] {
  const s = (2 * plane) / size;
  return [px * s - plane, plane - py * s];
}

/** The last scatter drawn for a canvas, kept to redraw only the cross when just z moves. */
interface Scatter {
  mu: Float32Array;
  labels: Uint8Array;
  plane: number;
  colors: string;
  layer: HTMLCanvasElement;
}
const scatters = new WeakMap<HTMLCanvasElement, Scatter>();

/**
 * The plane with its axes and the 1,000 numerals, drawn once per set of means, size and theme on an
 * offscreen canvas. Why: the cross follows the pointer, and drawing 1,000 numerals on every pointer
 * move (or every snapshot) took a large share of a frame.
 */
function scatterLayer(canvas: HTMLCanvasElement, mu: Float32Array, labels: Uint8Array, plane: number, colors: PlotColors): HTMLCanvasElement | null {
  const key = JSON.stringify(colors);
  const last = scatters.get(canvas);
  if (last && last.mu === mu && last.labels === labels && last.plane === plane && last.colors === key && last.layer.width === canvas.width) return last.layer;
  const layer = last?.layer ?? document.createElement('canvas');
  layer.width = canvas.width;
  layer.height = canvas.width;
  const cleared = clearPlane(layer, colors.background, colors.axis);
  if (!cleared) return null;
  const { ctx, size, unit } = cleared;
  ctx.font = `${Math.round(9 * unit)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < labels.length; i++) {
    const [px, py] = latentToPixel(mu[2 * i], mu[2 * i + 1], size, plane);
    ctx.fillStyle = CLASS_COLORS[labels[i]];
    ctx.fillText(String(labels[i]), px, py);
  }
  scatters.set(canvas, { mu, labels, plane, colors: key, layer });
  return layer;
}

/** Draws the scatter of means and the cross at z (in the text colour) on `canvas` (square). */
export function drawPlane(canvas: HTMLCanvasElement, mu: Float32Array, labels: Uint8Array, z: [number, number], plane: number, colors: PlotColors): void {
  const ctx = canvas.getContext('2d');
  const layer = scatterLayer(canvas, mu, labels, plane, colors);
  if (!ctx || !layer) return;
  const size = canvas.width;
  const unit = size / 320;
  ctx.drawImage(layer, 0, 0);
  const [mx, my] = latentToPixel(z[0], z[1], size, plane);
  ctx.strokeStyle = colors.text;
  ctx.lineWidth = 2.5 * unit;
  const r = 9 * unit;
  ctx.beginPath();
  ctx.moveTo(mx - r, my);
  ctx.lineTo(mx + r, my);
  ctx.moveTo(mx, my - r);
  ctx.lineTo(mx, my + r);
  ctx.stroke();
}

/** Draws 784 intensities in [0, 1] on a 28×28 canvas, ink dark on white like the static figure. */
export function drawDigit(canvas: HTMLCanvasElement, pixels: Float32Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = Math.round(255 * (1 - pixels[i]));
    image.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(image, 0, 0);
}
