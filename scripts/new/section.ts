/**
 * Pure parts of `npm run new -- "Title"`: check the title, derive the slug the site will use (the
 * same github-slugger Astro's glob loader uses for ids), pick the next free order and write the
 * chapter's MDX. scripts/new.ts does the file system.
 */
import GithubSlugger from 'github-slugger';

/** Top-level names a chapter slug may not take: routes and folders the build itself writes. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['404', 'index', '_astro', 'pagefind', 'models', 'data', 'sitemap-index', 'sitemap-0', 'robots']);

/** The title trimmed, or an Error saying what is wrong with it. */
export function checkTitle(raw: string): string {
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title.length < 3 || title.length > 80) throw new Error(`the title must have 3 to 80 characters, got ${title.length} ("${title}")`);
  if (!/\p{L}/u.test(title)) throw new Error(`the title must contain a letter, got "${title}"`);
  if (/[\p{Cc}<>{}`$\\]/u.test(title))
    throw new Error(`the title may not contain control characters or any of < > { } \` $ \\ (MDX and math syntax), got "${title}"`);
  return title;
}

/** The URL slug of a title ('Score matching' → 'score-matching'), as Astro derives ids from file names. */
export function slugOf(title: string): string {
  return new GithubSlugger().slug(title);
}

/** The next free `order`: one more than the largest in use (drafts included), 1 for an empty site. */
export function nextOrder(orders: readonly number[]): number {
  return orders.length === 0 ? 1 : Math.max(...orders) + 1;
}

/** Why `slug` cannot be used, or null: empty, reserved, or taken by an existing chapter (named). */
export function slugProblem(slug: string, existing: ReadonlyMap<string, string>): string | null {
  if (!/^[a-z0-9]/.test(slug)) return `the title gives the slug "${slug}", which does not start with a letter or digit`;
  if (RESERVED_SLUGS.has(slug)) return `the slug "${slug}" is reserved for the site's own files`;
  const taken = existing.get(slug);
  return taken ? `the slug "${slug}" is already used by ${taken}` : null;
}

/** The new chapter's MDX: valid frontmatter, an outline, one labelled equation and one citation. */
export function sectionMdx(title: string, slug: string, order: number): string {
  const label = `${slug}-objective`;
  return `---
title: ${JSON.stringify(title)}
description: ${JSON.stringify(`TODO: one sentence (20 to 160 characters) on what "${title}" explains, for search results.`.slice(0, 160))}
order: ${order}
# Optional: updated: ${new Date().toISOString().slice(0, 10)} (default: the date of the last commit), authors: [Your Name], draft: true (dev server only).
---

Say in two or three sentences what this section explains and how it connects to the chapters before it.

## The idea

State the question, then the quantity that answers it. Label every display equation, so that prose and code can cite it:

$$
\\mathcal{L}(\\boldsymbol{\\theta}) = \\mathbb{E}_{p_{\\text{data}}(\\mathbf{x})}\\big[\\ell_{\\boldsymbol{\\theta}}(\\mathbf{x})\\big] \\label{${label}}
$$

Refer to it as $\\eqref{${label}}$, and cite sources by key from \`src/data/references.ts\` [@kingma2013].

## Derivation

Derive the result step by step; one idea per paragraph.

## In practice

What a reader would compute, and an example (\`npm run new -- --example "Title"\`, then its tag here).
`;
}
