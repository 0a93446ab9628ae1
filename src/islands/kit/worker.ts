/**
 * The one Web Worker of every example: TF.js and the trainer live here (one shared chunk), and each
 * example's adapter is a dynamic import by id, so a page with three examples loads TF.js once per
 * worker from one cached file. All logic is in runtime.ts.
 */
import { wasmPaths } from '../shared/wasmPaths.ts';
import type { AdapterFactory } from './adapter.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { createRuntime } from './runtime.ts';
import { byExampleId } from './registry.ts';

/** Example id → its adapter module: every src/islands/<id>/adapter.ts (registry.ts; no list to edit). */
const ADAPTERS = byExampleId(import.meta.glob<{ createAdapter: AdapterFactory }>('../*/adapter.ts'));

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
