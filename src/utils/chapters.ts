/** Reading order of the chapters and the links between them. */

export interface ChapterLike {
  id: string;
  /** The source file ('content/vae.mdx'), named in errors when present. */
  filePath?: string;
  data: { title: string; order: number; draft?: boolean };
}

export interface PageLink {
  href: string;
  title: string;
}

/** Sorts chapters by their `order`; two chapters with the same order are an error naming both files. */
export function sortChapters<T extends ChapterLike>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.data.order - b.data.order);
  const name = (c: ChapterLike) => c.filePath ?? c.id;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].data.order === sorted[i - 1].data.order) {
      throw new Error(`Chapters ${name(sorted[i - 1])} and ${name(sorted[i])} both have order ${sorted[i].data.order}: give each its own`);
    }
  }
  return sorted;
}

/** The chapters a build shows: drafts only when `includeDrafts` (the dev server), never in production. */
export function publishedChapters<T extends ChapterLike>(entries: readonly T[], includeDrafts: boolean): T[] {
  return entries.filter((c) => includeDrafts || !c.data.draft);
}

/** The route of a chapter (`/vae/`), before the base path is applied. */
export function chapterPath(id: string): string {
  return `/${id}/`;
}

/** The previous and next chapters of `id` in reading order. */
export function prevNext(sorted: readonly ChapterLike[], id: string): { prev?: PageLink; next?: PageLink } {
  const i = sorted.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`No chapter "${id}"`);
  const link = (c: ChapterLike | undefined): PageLink | undefined => c && { href: chapterPath(c.id), title: c.data.title };
  return { prev: link(sorted[i - 1]), next: link(sorted[i + 1]) };
}
