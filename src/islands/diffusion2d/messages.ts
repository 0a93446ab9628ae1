/** What the example tells the reader about backends, as pure functions of the worker's report. */

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

