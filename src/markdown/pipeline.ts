/**
 * The remark/rehype plugins every chapter goes through, in order. astro.config.mjs and the content
 * tests both use this list, so the tests check exactly what the build renders.
 */
import path from 'node:path';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import type { RemarkPlugins, RehypePlugins } from 'astro';
import remarkEquations from './remarkEquations.ts';
import remarkCitations from './remarkCitations.ts';
import remarkBaseLinks from './remarkBaseLinks.ts';
import rehypeKatexStrict from './rehypeKatexStrict.ts';
import rehypeHeadingAnchors from './rehypeHeadingAnchors.ts';
import rehypeScrollables from './rehypeScrollables.ts';
import rehypeInlineMathBreaks from './rehypeInlineMathBreaks.ts';
import rehypeTerms from './rehypeTerms.ts';
import { katexStrict, katexTrust } from './terms.ts';
import { references } from '../data/references.ts';
import { site } from '../config/site.ts';

/**
 * KaTeX settings: strict, so LaTeX-incompatible input is an error rather than a console warning, and
 * nothing trusted but `\htmlData{term=<known term>}` (terms.ts), which ties a term to a chart's curve.
 */
export const katexOptions = { strict: katexStrict, output: 'htmlAndMathml', trust: katexTrust } as const;

/** Remark plugins for a content folder (absolute path). */
export function remarkPlugins(contentDir: string): RemarkPlugins {
  return [
    remarkMath,
    [remarkEquations, { contentDir: path.resolve(contentDir), base: site.base }],
    [remarkCitations, { references }],
    // After remarkEquations: its \eqref links already carry the base.
    [remarkBaseLinks, { base: site.base }],
  ];
}

/** Rehype plugins, KaTeX first, then the check that makes its errors fatal. */
export const rehypePlugins: RehypePlugins = [
  [rehypeKatex, katexOptions],
  rehypeKatexStrict,
  rehypeTerms,
  rehypeInlineMathBreaks,
  rehypeHeadingAnchors,
  rehypeScrollables,
];
