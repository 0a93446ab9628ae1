/**
 * After `astro build`, adds to each chapter a preload for every KaTeX font its first layout needs,
 * where the blocks drawn at load end (src/markdown/fontPreloads.ts). The font files (hashed names)
 * come from the built stylesheets' @font-face rules, and so do the class-to-face rules of KaTeX and
 * of our figures. Runs before Pagefind indexes the pages (the text does not change).
 */
import type { AstroIntegration } from 'astro';
import { readFile, writeFile } from 'node:fs/promises';
import { filesEndingIn } from './builtFiles.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addFontPreloads, firstLayout, parseFontFaces, parseSiteFontRules, parseSkippable } from '../markdown/fontPreloads.ts';
import { SKIPPABLE } from '../scripts/blockSizes.ts';

/** The Astro integration; see the module comment. */
export default function fontPreloadsIntegration(): AstroIntegration {
  return {
    name: 'notes:font-preloads',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const css = (await Promise.all((await filesEndingIn(path.join(site, '_astro'), '.css')).map((f) => readFile(f, 'utf8')))).join('\n');
        const rules = parseSiteFontRules(css);
        const files = parseFontFaces(css);
        const skippable = parseSkippable(SKIPPABLE);
        const report: string[] = [];
        for (const file of await filesEndingIn(site, '.html')) {
          const html = await readFile(file, 'utf8');
          const first = firstLayout(html, rules, skippable);
          const faces = [...first.faces].sort();
          const missing = faces.filter((f) => !files.has(f));
          // A face with no file is drawn in a fallback font: a rule names a face that no @font-face provides.
          if (missing.length) throw new Error(`${path.relative(site, file)}: no @font-face file for ${missing.join(', ')}`);
          if (!faces.length || first.end === undefined) continue;
          await writeFile(
            file,
            addFontPreloads(
              html,
              faces.map((f) => files.get(f)!),
              first.end,
            ),
          );
          report.push(`${path.relative(site, file)} ${faces.length}`);
        }
        logger.info(`KaTeX font preloads: ${report.join(', ') || 'none'}`);
      },
    },
  };
}
