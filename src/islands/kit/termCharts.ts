/**
 * The page side of an MNIST trainer's terms (the VAE and the HVAE): two line charts of the same
 * series, one for the training batches and one for the fixed held-out digits, fed by the worker's
 * metrics reports (each term under its equation's name), and the status sentence once idle.
 */
import { createLineChart, type ChartSeries, type LineChart } from './chart.ts';
import type { MetricsMessage } from './protocol.ts';

/** Both splits' charts. */
export interface TermCharts {
  /** Appends a report's terms to its split's chart, and `extra` (e.g. a total) by series id. */
  append(m: MetricsMessage, extra?: Record<string, number>): void;
  /** A new run or model: drops every point of both charts. */
  clear(): void;
}

/** What the charts show. */
export interface TermChartsOptions {
  /** Every curve: the terms (ids = the report's term names) and any extra series. */
  series: ChartSeries[];
  /** Training steps per report: the training curve is their mean. */
  reportEvery: number;
  /** How many held-out digits the other curve is evaluated on. */
  heldOut: number;
}

const fmt = (n: number) => n.toLocaleString('en');

/** The two charts in `container`, training batches first; log-scale nats against the step. */
export function createTermCharts(container: HTMLElement, o: TermChartsOptions): TermCharts {
  const chart = (title: string) => createLineChart(container, { title, xLabel: 'step', yLabel: 'nats', series: o.series, logY: true });
  const charts: Record<MetricsMessage['split'], LineChart> = {
    train: chart(`Training batches (mean of the last ${fmt(o.reportEvery)} steps)`),
    heldout: chart(`Held-out: ${fmt(o.heldOut)} test digits`),
  };
  return {
    append(m, extra = {}) {
      const c = charts[m.split];
      for (const [k, v] of Object.entries({ ...m.terms, ...extra })) c.append(k, m.step, v);
    },
    clear() {
      charts.train.clear();
      charts.heldout.clear();
    },
  };
}

/**
 * The idle status of an MNIST trainer: the pretrained model (`shown`, e.g. "the pretrained HVAE", and
 * its steps on the full 60,000 digits) or a fresh one (`fresh`, e.g. "VAE") the reader trains on the
 * 10,000 digits the site ships.
 */
export function mnistIdleText(shown: string, steps: number, fresh: string): (meta: { pretrained: boolean }) => string {
  return ({ pretrained }) =>
    pretrained
      ? `Showing ${shown} (${fmt(steps)} steps on 60,000 digits). Press Train from scratch to train a new one on 10,000 digits here.`
      : `A fresh, untrained ${fresh}. Press Train to train it here.`;
}
