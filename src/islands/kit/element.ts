/**
 * <live-example data-example="id">: the one custom element of every example. It stays inert until
 * it nears the viewport, then starts the worker (TF.js) and, meanwhile, loads the kit's controller
 * and the example's view (small chunks) and mounts them on the server-rendered figure.
 */
import { defineLazyElement } from '../shared/lazyElement.ts';
import type { ExampleDefinition } from './view.ts';
import type { SyncExampleDefinition } from './sync.ts';
import { byExampleId } from './registry.ts';
import { spawnWorker } from './spawnWorker.ts';

/** Example id → its page-side definition: every src/islands/<id>/view.ts except the kit's own (registry.ts). */
const VIEWS = byExampleId(import.meta.glob<{ definition: ExampleDefinition }>('../*/view.ts'));

/**
 * Examples computed on the page (kit/sync.ts: no worker, no TF.js), looked up first. Their view.ts also
 * matches the glob above, which is harmless: that entry is never loaded.
 */
const SYNC_VIEWS: Readonly<Record<string, () => Promise<{ definition: SyncExampleDefinition }>>> = {
  'elbo-gap': () => import('../elbo-gap/view.ts'),
  reparam: () => import('../reparam/view.ts'),
  'forward-diffusion': () => import('../forward-diffusion/view.ts'),
};

defineLazyElement('live-example', async (el) => {
  const id = el.dataset.example ?? '';
  const sync = SYNC_VIEWS[id];
  if (sync) {
    const [{ mountSyncExample }, { definition }] = await Promise.all([import('./sync.ts'), sync()]);
    return (root) => mountSyncExample(root, definition);
  }
  const load = VIEWS[id];
  if (!load) throw new Error(`no example called “${id}”`);
  // The worker starts now, while the controller and the view load: its start overlaps theirs.
  const worker = spawnWorker(id);
  try {
    const [{ mountExample }, { definition }] = await Promise.all([import('./controller.ts'), load()]);
    return (root) => mountExample(root, definition, worker);
  } catch (err) {
    worker.terminate();
    throw err;
  }
});
