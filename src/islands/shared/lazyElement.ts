/**
 * Defines a custom element that stays inert until it comes near the viewport, then loads and runs
 * its example's controller: the only code of an example a page loads up front.
 */

/** `load(element)` resolves to the function that mounts the example on the element. */
export function defineLazyElement(tag: string, load: (el: HTMLElement) => Promise<(root: HTMLElement) => void>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      #observer: IntersectionObserver | null = null;

      connectedCallback(): void {
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            load(this)
              .then((mount) => mount(this))
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
    },
  );
}
