/** <diffusion-2d>: loads the controller (and, from there, the worker) when the figure nears the viewport. */
import { defineLazyElement } from '../shared/lazyElement.ts';

defineLazyElement('diffusion-2d', () => import('./controller.ts').then((m) => m.mountDiffusion2d));
