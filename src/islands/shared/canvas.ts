/** What the examples' square plots share: the DOM lookups, the theme's colours and the empty plane they draw on. */

/** Finds a required element of an example, failing loudly if the markup changed. */
export function part<T extends Element>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`${root.localName}: missing ${selector}`);
  return el;
}

/**
 * Clears a square canvas to `background` and draws the two axes through its centre. Returns the
 * 2-D context and the size of one unit of the plots' 320-unit design box (so marks keep their size
 * at any canvas resolution), or null where the canvas has no 2-D context.
 */
export function clearPlane(canvas: HTMLCanvasElement, background: string, axis: string): { ctx: CanvasRenderingContext2D; size: number; unit: number } | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const size = canvas.width;
  const unit = size / 320;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = axis;
  ctx.lineWidth = unit;
  ctx.beginPath();
  ctx.moveTo(size / 2, 0);
  ctx.lineTo(size / 2, size);
  ctx.moveTo(0, size / 2);
  ctx.lineTo(size, size / 2);
  ctx.stroke();
  return { ctx, size, unit };
}

/** The figure palette (src/styles/figures.css) as canvas colours, so plots follow the theme. */
export interface PlotColors {
  background: string;
  frame: string;
  axis: string;
  /** Data and other muted marks. */
  data: string;
  /** The model's marks (samples). */
  sample: string;
  /** Text-coloured marks (a cursor). */
  text: string;
}

/** The palette as `el` sees it now (read again after a theme change). */
export function readColors(el: Element): PlotColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--fig-bg', '#fff'),
    frame: v('--fig-hairline', '#ccc'),
    axis: v('--fig-muted-soft', '#eee'),
    data: v('--fig-muted', '#888'),
    sample: v('--fig-accent', '#06c'),
    text: v('--fig-text', '#000'),
  };
}
