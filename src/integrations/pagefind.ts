/**
 * Indexes the built site with Pagefind after `astro build`. An indexing error fails the build.
 * Only <main data-pagefind-body> is indexed; formulas are left out entirely (their MathML text
 * read as flattened TeX like "L(θ,ϕ;x)=−1L∑…" in result snippets), as are the TeX source annotation, the equation numbers and the navigation are
 * left out, so a search for "mathbf" finds nothing.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** Selectors whose text would only be noise in search results. */
export const excludeSelectors = ['.katex', 'annotation', '.eq-number', '.heading-anchor', 'nav', '[data-pagefind-ignore]'];

function check(step: string, errors: string[]): void {
  if (errors.length) throw new Error(`Pagefind ${step} failed:\n${errors.join('\n')}`);
}

/** The Astro integration; see the module comment. */
export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'notes:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ excludeSelectors });
        try {
          check('createIndex', errors);
          if (!index) throw new Error('Pagefind returned no index');
          const added = await index.addDirectory({ path: site });
          check('addDirectory', added.errors);
          const written = await index.writeFiles({ outputPath: `${site}pagefind` });
          check('writeFiles', written.errors);
          logger.info(`indexed ${added.page_count} HTML files in ${Math.round(performance.now() - started)} ms`);
        } catch (error) {
          throw new Error('Search indexing failed', { cause: error });
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
