/**
 * Puts the site's base path in front of site-absolute links written in chapters (`[chapter 1](/elbo/)`
 * becomes `/notes/elbo/` when the site is served under /notes/), so authors write routes as they
 * read them and a deploy under a repository name (src/config/site.ts) keeps every link working.
 */
import type { Root, Link } from 'mdast';
import { visit } from 'unist-util-visit';

/** The href with `base` ('/notes/') in front when it is site-absolute ('/x/'), unchanged otherwise. */
export function baseHref(href: string, base: string): string {
  if (!href.startsWith('/') || href.startsWith('//') || base === '/') return href;
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return href.startsWith(`${trimmed}/`) ? href : `${trimmed}${href}`;
}

/** The remark plugin; see the module comment. */
export default function remarkBaseLinks(options: { base: string }) {
  return (tree: Root) => {
    visit(tree, 'link', (node: Link) => {
      node.url = baseHref(node.url, options.base);
    });
  };
}
