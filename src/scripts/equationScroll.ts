/**
 * A display wider than its box scrolls inside it (the page never scrolls sideways). This marks such
 * displays so CSS shows a fade at the cut edge (data-overflow; data-scrolled-end hides it at the
 * end), makes them keyboard-focusable (arrow keys scroll) and labels them for screen readers.
 *
 * Why reads and writes are batched: a chapter has ~100 displays in ~40,000 elements. Reading one
 * display's scrollWidth right after writing another's attributes forces a layout of the whole page
 * each time: on a throttled phone that made one task of over 2 s while the page loaded.
 */
import { skippedNow } from './blockSizes.ts';

interface Measure {
  block: HTMLElement;
  over: boolean;
  atEnd: boolean;
}

/** Reads a display's overflow (layout reads only). */
function measure(block: HTMLElement): Measure {
  const over = block.scrollWidth > block.clientWidth + 1;
  return { block, over, atEnd: over && block.scrollLeft + block.clientWidth >= block.scrollWidth - 1 };
}

/** Writes what `measure` found (attribute writes only, and only those that change). */
function mark({ block, over, atEnd }: Measure): void {
  if (block.hasAttribute('data-scrolled-end') !== atEnd) block.toggleAttribute('data-scrolled-end', atEnd);
  if (block.hasAttribute('data-overflow') === over) return;
  block.toggleAttribute('data-overflow', over);
  if (over) {
    const number = block.querySelector('.eq-number')?.textContent ?? '';
    block.tabIndex = 0;
    block.setAttribute('role', 'group');
    block.setAttribute('aria-label', `Equation ${number}, wider than the screen: scroll sideways`);
  } else {
    block.removeAttribute('tabindex');
    block.removeAttribute('role');
    block.removeAttribute('aria-label');
  }
}

/**
 * Whether the display's contents are skipped by `content-visibility: auto` (far off screen, not drawn yet).
 * Measuring such a display would force the layout the skipping saves, for every display of the chapter at
 * once when the page loads; it is measured when it is drawn (contentvisibilityautostatechange) instead.
 */
function skipped(block: HTMLElement): boolean {
  // The block itself is the content-visibility element, always "visible" to checkVisibility: ask its contents.
  const inner = block.firstElementChild;
  return inner !== null && skippedNow(inner);
}

/** Watches every numbered display. */
export function initEquationScroll(): void {
  const blocks = document.querySelectorAll<HTMLElement>('.equation');
  if (!blocks.length) return;
  const observer = new ResizeObserver((entries) => {
    const changed = new Set(entries.map((e) => e.target.closest<HTMLElement>('.equation')!));
    [...changed]
      .filter((b) => !skipped(b))
      .map(measure)
      .forEach(mark);
  });
  for (const block of blocks) {
    block.addEventListener('contentvisibilityautostatechange', (e) => {
      if (!(e as ContentVisibilityAutoStateChangeEvent).skipped) mark(measure(block));
    });
    // The block keeps its size when the formula inside grows (web fonts arriving): watch both.
    observer.observe(block);
    const display = block.querySelector('.katex-display');
    if (display) observer.observe(display);
    block.addEventListener('scroll', () => mark(measure(block)), { passive: true });
  }
}
