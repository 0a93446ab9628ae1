/**
 * <diffusion-2d>: the only code of the example a page loads up front. It waits until the figure
 * comes near the viewport, then loads the controller (and, from there, the worker with TensorFlow.js).
 */
class Diffusion2dElement extends HTMLElement {
  #observer: IntersectionObserver | null = null;

  connectedCallback(): void {
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.#observer?.disconnect();
        import('./controller.ts')
          .then(({ mountDiffusion2d }) => mountDiffusion2d(this))
          .catch((err: unknown) => {
            const status = this.querySelector('.ex-status');
            if (status) status.textContent = `The live example could not load: ${err instanceof Error ? err.message : String(err)}`;
          });
      },
      { rootMargin: '200px 0px' },
    );
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }
}

if (!customElements.get('diffusion-2d')) customElements.define('diffusion-2d', Diffusion2dElement);
