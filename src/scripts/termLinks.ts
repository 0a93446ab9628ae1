/**
 * Links the elements that name the same term (`data-term="reconstruction"`: an equation's term from
 * rehypeTerms, a chart's curve and legend entry): pointing at or focusing any of them sets
 * `data-active` on every element of the page with that data-term, and leaving or blurring removes it.
 * Listeners sit on the document (event delegation), so elements added later (charts) are linked too.
 * Imports nothing heavy: it runs on every page.
 */

/** Which term the pointer is over and which one has focus; either may be unset. */
export interface TermState {
  hover?: string;
  focus?: string;
}

/** One pointer or focus change over a term element. */
export interface TermEvent {
  via: 'hover' | 'focus';
  kind: 'enter' | 'leave';
  term: string;
}

/** The state after an event; leaving a term other than the current one changes nothing. */
export function nextTermState(state: TermState, e: TermEvent): TermState {
  if (e.kind === 'enter') return { ...state, [e.via]: e.term };
  return state[e.via] === e.term ? { ...state, [e.via]: undefined } : state;
}

/** The terms to mark active: the hovered one and the focused one. */
export function activeTerms(state: TermState): Set<string> {
  return new Set([state.hover, state.focus].filter((t): t is string => t !== undefined));
}

/** The nearest element at or above `target` that names a term. */
function termElement(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('[data-term]') : null;
}

/** Sets data-active on exactly the [data-term] elements whose term is in `active`. */
export function applyActive(root: ParentNode, active: Set<string>): void {
  for (const el of root.querySelectorAll('[data-term]')) {
    const on = active.has(el.getAttribute('data-term') ?? '');
    if (on !== el.hasAttribute('data-active')) el.toggleAttribute('data-active', on);
  }
}

/** Starts linking terms on `doc`; returns a function that stops it. */
export function initTermLinks(doc: Document = document): () => void {
  let state: TermState = {};
  // Each event moves one kind of attention (pointer or focus) from one element to another.
  const update = (via: TermEvent['via'], from: Element | null, to: Element | null) => {
    // Moving within one term element (or between two of the same term) is not a change.
    if (from === to || (from && to && from.getAttribute('data-term') === to.getAttribute('data-term'))) return;
    let next = state;
    if (from) next = nextTermState(next, { via, kind: 'leave', term: from.getAttribute('data-term') ?? '' });
    if (to) next = nextTermState(next, { via, kind: 'enter', term: to.getAttribute('data-term') ?? '' });
    if (next.hover === state.hover && next.focus === state.focus) return;
    state = next;
    applyActive(doc, activeTerms(state));
  };
  const over = (e: MouseEvent) => update('hover', termElement(e.relatedTarget), termElement(e.target));
  const out = (e: MouseEvent) => update('hover', termElement(e.target), termElement(e.relatedTarget));
  const focusIn = (e: FocusEvent) => update('focus', termElement(e.relatedTarget), termElement(e.target));
  const focusOut = (e: FocusEvent) => update('focus', termElement(e.target), termElement(e.relatedTarget));
  doc.addEventListener('mouseover', over);
  doc.addEventListener('mouseout', out);
  doc.addEventListener('focusin', focusIn);
  doc.addEventListener('focusout', focusOut);
  return () => {
    doc.removeEventListener('mouseover', over);
    doc.removeEventListener('mouseout', out);
    doc.removeEventListener('focusin', focusIn);
    doc.removeEventListener('focusout', focusOut);
    state = {};
    applyActive(doc, new Set());
  };
}
