/** The on-page table of contents, built from the headings Astro reports for a rendered chapter. */

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocItem extends Heading {
  children: TocItem[];
}

/**
 * Nests h2–h3 headings into a tree (h3 under the h2 before it). Deeper headings and a stray h3
 * before any h2 stay at the top level rather than disappearing.
 */
export function buildToc(headings: readonly Heading[], maxDepth = 3): TocItem[] {
  const root: TocItem[] = [];
  let parent: TocItem | undefined;
  for (const h of headings) {
    if (h.depth < 2 || h.depth > maxDepth) continue;
    // Astro's heading text includes our "#" self-link; drop it.
    const item: TocItem = { ...h, text: h.text.replace(/\s*#$/, ''), children: [] };
    if (h.depth === 2 || !parent) {
      root.push(item);
      if (h.depth === 2) parent = item;
    } else {
      parent.children.push(item);
    }
  }
  return root;
}
