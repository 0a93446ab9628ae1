/**
 * A "Copy TeX" button on every numbered equation. The TeX comes from the MathML annotation KaTeX
 * already puts in the page, so nothing is duplicated in the HTML. Also makes wide tables and
 * figures keyboard-scrollable when (and only when) they overflow. (A wide equation needs no help: its
 * scroller holds the focusable equation number.)
 */
import { idle, skippedNow } from './blockSizes.ts';

/** Puts a "Copy TeX" button beside one numbered equation. */
function addCopyButton(block: HTMLElement): void {
  const tex = block.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
  if (!tex) return;
  const number = (block.querySelector('.eq-number')?.textContent ?? '').replace(/[()]/g, '');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-tex';
  button.textContent = 'Copy TeX';
  // The name starts with the visible text (WCAG 2.5.3, label in name): speech users say what they see.
  button.setAttribute('aria-label', `Copy TeX of equation ${number}`);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(tex.trim());
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    window.setTimeout(() => (button.textContent = 'Copy TeX'), 1500);
  });
  (block.querySelector('.eq-side') ?? block).append(button);
}

/** Adds the copy buttons and the scrollable-region focus stops. */
export function initCopyTex(): void {
  // In idle time, a few at a time, not in the page script's first task: that task is already long on a
  // throttled phone, and a reader needs a button only once they point or tab at an equation.
  const blocks = [...document.querySelectorAll<HTMLElement>('.equation')];
  const addSome = (deadline?: IdleDeadline) => {
    do addCopyButton(blocks.shift()!);
    while (blocks.length && (deadline?.timeRemaining() ?? 0) > 2);
    if (blocks.length) idle(addSome);
  };
  if (blocks.length) idle(addSome);
  const scrollables = [...document.querySelectorAll<HTMLElement>('.table-scroll, .figure-scroll')];
  const overflows = (el: HTMLElement) => el.scrollWidth > el.clientWidth + 1;
  const mark = (el: HTMLElement, over: boolean) => {
    if (over) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', el.classList.contains('figure-scroll') ? 'Figure, scrolls sideways' : 'Table, scrolls sideways');
    } else el.removeAttribute('tabindex');
  };
  // All reads, then all writes, and none inside a skipped block (skippedNow), which is measured when drawn.
  // Reading skipped figures between attribute writes made /vae/'s load a 0.8 s task on a throttled phone.
  const markScrollables = () => {
    const drawn = scrollables.filter((el) => !skippedNow(el));
    const over = drawn.map(overflows);
    drawn.forEach((el, i) => mark(el, over[i]));
  };
  for (const el of scrollables)
    el.closest('article > *')?.addEventListener('contentvisibilityautostatechange', (e) => {
      if (!(e as ContentVisibilityAutoStateChangeEvent).skipped) mark(el, overflows(el));
    });
  // In a frame, not while the page script runs: reading widths then would force the first layout early.
  requestAnimationFrame(markScrollables);
  // Web fonts change the width of the math once they arrive: measure again then.
  void document.fonts?.ready.then(markScrollables);
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(markScrollables);
  });
}
