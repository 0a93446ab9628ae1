/**
 * Line charts for every example: several series, optional log-scale y, axes with ticks, a legend,
 * and a text twin (one visually hidden sentence per series, refreshed at most once a second) that
 * assistive technology reads instead of the drawing.
 *
 *   const chart = createLineChart(container, {
 *     title: 'Training objective', xLabel: 'step', yLabel: 'nats', logY: false,
 *     series: [{ id: 'rec', label: 'Reconstruction', term: 'reconstruction', equation: 'vae-elbo-rewrite' }, …],
 *   });
 *   chart.append('rec', step, value);   // cheap: stores the point, redraws on the next animation frame
 *   chart.clear();                      // a run was replaced: drop every point
 *   chart.destroy();                    // remove the chart and its observers
 *
 * A series with a `term` puts data-term on its curve and legend entry, so src/scripts/termLinks.ts
 * links them to the equation's term of that name (same colour, --term-<slug>); with `equation` (a
 * \label) its legend shows that equation's number, read from the page, as a link to it.
 *
 * Why hand-written SVG and not a library: uPlot draws on a canvas (a curve cannot carry data-term or
 * take a CSS colour, and a canvas has no text for assistive technology), and Observable Plot (with
 * its d3 modules, several times this module's size) rebuilds the whole SVG on every update. Here a
 * point is appended to a typed array, one frame redraws one path per series from a min–max decimated
 * copy (chartDecimate.ts), colours come from CSS custom properties (themes switch without a redraw),
 * and nothing sets a style attribute, so the strict CSP holds.
 */
import './chart.css';
import { formatNumber, linearScale, linearTicks, logScale, logTicks, paddedDomain, type Scale } from './chartScales.ts';
import { decimate } from './chartDecimate.ts';
import { summarizeSeries } from './chartSummary.ts';

/** One curve. */
export interface ChartSeries {
  /** Key used by `append`. */
  id: string;
  /** Legend and text-twin name. */
  label: string;
  /** Term slug (src/markdown/terms.ts) this curve plots, e.g. 'reconstruction'. */
  term?: string;
  /** \label of the equation that names the term, e.g. 'vae-elbo-rewrite' (its number is shown as a link). */
  equation?: string;
}

/** Options of createLineChart. */
export interface ChartOptions {
  /** The chart's caption. */
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  /** log10 y axis (non-positive values are not drawn). Default false. */
  logY?: boolean;
  /** Drawing height in CSS pixels. Default 220. */
  height?: number;
  /** Minimum time between text-twin updates, ms. Default 1000. */
  summaryEveryMs?: number;
}

/** A mounted chart. */
export interface LineChart {
  readonly root: HTMLElement;
  /** Adds a point to series `id` (x increasing); the drawing follows on the next animation frame. */
  append(id: string, x: number, y: number): void;
  /** Drops every point of every series. */
  clear(): void;
  /** Removes the chart from the page and stops its observers. */
  destroy(): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = { left: 52, right: 12, top: 10, bottom: 36 };

/** A series' points in growable typed arrays (appending is amortized O(1), no per-point objects). */
class PointBuffer {
  xs = new Float64Array(64);
  ys = new Float64Array(64);
  length = 0;
  push(x: number, y: number): void {
    if (this.length === this.xs.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      [this.xs, this.ys] = [grow(this.xs), grow(this.ys)];
    }
    this.xs[this.length] = x;
    this.ys[this.length] = y;
    this.length += 1;
  }
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.append(el);
  return el;
}

function html<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: Element): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  parent?.append(el);
  return el;
}

/** The displayed number of equation `label` on this page ("2.4"), if it is on this page. */
function equationNumber(label: string): string | undefined {
  const text = document.getElementById(`eq-${label}`)?.querySelector('.eq-number')?.textContent;
  return text ? text.replace(/[()]/g, '') : undefined;
}

/** Mounts a line chart at the end of `container`; see the module comment. */
export function createLineChart(container: HTMLElement, options: ChartOptions): LineChart {
  const height = options.height ?? 220;
  const summaryEveryMs = options.summaryEveryMs ?? 1000;
  const ids = new Set<string>();
  for (const s of options.series) {
    if (ids.has(s.id)) throw new Error(`createLineChart: two series have the id "${s.id}"`);
    ids.add(s.id);
  }
  const data = new Map(options.series.map((s) => [s.id, new PointBuffer()]));

  const root = html('figure', 'chart');
  html('figcaption', 'chart-title', root).textContent = options.title;
  const drawing = svg('svg', { class: 'chart-svg', height, 'aria-hidden': 'true', focusable: 'false' }, root);
  const axes = svg('g', { class: 'chart-axes' }, drawing);
  const lines = svg('g', { class: 'chart-lines' }, drawing);
  const legend = html('ul', 'chart-legend', root);
  const twin = html('ul', 'visually-hidden', root);
  const numbers = new Map<string, string | undefined>();
  const paths = new Map<string, SVGPathElement>();
  const twinItems = new Map<string, HTMLLIElement>();

  options.series.forEach((s, i) => {
    // term-<slug> gives the term's colour; only the legend entry takes `term` (the active outline).
    const path = svg('path', { class: `chart-line chart-s${i % 4}${s.term ? ` term-${s.term}` : ''}` }, lines);
    const item = html('li', `chart-key chart-s${i % 4}${s.term ? ` term term-${s.term}` : ''}`, legend);
    if (s.term) {
      path.setAttribute('data-term', s.term);
      item.dataset.term = s.term;
    }
    const swatch = svg('svg', { class: 'chart-swatch', width: 24, height: 10, 'aria-hidden': 'true', focusable: 'false' }, item);
    svg('line', { x1: 1, x2: 23, y1: 5, y2: 5 }, swatch);
    item.append(s.label);
    const number = s.equation ? equationNumber(s.equation) : undefined;
    numbers.set(s.id, number);
    if (number) {
      const link = html('a', 'chart-eqref', item);
      link.href = `#eq-${s.equation}`;
      link.textContent = `(${number})`;
      link.setAttribute('aria-label', `(${number}), equation ${number}`);
      item.insertBefore(document.createTextNode(' '), link);
    }
    paths.set(s.id, path);
    twinItems.set(s.id, html('li', '', twin));
  });
  container.append(root);

  let frame = 0;
  // The width comes from the ResizeObserver, not from reading layout in the frame (a forced layout of
  // the page when other writes of the same frame made it dirty); the axes are rebuilt only when their
  // ticks or the width change, and otherwise a frame touches one attribute per series.
  let width = 320;
  let axesKey = '';
  let lastSummary = -Infinity;
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;

  const summarize = () => {
    summaryTimer = undefined;
    lastSummary = performance.now();
    for (const s of options.series) {
      const text = summarizeSeries({ label: s.label, equation: numbers.get(s.id), ...data.get(s.id)! }, options.xLabel);
      const li = twinItems.get(s.id)!;
      if (li.textContent !== text) li.textContent = text;
    }
  };
  /** Text twin: at most once per summaryEveryMs, and always after the last change. */
  const scheduleSummary = () => {
    if (summaryTimer !== undefined) return;
    const wait = Math.max(0, lastSummary + summaryEveryMs - performance.now());
    summaryTimer = setTimeout(summarize, wait);
  };

  const draw = () => {
    frame = 0;
    const [x0, x1, y0, y1] = [MARGIN.left, width - MARGIN.right, height - MARGIN.bottom, MARGIN.top];
    let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const b of data.values()) {
      for (let i = 0; i < b.length; i++) {
        const y = b.ys[i];
        if (!Number.isFinite(y) || (options.logY && y <= 0)) continue;
        if (b.xs[i] < xmin) xmin = b.xs[i];
        if (b.xs[i] > xmax) xmax = b.xs[i];
        if (y < ymin) ymin = y;
        if (y > ymax) ymax = y;
      }
    }
    const empty = xmin === Infinity;
    if (empty) [xmin, xmax, ymin, ymax] = [0, 1, options.logY ? 1 : 0, options.logY ? 10 : 1];
    const xs = linearScale(xmin === xmax ? [xmin - 1, xmax + 1] : [xmin, xmax], [x0, x1]);
    const yDomain = paddedDomain(ymin, ymax, Boolean(options.logY));
    const ys: Scale = options.logY ? logScale(yDomain, [y0, y1]) : linearScale(yDomain, [y0, y1]);
    const key = `${width} ${xs.domain} ${ys.domain}`;
    if (key !== axesKey) {
      axesKey = key;
      drawing.setAttribute('viewBox', `0 0 ${width} ${height}`);
      drawing.setAttribute('width', String(width));
      drawAxes(xs, ys, [x0, x1, y0, y1], width);
    }
    const buckets = Math.max(32, Math.round((x1 - x0) / 2));
    for (const [id, b] of data) {
      let d = '';
      let pen = false; // a non-drawable value (NaN, ≤ 0 on a log axis) breaks the line
      for (const i of decimate(b, buckets)) {
        const [px, py] = [xs(b.xs[i]), ys(b.ys[i])];
        if (!Number.isFinite(py)) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
        pen = true;
      }
      const path = paths.get(id)!;
      if (path.getAttribute('d') !== d) path.setAttribute('d', d);
    }
  };

  const drawAxes = (xs: Scale, ys: Scale, [x0, x1, y0, y1]: number[], width: number) => {
    const parts: SVGElement[] = [];
    const [ya, yb] = ys.domain;
    const yTicks = ys.log ? logTicks(ya, yb) : linearTicks(ya, yb, 4);
    for (const t of yTicks) {
      const y = ys(t).toFixed(1);
      parts.push(svg('line', { class: 'chart-grid', x1: x0, x2: x1, y1: y, y2: y }));
      parts.push(svg('text', { class: 'chart-tick chart-tick-y', x: x0 - 6, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }));
      parts.at(-1)!.textContent = formatNumber(t);
    }
    const [xa, xb] = xs.domain;
    for (const t of linearTicks(xa, xb, Math.max(2, Math.floor((x1 - x0) / 80)))) {
      const x = xs(t).toFixed(1);
      parts.push(svg('line', { class: 'chart-grid chart-grid-x', x1: x, x2: x, y1: y0, y2: y0 + 4 }));
      // A label at the right edge ends there instead of being cut off.
      parts.push(svg('text', { class: 'chart-tick', x, y: y0 + 16, 'text-anchor': xs(t) + 20 > width ? 'end' : 'middle' }));
      parts.at(-1)!.textContent = formatNumber(t);
    }
    parts.push(svg('line', { class: 'chart-frame', x1: x0, x2: x1, y1: y0, y2: y0 }));
    parts.push(svg('line', { class: 'chart-frame', x1: x0, x2: x0, y1: y0, y2: y1 }));
    parts.push(svg('text', { class: 'chart-label', x: (x0 + x1) / 2, y: height - 4, 'text-anchor': 'middle' }));
    parts.at(-1)!.textContent = options.xLabel;
    parts.push(svg('text', { class: 'chart-label', x: -(y0 + y1) / 2, y: 12, transform: 'rotate(-90)', 'text-anchor': 'middle' }));
    parts.at(-1)!.textContent = options.logY ? `${options.yLabel} (log scale)` : options.yLabel;
    axes.replaceChildren(...parts);
  };

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
    scheduleSummary();
  };
  const resize = new ResizeObserver(([entry]) => {
    const seen = Math.max(240, Math.round(entry.contentRect.width || 320));
    if (seen === width) return;
    width = seen;
    if (!frame) frame = requestAnimationFrame(draw);
  });
  resize.observe(root);
  width = Math.max(240, Math.round(root.clientWidth || 320));
  draw();
  summarize();

  return {
    root,
    append(id, x, y) {
      const b = data.get(id);
      if (!b) throw new Error(`chart "${options.title}": no series "${id}" (series: ${[...ids].join(', ')})`);
      b.push(x, y);
      schedule();
    },
    clear() {
      for (const id of data.keys()) data.set(id, new PointBuffer());
      schedule();
    },
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      if (summaryTimer !== undefined) clearTimeout(summaryTimer);
      resize.disconnect();
      root.remove();
    },
  };
}
