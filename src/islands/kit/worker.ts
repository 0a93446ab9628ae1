/**
 * The one Web Worker of every example: TF.js and the trainer live here (one shared chunk), and each
 * example's adapter is a dynamic import by id, so a page with three examples loads TF.js once per
 * worker from one cached file. All logic is in runtime.ts.
 */
import { wasmPaths } from '../shared/wasmPaths.ts';
import type { AdapterFactory } from './adapter.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { createRuntime } from './runtime.ts';

/** Example id → its adapter module. */
const ADAPTERS: Readonly<Record<string, () => Promise<{ createAdapter: AdapterFactory }>>> = {
  'ddpm-2d': () => import('../ddpm-2d/adapter.ts'),
  'vae-latent': () => import('../vae-latent/adapter.ts'),
  vae: () => import('../vae/adapter.ts'),
};

const scope = self as unknown as Worker;
const handle = createRuntime({
  post: (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer),
  loadAdapter: async (example) => {
    const load = ADAPTERS[example];
    if (!load) throw new Error(`no example called ${example}`);
    return (await load()).createAdapter;
  },
  wasmPaths,
  fetch: (input, init) => fetch(input, init),
});
scope.onmessage = (event: MessageEvent<ToWorker>) => void handle(event.data);
