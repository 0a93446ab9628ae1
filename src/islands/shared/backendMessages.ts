/** What the examples tell the reader about backends, as pure functions of initBackend's report. */
import type { BackendName, BackendReport } from '../../ml/backend.ts';

/** 'auto' lets initBackend choose; a name forces that backend (with a fallback that says so). */
export type BackendChoice = 'auto' | BackendName;
/** The choices of an example's "Run on" select. */
export const BACKEND_CHOICES: readonly { id: BackendChoice; label: string }[] = [
  { id: 'auto', label: 'Automatic' },
  { id: 'webgpu', label: 'WebGPU' },
  { id: 'webgl', label: 'WebGL' },
  { id: 'wasm', label: 'WebAssembly' },
  { id: 'cpu', label: 'Plain JavaScript (CPU)' },
];

/** `?backend=` of a page URL's query (e.g. "?backend=wasm"), if it names a choice. */
export function backendFromQuery(search: string): BackendChoice | null {
  const wanted = new URLSearchParams(search).get('backend');
  return BACKEND_CHOICES.some((b) => b.id === wanted) ? (wanted as BackendChoice) : null;
}

/** The part of the backend report a worker sends to its page. */
export interface BackendInfo {
  backend: string;
  adapter: string;
  /** Why a forced backend was not used, or which backends the automatic choice skipped. */
  notes: string[];
  fallback: boolean;
}

/** The message-sized summary of a report (in the worker). */
export function backendInfo(report: BackendReport): BackendInfo {
  return {
    backend: report.backend,
    adapter: report.adapter,
    notes: report.fallbackReason ? [report.fallbackReason] : report.warnings,
    fallback: Boolean(report.fallbackReason),
  };
}

/** Reader-facing names of the TF.js backends. */
export const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript (CPU)' };

/**
 * The automatic choice's warnings ("webgpu: WebGPU adapter is software (…); preferring WASM") as one
 * sentence for the reader: which faster backends were skipped, and why in short.
 */
export function skippedNote(warnings: readonly string[]): string {
  const parts = warnings.map((w) => {
    const [name, ...rest] = w.split(': ');
    const reason = rest.join(': ');
    const label = BACKEND_LABELS[name] ?? name;
    return /software/i.test(reason) ? `${label} (only a software, CPU-emulated version is available)` : `${label} (${reason})`;
  });
  return parts.length ? ` Skipped: ${parts.join(', ')}.` : '';
}

/** The backend as the stats show it ("WebGPU (vendor / architecture)"), and the status sentence. */
export function describeBackend(info: BackendInfo): { shown: string; sentence: string } {
  const label = BACKEND_LABELS[info.backend] ?? info.backend;
  const shown = info.adapter && info.adapter !== info.backend ? `${label} (${info.adapter})` : label;
  if (info.fallback) return { shown, sentence: `The backend you chose did not start (${info.notes.join('; ')}). Running on ${label} instead.` };
  return { shown, sentence: `Running on ${label}.${skippedNote(info.notes)}` };
}
