/**
 * Draws the example's scatter on a canvas: data points faint, model samples in the accent colour,
 * with the same frame, axes and ticks as the server-rendered SVG, and, while the reader draws, their
 * points and the keyboard cursor. Knows nothing about the model.
 */
import { axisTicks, tickLabel, toPixel } from './geometry.ts';
import { clearPlane, type PlotColors } from '../shared/canvas.ts';

/** What one frame shows (flat [x, y, …] arrays in data units). */
export interface ScatterFrame {
  data: ArrayLike<number>;
  samples: ArrayLike<number>;
  /** The data are the reader's drawing: drawn larger and more opaque. */
  drawn?: boolean;
  /** The keyboard cursor, when it is shown. */
  cursor?: readonly [number, number] | null;
}

/** Clears the canvas and draws `frame` over [−extent, extent]². */
export function drawScatter(canvas: HTMLCanvasElement, frame: ScatterFrame, extent: number, colors: PlotColors): void {
  const plane = clearPlane(canvas, colors.background, colors.axis);
  if (!plane) return;
  const { ctx, size, unit: dpr } = plane; // dpr: the SVG's 320-unit box, so dot sizes match it
  ctx.strokeStyle = colors.frame;
  ctx.strokeRect(0.5 * dpr, 0.5 * dpr, size - dpr, size - dpr);
  drawTicks(ctx, size, dpr, extent, colors);
  const dots = (flat: ArrayLike<number>, color: string, r: number, alpha: number) => {
    ctx.globalAlpha = alpha;
    ctx.fillStyle = color;
    ctx.beginPath();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [px, py] = toPixel(flat[i], flat[i + 1], size, extent);
      ctx.moveTo(px + r, py);
      ctx.arc(px, py, r, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.globalAlpha = 1;
  };
  dots(frame.data, colors.data, (frame.drawn ? 2.2 : 1.5) * dpr, frame.drawn ? 0.75 : 0.45);
  dots(frame.samples, colors.sample, 1.6 * dpr, 1);
  if (frame.cursor) {
    const [cx, cy] = toPixel(frame.cursor[0], frame.cursor[1], size, extent);
    ctx.strokeStyle = colors.text;
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    ctx.arc(cx, cy, 7 * dpr, 0, 2 * Math.PI);
    ctx.moveTo(cx - 11 * dpr, cy);
    ctx.lineTo(cx + 11 * dpr, cy);
    ctx.moveTo(cx, cy - 11 * dpr);
    ctx.lineTo(cx, cy + 11 * dpr);
    ctx.stroke();
  }
}

/** Tick marks on both axes through the centre, with labels at every other whole number. */
function drawTicks(ctx: CanvasRenderingContext2D, size: number, dpr: number, extent: number, colors: PlotColors): void {
  const c = size / 2;
  ctx.strokeStyle = colors.data;
  ctx.lineWidth = dpr;
  ctx.beginPath();
  for (const { value } of axisTicks(extent)) {
    const [p] = toPixel(value, 0, size, extent);
    const q = size - p; // the same value on the y axis (y up)
    ctx.moveTo(p, c - 3 * dpr);
    ctx.lineTo(p, c + 3 * dpr);
    ctx.moveTo(c - 3 * dpr, q);
    ctx.lineTo(c + 3 * dpr, q);
  }
  ctx.stroke();
  ctx.fillStyle = colors.data;
  ctx.font = `${10 * dpr}px system-ui, sans-serif`;
  for (const { value, labelled } of axisTicks(extent)) {
    if (!labelled) continue;
    const [p] = toPixel(value, 0, size, extent);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(tickLabel(value), p, c + 5 * dpr);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(tickLabel(value), c - 5 * dpr, size - p);
  }
}
