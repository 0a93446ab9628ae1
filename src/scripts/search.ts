/**
 * The search box over Pagefind's index. Pagefind (JS + WASM, served from /pagefind/) loads only
 * when the reader first focuses the box, so pages ship no search code up front.
 * Keyboard: "/" focuses the box; ArrowUp/ArrowDown move through results; Enter opens; Escape closes.
 */

import { variantQueries, rankSections, titleMatches } from './searchQuery.ts';

interface PagefindResult {
  url: string;
  meta: { title?: string };
  excerpt: string;
  sub_results?: { url: string; title: string; excerpt: string }[];
}
interface Pagefind {
  init?: () => Promise<void>;
  options?: (o: Record<string, unknown>) => Promise<void>;
  debouncedSearch: (q: string) => Promise<PagefindSearch | null>;
  search: (q: string) => Promise<PagefindSearch>;
}
interface PagefindSearch {
  results: { id: string; score: number; data: () => Promise<PagefindResult> }[];
}

let pagefindPromise: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  const url = `${import.meta.env.BASE_URL}pagefind/pagefind.js`;
  pagefindPromise ??= import(/* @vite-ignore */ url).then(async (pf: Pagefind) => {
    await pf.options?.({ excerptLength: 24 });
    await pf.init?.();
    return pf;
  });
  return pagefindPromise;
}

/** Pagefind excerpts mark hits with <mark>; keep only that markup, escape everything else. */
function safeExcerpt(html: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of html.split(/(<mark>.*?<\/mark>)/g)) {
    const hit = /^<mark>(.*)<\/mark>$/.exec(part);
    const text = (hit ? hit[1] : part)
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    if (hit) {
      const mark = document.createElement('mark');
      mark.textContent = text;
      fragment.append(mark);
    } else fragment.append(text);
  }
  return fragment;
}

/** Reveals the search box and wires it to Pagefind. */
export function initSearch(): void {
  const box = document.querySelector<HTMLElement>('[data-search]');
  if (!box) return;
  const input = box.querySelector<HTMLInputElement>('input')!;
  const panel = box.querySelector<HTMLElement>('[data-search-panel]')!;
  const list = box.querySelector<HTMLUListElement>('[data-search-results]')!;
  const status = box.querySelector<HTMLElement>('[data-search-status]')!;
  box.hidden = false;
  let active = -1;

  const options = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];
  const setActive = (i: number) => {
    const all = options();
    active = all.length ? (i + all.length) % all.length : -1;
    all.forEach((a, j) => a.parentElement!.setAttribute('aria-selected', String(j === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', all[active].parentElement!.id);
      all[active].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = (show: boolean) => {
    panel.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
  };

  input.addEventListener('focus', () => void loadPagefind().catch(() => (status.textContent = 'Search is unavailable.')), { once: true });
  input.addEventListener('input', async () => {
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      open(false);
      return;
    }
    open(true);
    status.textContent = 'Searching…';
    // The query as typed, then its spelling variants (searchQuery.ts); a page found by several keeps its best score.
    const queries = variantQueries(query);
    let searches: (PagefindSearch | null)[];
    try {
      const pf = await loadPagefind();
      const first = await pf.debouncedSearch(queries[0]);
      searches = [first, ...(first ? await Promise.all(queries.slice(1).map((q) => pf.search(q))) : [])];
    } catch {
      status.textContent = 'Search is unavailable.';
      return;
    }
    if (!searches[0] || input.value.trim() !== query) return; // superseded by a newer query
    const best = new Map<string, PagefindSearch['results'][number]>();
    for (const r of searches.flatMap((s) => s?.results ?? [])) if ((best.get(r.id)?.score ?? -1) < r.score) best.set(r.id, r);
    const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, 8);
    const pages = await Promise.all(ranked.map((r) => r.data()));
    const sections = pages.flatMap((page) =>
      // A page's first few sections, plus any section titled by the query wherever it sits on the page.
      (page.sub_results?.length
        ? page.sub_results.filter((sub, i) => i < 3 || titleMatches(sub.title, queries))
        : [{ url: page.url, title: page.meta.title ?? page.url, excerpt: page.excerpt }]
      ).map((sub) => ({ ...sub, page })),
    );
    const items: HTMLLIElement[] = [];
    for (const { page, ...sub } of rankSections(sections, queries).slice(0, 12)) {
      const li = document.createElement('li');
      li.id = `search-result-${items.length}`;
      li.setAttribute('role', 'option');
      const a = document.createElement('a');
      a.href = sub.url;
      const title = document.createElement('span');
      title.className = 'search-result-title';
      title.textContent = sub.title === page.meta.title ? sub.title : `${page.meta.title} › ${sub.title}`;
      const excerpt = document.createElement('span');
      excerpt.className = 'search-result-excerpt';
      excerpt.append(safeExcerpt(sub.excerpt));
      a.append(title, excerpt);
      li.append(a);
      items.push(li);
    }
    list.replaceChildren(...items);
    status.textContent = items.length ? `${items.length} result${items.length > 1 ? 's' : ''}` : 'No results.';
    setActive(-1);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      options()[active].click();
    } else if (e.key === 'Escape') {
      open(false);
      input.blur();
    }
  });
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    e.preventDefault();
    input.focus();
  });
  document.addEventListener('click', (e) => {
    if (!box.contains(e.target as Node)) open(false);
  });
  // Choosing a result closes the panel, so it does not cover the section it leads to.
  list.addEventListener('click', (e) => {
    if (!(e.target as HTMLElement).closest('a')) return;
    open(false);
    input.blur();
  });
}
