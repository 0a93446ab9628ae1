/**
 * The chapter's blocks skip layout while off screen (content-visibility: auto in global.css) and
 * stand in with a guessed height until first drawn. Guesses move things: a link or a script that
 * scrolls to a point measured with them lands off target once the blocks around it are drawn. So,
 * while the page is idle, this draws every block once, a few at a time, which records its real size
 * (contain-intrinsic-size: auto remembers it); afterwards every off-screen block holds its true
 * height, and each display has been checked for overflow (equationScroll.ts) on its first draw.
 * Batches grow or shrink so that each frame stays short: the whole chapter's layout (~0.5 s here,
 * over 2 s on a throttled phone) is spread over many small tasks instead of one long one.
 *
 * It pauses while a live example trains or samples (EXAMPLE_BUSY).
 *
 * It starts on the reader's first input (wheel, touch, key or pointer), not at load, nor on scrolls
 * that a script or a #fragment makes (anchorLanding.ts holds a fragment's target meanwhile): sizes
 * matter once the reader moves, and a phone spends the first seconds of a page on its first screen.
 * Measured on Lighthouse's throttled phone, warming at load added ~100 frames of 50–80 ms to
 * /diffusion/'s load.
 */

/** The blocks global.css lets skip layout. */
export const SKIPPABLE = 'article > :where(p, ul, ol, blockquote, .equation, aside, figure):nth-child(n + 13)';
/** The class that draws a block regardless of where it is (content-visibility: visible). */
export const DRAW_CLASS = 'draw-now';

/**
 * Whether `el` sits inside a block whose contents content-visibility skips now (far off screen, not
 * drawn). Reading such an element's size forces the layout the skipping saves: measure it once drawn
 * (the block's contentvisibilityautostatechange) instead.
 */
export const skippedNow = (el: Element): boolean => 'checkVisibility' in el && !el.checkVisibility({ contentVisibilityAuto: true });

/**
 * Next batch size from the last frame's length: halve when over 10 ms, double when under 4 ms, within
 * 1 … 32. Ten milliseconds here is still under 50 on a phone four times slower (Lighthouse's model).
 */
export function nextBatch(size: number, frameMs: number): number {
  if (frameMs > 10) return Math.max(1, Math.floor(size / 2));
  if (frameMs < 4) return Math.min(32, size * 2);
  return size;
}

/** Runs `run` when the page is idle (within half a second), with the idle deadline where the browser gives one. */
export const idle = (run: (deadline?: IdleDeadline) => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 500 }) : setTimeout(run, 50);

/**
 * A live example that is training or sampling (the kit's `data-state` and `data-sampling` hooks): its
 * frames come first. On two cores, warming while the example's worker trains made frames of 30–70 ms
 * (the worker preempts the page); waiting for it keeps each under 50.
 */
export const EXAMPLE_BUSY = '[data-example][data-state="running"], [data-example][data-sampling="running"]';
const exampleBusy = () => document.querySelector(EXAMPLE_BUSY) !== null;
const frame = () => new Promise<number>((done) => requestAnimationFrame(done));

/** Draws each skippable block once, in idle time; again after the column width changes. */
export function initBlockSizes(): void {
  const blocks = [...document.querySelectorAll<HTMLElement>(SKIPPABLE)];
  if (!blocks.length || !('ResizeObserver' in window)) return;
  const article = document.querySelector('article');
  let run = 0;
  const warm = async (id: number) => {
    // data-blocks-drawn on the article says every block has been drawn at the current width (a test hook).
    delete article?.dataset.blocksDrawn;
    // Not in the input handler that starts the warm-up: this read lays the page out (a 40 ms task when
    // the first input was a press of an example's Train).
    await new Promise<void>((done) => idle(() => done()));
    width = article?.clientWidth ?? 0;
    let size = 2;
    for (let i = 0; i < blocks.length && id === run;) {
      await new Promise<void>((done) => idle(() => done()));
      if (exampleBusy()) {
        await new Promise((done) => setTimeout(done, 1000));
        continue;
      }
      const batch = blocks.slice(i, i + size);
      i += batch.length;
      for (const b of batch) b.classList.add(DRAW_CLASS);
      const start = await frame(); // this frame lays the batch out and records its size
      const end = await frame();
      for (const b of batch) b.classList.remove(DRAW_CLASS);
      size = nextBatch(size, end - start);
    }
    if (id === run && article) article.dataset.blocksDrawn = '';
  };
  let width = 0; // the article's width when the blocks were last drawn (read then, not at load: a forced layout)
  const MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const begin = () => {
    for (const type of MOVES) removeEventListener(type, begin);
    if (run === 0) void warm(++run);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (run > 0 && (article?.clientWidth ?? 0) !== width) void warm(++run);
    }, 300);
  });
  for (const type of MOVES) addEventListener(type, begin, { passive: true });
}
