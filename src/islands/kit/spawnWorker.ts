/**
 * Starts the kit's worker (worker.ts) for example `id`. The lazy element calls it as soon as the
 * example nears the viewport, before the controller's chunks have loaded, so that the worker's own
 * start (its module and TF.js, ~120 ms here) overlaps theirs; the controller starts later ones
 * (a backend change, a restart after an error).
 */
export const spawnWorker = (id: string): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: id });
