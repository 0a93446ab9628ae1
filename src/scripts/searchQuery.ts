/**
 * Search helpers with no DOM: spelling variants of the notes' terms, and the order results are shown in.
 * Pagefind matches stems and prefixes but knows no synonyms, so a query is also run with each variant.
 */

/** Groups of spellings that name the same thing; the first is how the notes spell it. */
export const variantGroups: readonly (readonly string[])[] = [
  ['reparameterization', 'reparametrization', 'reparameterisation', 'reparametrisation'],
  ['reparameterized', 'reparametrized', 'reparameterised', 'reparametrised'],
  ['reparameterize', 'reparametrize', 'reparameterise', 'reparametrise'],
  ['kl', 'kullback-leibler', 'kullback leibler', 'kullback'],
  ['posterior', 'posteriori'],
  ['normalizing', 'normalising'],
  ['modelling', 'modeling'],
];

/** The query as typed plus one query per variant spelling found in it (lower case, no duplicates). */
export function variantQueries(query: string): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const out = new Set([q]);
  for (const group of variantGroups) {
    // Longest spellings first, so "kullback-leibler" is replaced whole rather than as "kullback".
    const spellings = [...group].sort((a, b) => b.length - a.length);
    for (const s of spellings) {
      const re = new RegExp(`(^|[^a-z])${s.replace(/[-\s]/g, '[-\\s]')}(?=$|[^a-z-])`);
      if (!re.test(q)) continue;
      for (const other of group) if (other !== s) out.add(q.replace(re, (_, pre: string) => pre + other));
      break;
    }
  }
  return [...out];
}

export interface SectionHit {
  url: string;
  title: string;
  excerpt: string;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean);

/** True when every word of the query (or of one of its variants) starts a word of the title. */
export function titleMatches(title: string, queries: readonly string[]): boolean {
  const t = words(title);
  return queries.some((q) => {
    const w = words(q);
    return w.length > 0 && w.every((x) => t.some((y) => y.startsWith(x)));
  });
}

/**
 * Sections whose own title matches the query first, the closest title (fewest words) leading;
 * the rest keep Pagefind's order.
 */
export function rankSections<T extends SectionHit>(hits: readonly T[], queries: readonly string[]): T[] {
  const seen = new Set<string>();
  const unique = hits.filter((h) => !seen.has(h.url) && seen.add(h.url));
  const titled = unique.filter((h) => titleMatches(h.title, queries));
  const byLength = titled
    .map((h, i) => ({ h, i, n: words(h.title).length }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => x.h);
  return [...byLength, ...unique.filter((h) => !titleMatches(h.title, queries))];
}
