/**
 * The one place for the site's identity and URLs. astro.config.mjs, the layouts and the markdown
 * plugins read these; nothing else hard-codes them.
 */
export const site = {
  title: 'Notes on Generative Models',
  description:
    'The ELBO, variational autoencoders, hierarchical VAEs and diffusion models, derived step by step, with every equation typeset.',
  /** Canonical origin of the deployed site (used for canonical URLs, OpenGraph and the sitemap). */
  url: 'https://notes-on-generative-models.github.io',
  /** Base path the site is served under ('/' at the root of a domain). Must start and end with '/'. */
  base: '/',
  /** Repository whose files the "Edit this page" links open. */
  repository: 'https://github.com/notes-on-generative-models/notes',
  /** Branch the edit links point at. */
  branch: 'main',
  /** Folder of the chapters, relative to the repository root (edit links and the equation index use it). */
  contentDir: 'content',
  lang: 'en',
  /**
   * The blog post these notes reproduce and correct (shared/seed/notes-on-generative-models.md,
   * its front matter). The seed gives no author name and no host for its permalink: fill
   * `author` and `url` when known, and the home page names and links them.
   */
  sourcePost: {
    title: 'Notes on generative models',
    date: '2023-08-21',
    permalink: '/posts/2023/0821',
    author: undefined as string | undefined,
    url: undefined as string | undefined,
  },
} as const;

/** Prefixes a site-absolute path ('/vae/') with the configured base path. */
export function withBase(path: string, base: string = site.base): string {
  const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
  if (!path.startsWith('/')) throw new Error(`withBase expects a path starting with '/', got "${path}"`);
  return `${trimmedBase}${path}`;
}
