/**
 * Run receipts: what produced the state on screen (example, settings, seed, backend, TF.js version,
 * steps, final loss and terms, the weights' hash) and the link that reproduces it. Pure: the
 * controller renders the rows into the receipt panel.
 */
import { describeSettings, writeSettings, type GlobalSettings, type SettingsOf, type SettingsSpec } from './settings.ts';

/** What the controller knows when the worker answers a receipt request. */
export interface ReceiptInput<S extends SettingsSpec> {
  example: string;
  spec: S;
  settings: SettingsOf<S>;
  seed: number;
  /** The backend the run used (not 'auto'). */
  backend: string;
  tfjs: string;
  step: number;
  pretrained: boolean;
  loss: number | null;
  terms: Record<string, number>;
  hash: string;
  /** The page URL without its query, e.g. https://host/vae/#example-vae. */
  page: string;
  /** The page's current query (other examples' parameters are kept). */
  search: string;
}

/** One row of the receipt. */
export interface ReceiptRow {
  label: string;
  value: string;
  /** Marks the row test hooks find (`data-weights-hash`). */
  hook?: 'weights-hash';
}

/** The link that reproduces the run: its settings, seed and the backend it actually ran on. */
export function reproducingLink<S extends SettingsSpec>(
  r: Pick<ReceiptInput<S>, 'example' | 'spec' | 'settings' | 'seed' | 'backend' | 'page' | 'search'>,
): string {
  const globals: GlobalSettings = { seed: r.seed, backend: r.backend as GlobalSettings['backend'] };
  const query = writeSettings(r.spec, r.example, r.settings, globals, r.search);
  // The seed is written even when it is the default: a receipt states it.
  const params = new URLSearchParams(query);
  params.set('seed', String(r.seed));
  const [path, hash] = r.page.split('#');
  return `${path}?${params.toString()}${hash ? `#${hash}` : ''}`;
}

/** The receipt's rows, in reading order. */
export function receiptRows<S extends SettingsSpec>(r: ReceiptInput<S>): ReceiptRow[] {
  const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(2) : v.toPrecision(4));
  const terms = Object.entries(r.terms)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
  return [
    { label: 'Example', value: r.example },
    { label: 'Settings', value: describeSettings(r.spec, r.settings) || 'none' },
    { label: 'Seed', value: String(r.seed) },
    { label: 'Backend', value: r.backend },
    { label: 'TensorFlow.js', value: r.tfjs },
    { label: 'Steps', value: r.pretrained ? `${r.step} (the pretrained model)` : String(r.step) },
    {
      label: 'Final loss',
      value: r.loss === null ? (r.pretrained ? 'not measured here (the pretrained model)' : 'not trained yet') : `${fmt(r.loss)}${terms ? ` (${terms})` : ''}`,
    },
    { label: 'Weights (SHA-256)', value: r.hash, hook: 'weights-hash' },
  ];
}
