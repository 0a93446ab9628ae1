/**
 * PLACEHOLDER until K2's src/islands/kit/chart.ts is merged (same API: createLineChart, append,
 * clear, destroy): keeps the points and shows only the text twin, one sentence per series. Delete
 * this file and import '../kit/chart.ts' in view.ts once it exists.
 */

export interface ChartSeries {
  id: string;
  label: string;
  term?: string;
  equation?: string;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  logY?: boolean;
  height?: number;
}

export interface LineChart {
  readonly root: HTMLElement;
  append(id: string, x: number, y: number): void;
  clear(): void;
  destroy(): void;
}

/** A text-only stand-in for the kit's line chart. */
export function createLineChart(container: HTMLElement, options: ChartOptions): LineChart {
  const root = document.createElement('div');
  root.className = 'ex-chart-placeholder';
  const title = document.createElement('p');
  title.className = 'ex-chart-title';
  title.textContent = options.title;
  const list = document.createElement('ul');
  root.append(title, list);
  container.append(root);
  const last = new Map<string, [number, number]>();
  const render = () => {
    list.replaceChildren(
      ...options.series.map((s) => {
        const li = document.createElement('li');
        if (s.term) li.dataset.term = s.term;
        const p = last.get(s.id);
        li.textContent = p ? `${s.label}: ${p[1].toFixed(1)} ${options.yLabel} at ${options.xLabel} ${p[0]}` : `${s.label}: no points yet`;
        return li;
      }),
    );
  };
  render();
  return {
    root,
    append(id, x, y) {
      last.set(id, [x, y]);
      render();
    },
    clear() {
      last.clear();
      render();
    },
    destroy() {
      root.remove();
    },
  };
}
