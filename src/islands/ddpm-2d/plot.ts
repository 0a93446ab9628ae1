/**
 * Draws the example's scatter on a canvas: data points faint, model samples in the accent colour,
 * with the same frame and axes as the server-rendered SVG. Knows nothing about the model.
 */
import { toPixel } from './geometry.ts';
import { clearPlane, type PlotColors } from '../shared/canvas.ts';

/** Clears the canvas and draws `data` and `samples` (flat [x, y, …] arrays) over [−extent, extent]². */
export function drawScatter(canvas: HTMLCanvasElement, data: ArrayLike<number>, samples: ArrayLike<number>, extent: number, colors: PlotColors): void {
  const plane = clearPlane(canvas, colors.background, colors.axis);
  if (!plane) return;
  const { ctx, size, unit: dpr } = plane; // dpr: the SVG's 320-unit box, so dot sizes match it
  ctx.strokeStyle = colors.frame;
  ctx.strokeRect(0.5 * dpr, 0.5 * dpr, size - dpr, size - dpr);
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
  dots(data, colors.data, 1.5 * dpr, 0.45);
  dots(samples, colors.sample, 1.6 * dpr, 1);
}
