/**
 * The one place for the site's identity and URLs. astro.config.mjs, the layouts and the markdown
 * plugins read these; nothing else hard-codes them.
 */
/**
 * Where GitHub Pages serves a repository 'owner/name': https://owner.github.io/name/, or the domain's
 * root for the 'owner.github.io' repository. The deploy workflow passes NOTES_REPOSITORY (its
 * github.repository) so the base path follows the repository's name; without it the site is at '/'.
 */
export function pagesLocation(repository: string | undefined): { url: string; base: string } | null {
  if (!repository) return null;
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository);
  if (!m) throw new Error(`NOTES_REPOSITORY must look like "owner/name", got "${repository}"`);
  const [, owner, name] = m;
  const url = `https://${owner.toLowerCase()}.github.io`;
  return { url, base: name.toLowerCase() === `${owner.toLowerCase()}.github.io` ? '/' : `/${name}/` };
}

const pages = pagesLocation(typeof process === 'undefined' ? undefined : process.env.NOTES_REPOSITORY);

export const site = {
  title: 'Notes on Generative Models',
  description: 'The ELBO, variational autoencoders, hierarchical VAEs and diffusion models, derived step by step, with every equation typeset.',
  /** Canonical origin of the deployed site (used for canonical URLs, OpenGraph and the sitemap). */
  url: pages?.url ?? 'https://notes-on-generative-models.github.io',
  /** Base path the site is served under ('/' at the root of a domain). Must start and end with '/'. */
  base: pages?.base ?? '/',
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
