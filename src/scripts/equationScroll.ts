/**
 * A display wider than its box scrolls inside it (the page never scrolls sideways). This marks such
 * displays so CSS shows a fade at the cut edge (data-overflow; data-scrolled-end hides it at the
 * end), makes them keyboard-focusable (arrow keys scroll) and labels them for screen readers.
 */

/** Marks or unmarks one display after its size or scroll position changed. */
function mark(block: HTMLElement): void {
  const over = block.scrollWidth > block.clientWidth + 1;
  const number = block.querySelector('.eq-number')?.textContent ?? '';
  block.toggleAttribute('data-overflow', over);
  block.toggleAttribute('data-scrolled-end', over && block.scrollLeft + block.clientWidth >= block.scrollWidth - 1);
  if (over) {
    block.tabIndex = 0;
    block.setAttribute('role', 'group');
    block.setAttribute('aria-label', `Equation ${number}, wider than the screen: scroll sideways`);
  } else {
    block.removeAttribute('tabindex');
    block.removeAttribute('role');
    block.removeAttribute('aria-label');
  }
}

/** Watches every numbered display. */
export function initEquationScroll(): void {
  const blocks = document.querySelectorAll<HTMLElement>('.equation');
  if (!blocks.length) return;
  const observer = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target.closest<HTMLElement>('.equation')!)));
  for (const block of blocks) {
    // The block keeps its size when the formula inside grows (web fonts arriving): watch both.
    observer.observe(block);
    const display = block.querySelector('.katex-display');
    if (display) observer.observe(display);
    block.addEventListener('scroll', () => mark(block), { passive: true });
  }
}
