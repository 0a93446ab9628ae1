/**
 * After `astro build`, moves KaTeX's style attributes into one stylesheet of classes
 * (src/markdown/inlineStyles.ts) and links it from every page that had any. The file name carries a
 * hash of its content, so it is cached like the rest of /_astro/. Runs before Pagefind indexes the
 * pages (the text does not change).
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { filesEndingIn } from './builtFiles.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStyleClasses, linkStylesheet, moveInlineStyles } from '../markdown/inlineStyles.ts';

/** The Astro integration; see the module comment. */
export default function inlineStylesIntegration(): AstroIntegration {
  let base = '/';
  return {
    name: 'notes:inline-styles',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const classes = createStyleClasses();
        const pages: { file: string; html: string }[] = [];
        let moved = 0;
        let before = 0;
        let after = 0;
        for (const file of await filesEndingIn(site, '.html')) {
          const original = await readFile(file, 'utf8');
          const r = moveInlineStyles(original, classes);
          if (r.moved === 0) continue;
          moved += r.moved;
          before += Buffer.byteLength(original);
          after += Buffer.byteLength(r.html);
          pages.push({ file, html: r.html });
        }
        if (pages.length === 0) return;
        const css = classes.css();
        const name = `katex-styles.${createHash('sha256').update(css).digest('base64url').slice(0, 10)}.css`;
        await writeFile(path.join(site, '_astro', name), css);
        for (const p of pages) await writeFile(p.file, linkStylesheet(p.html, `${base}_astro/${name}`));
        const kb = (n: number) => `${Math.round(n / 1024)} KB`;
        logger.info(
          `${moved} KaTeX style attributes became ${classes.size} classes in ${name} (${kb(css.length)}); ${pages.length} pages, ${kb(before)} → ${kb(after)}`,
        );
      },
    },
  };
}
