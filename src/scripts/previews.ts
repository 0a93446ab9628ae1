/**
 * Hover and focus previews for equation references "(2.4)" and citations. The links work without
 * JavaScript (they jump to the target); this shows the target in place. Targets on another chapter
 * are read from that page (same origin) once and cached.
 */

const pages = new Map<string, Promise<Document>>();

function loadPage(path: string): Promise<Document> {
  let page = pages.get(path);
  if (!page) {
    page = fetch(path)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((html) => new DOMParser().parseFromString(html, 'text/html'));
    pages.set(path, page);
  }
  return page;
}

/** The node to show for a link, cloned from its target (same page or another chapter). */
async function previewContent(link: HTMLAnchorElement): Promise<Node | null> {
  const url = new URL(link.href);
  const id = decodeURIComponent(url.hash.slice(1));
  const doc = url.pathname === location.pathname ? document : await loadPage(url.pathname);
  const target = doc.getElementById(id);
  if (!target) return null;
  const source = link.classList.contains('eqref') ? target.querySelector('.katex-display') : target;
  if (!source) return null;
  const clone = source.cloneNode(true) as HTMLElement;
  clone.removeAttribute('id');
  clone.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id'));
  // A tooltip holds no focus stops: the equation's named terms are reached in the equation itself.
  clone.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
  if (link.classList.contains('eqref')) {
    const wrapper = document.createElement('div');
    const label = document.createElement('p');
    label.className = 'preview-label';
    label.textContent = `Equation ${link.textContent}`;
    wrapper.append(label, clone);
    return wrapper;
  }
  // A reference is a list item: outside its list it would show a stray bullet, so keep only its contents.
  if (clone.tagName === 'LI') {
    const card = document.createElement('div');
    card.append(...clone.childNodes);
    return card;
  }
  return clone;
}

const LINKS = 'a.eqref, a.cite';

/** Wires every `a.eqref` and `a.cite` on the page to one shared tooltip. */
export function initPreviews(): void {
  if (!document.querySelector(LINKS)) return;
  const tip = document.createElement('div');
  tip.id = 'preview-tooltip';
  tip.className = 'preview';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);
  let current: HTMLAnchorElement | null = null;
  let hideTimer: number | undefined;

  const hide = () => {
    current?.removeAttribute('aria-describedby');
    current = null;
    tip.hidden = true;
  };
  const show = async (link: HTMLAnchorElement) => {
    window.clearTimeout(hideTimer);
    if (current === link) return;
    current = link;
    const content = await previewContent(link).catch(() => null);
    if (current !== link || !content) return;
    tip.replaceChildren(content);
    tip.hidden = false;
    const r = link.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left}px`;
    tip.style.top = `${r.bottom + window.scrollY + 6}px`;
    link.setAttribute('aria-describedby', tip.id);
  };
  const scheduleHide = () => {
    hideTimer = window.setTimeout(hide, 150);
  };
  // One listener each on the document, not four on each of the chapter's hundreds of links: wiring them
  // one by one took 6–14 ms of the page script's start-up on a 4× throttled phone. Links inside the tooltip
  // (a cloned equation's references) open nothing.
  const linkAt = (target: EventTarget | null): HTMLAnchorElement | null => {
    const link = target instanceof Element ? target.closest<HTMLAnchorElement>(LINKS) : null;
    return link && !tip.contains(link) ? link : null;
  };
  const onLink = <K extends 'pointerover' | 'pointerout' | 'focusin' | 'focusout'>(type: K, act: (link: HTMLAnchorElement) => void) =>
    document.addEventListener(type, (e: DocumentEventMap[K]) => {
      const link = linkAt(e.target);
      // These also fire on moves between a link's own children: only entering or leaving the link counts.
      if (link && !(e.relatedTarget instanceof Node && link.contains(e.relatedTarget))) act(link);
    });
  onLink('pointerover', (link) => void show(link));
  onLink('focusin', (link) => void show(link));
  onLink('pointerout', scheduleHide);
  onLink('focusout', hide);
  tip.addEventListener('pointerenter', () => window.clearTimeout(hideTimer));
  tip.addEventListener('pointerleave', scheduleHide);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
}
