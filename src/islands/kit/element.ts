/**
 * <live-example data-example="id">: the one custom element of every example. It stays inert until
 * it nears the viewport, then loads the kit's controller and the example's view (small chunks; the
 * worker with TF.js starts from there) and mounts them on the server-rendered figure.
 */
import { defineLazyElement } from '../shared/lazyElement.ts';
import type { ExampleDefinition } from './view.ts';
import { byExampleId } from './registry.ts';

/** Example id → its page-side definition: every src/islands/<id>/view.ts except the kit's own (registry.ts). */
const VIEWS = byExampleId(import.meta.glob<{ definition: ExampleDefinition }>('../*/view.ts'));

defineLazyElement('live-example', async (el) => {
  const id = el.dataset.example ?? '';
  const load = VIEWS[id];
  if (!load) throw new Error(`no example called “${id}”`);
  const [{ mountExample }, { definition }] = await Promise.all([import('./controller.ts'), load()]);
  return (root) => mountExample(root, definition);
});
