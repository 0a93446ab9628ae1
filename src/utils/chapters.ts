/** Reading order of the chapters and the links between them. */

export interface ChapterLike {
  id: string;
  data: { title: string; order: number };
}

export interface PageLink {
  href: string;
  title: string;
}

/** Sorts chapters by their `order`; two chapters with the same order are an error. */
export function sortChapters<T extends ChapterLike>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].data.order === sorted[i - 1].data.order) {
      throw new Error(`Chapters "${sorted[i - 1].id}" and "${sorted[i].id}" both have order ${sorted[i].data.order}`);
    }
  }
  return sorted;
}

/** The route of a chapter (`/vae/`), before the base path is applied. */
export function chapterPath(id: string): string {
  return `/${id}/`;
}

/** The previous and next chapters of `id` in reading order. */
export function prevNext(sorted: readonly ChapterLike[], id: string): { prev?: PageLink; next?: PageLink } {
  const i = sorted.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`No chapter "${id}"`);
  const link = (c: ChapterLike | undefined): PageLink | undefined =>
    c && { href: chapterPath(c.id), title: c.data.title };
  return { prev: link(sorted[i - 1]), next: link(sorted[i + 1]) };
}
