/**
 * "On this page" follows the reader: the link of the section being read gets aria-current="true",
 * and the list scrolls itself to keep that entry in view. The current section is the last heading
 * whose top has passed just below the sticky header.
 */

/** Index of the current section: the last of `tops` (heading tops, in page order) at or above `line`; 0 before the first. */
export function currentIndex(tops: readonly number[], line: number): number {
  let current = 0;
  for (let i = 0; i < tops.length; i++) if (tops[i] <= line) current = i;
  return current;
}

/** Wires every contents list (desktop and the phone disclosure) to the scroll position. */
export function initContents(): void {
  const lists = [...document.querySelectorAll<HTMLElement>('[data-contents]')];
  if (!lists.length) return;
  const links = lists.map((list) => [...list.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]);
  const headings = links[0].map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1)))).filter((h): h is HTMLElement => !!h);
  if (!headings.length) return;
  let current = -1;
  let queued = false;
  const update = () => {
    queued = false;
    const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
    // A heading counts as reached once it is within 120 px of the header (anchors land within 100 px);
    // at the end of the page, where the last headings can never climb that far, once it is on screen.
    const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
    const index = currentIndex(
      headings.map((h) => h.getBoundingClientRect().top),
      atEnd ? innerHeight - 40 : header + 120,
    );
    if (index === current) return;
    current = index;
    const id = headings[index].id;
    // Reads first (where each list's entry sits), then writes: a read after a write forces a layout.
    const entries = lists.map((list, i) => {
      const a = links[i].find((link) => link.hash.slice(1) === id);
      return { list, a, box: list.getBoundingClientRect(), r: a?.getBoundingClientRect(), scrolls: list.scrollHeight > list.clientHeight };
    });
    for (const a of links.flat()) if (a.hash.slice(1) !== id) a.removeAttribute('aria-current');
    for (const { list, a, box, r, scrolls } of entries) {
      if (!a || !r) continue;
      a.setAttribute('aria-current', 'true');
      // Keep the entry visible inside the list (not the page): scroll only the list box.
      if (scrolls && (r.top < box.top || r.bottom > box.bottom)) list.scrollTop += r.top - box.top - box.height / 2;
    }
  };
  const schedule = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule, { passive: true });
  addEventListener('hashchange', schedule);
  // The first read waits for a frame: measured while the page script runs, it forced the first layout of
  // the whole chapter inside the script's task (one long task on a phone) rather than in the first frame.
  schedule();
}
