/** <vae-latent>: loads the controller (and, from there, the worker) when the figure nears the viewport. */
import { defineLazyElement } from '../shared/lazyElement.ts';

defineLazyElement('vae-latent', () => import('./controller.ts').then((m) => m.mountVaeLatent));
