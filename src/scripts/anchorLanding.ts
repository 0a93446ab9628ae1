/**
 * Keeps an #anchor's target where the browser put it while the page is still settling. Examples
 * hydrate and fonts arrive after the jump; content above the target that grows or shrinks then moves
 * the target away. For a short while after a jump (cold load or in-page) this puts it back at the
 * scroll padding, and stops as soon as the reader scrolls on their own.
 */

const SETTLE_MS = 2500;
const READER_EVENTS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/** Watches the layout after each jump to a fragment. */
export function initAnchorLanding(): void {
  const main = document.querySelector('main');
  if (!main || !('ResizeObserver' in window)) return;
  let stopWatching = () => {};
  const watch = (coldLoad: boolean) => {
    stopWatching();
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    let landed = false;
    const realign = () => {
      const want = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
      if (landed && Math.abs(target.getBoundingClientRect().top - want) > 2) target.scrollIntoView({ block: 'start', behavior: 'instant' });
    };
    const observer = new ResizeObserver(realign);
    const land = () => {
      landed = true;
      realign();
    };
    const timer = setTimeout(() => stopWatching(), SETTLE_MS);
    // A cold load has jumped before this runs; an in-page jump may be smooth: wait for its end.
    if (coldLoad) requestAnimationFrame(land);
    else addEventListener('scrollend', land, { once: true });
    observer.observe(main);
    for (const type of READER_EVENTS) addEventListener(type, stopWatching, { passive: true });
    stopWatching = () => {
      observer.disconnect();
      clearTimeout(timer);
      removeEventListener('scrollend', land);
      for (const type of READER_EVENTS) removeEventListener(type, stopWatching);
      stopWatching = () => {};
    };
  };
  addEventListener('hashchange', () => watch(false));
  if (location.hash) watch(true);
}
