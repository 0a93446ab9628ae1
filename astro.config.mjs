// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { remarkPlugins, rehypePlugins } from './src/markdown/pipeline.ts';
import { site } from './src/config/site.ts';
import { contentDirAbsolute } from './src/config/paths.ts';
import inlineStyles from './src/integrations/inlineStyles.ts';
import fontPreloads from './src/integrations/fontPreloads.ts';
import pagefind from './src/integrations/pagefind.ts';
import { cspDirectives } from './src/config/csp.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  // Two chapter files with one slug ('score-matching.mdx' and 'score matching.mdx') fail the build naming both.
  prerenderConflictBehavior: 'error',
  // Fixture builds (tests) keep their caches apart from the real site's.
  cacheDir: process.env.NOTES_CACHE_DIR ?? './node_modules/.astro',
  markdown: {
    processor: unified({ remarkPlugins: remarkPlugins(contentDirAbsolute), rehypePlugins }),
    // Shiki's inline styles are incompatible with the CSP below.
    syntaxHighlight: 'prism',
  },
  integrations: [mdx(), sitemap(), inlineStyles(), fontPreloads(), pagefind()],
  security: { csp: cspDirectives },
  devToolbar: { enabled: false },
  // Never inline assets as data: URIs (KaTeX's small fonts would be): the CSP allows fonts from 'self' only.
  vite: {
    build: { assetsInlineLimit: 0 },
    // Examples: src/ml's `@tensorflow/tfjs` is the core and the backends we use (src/islands/tfjs-browser.ts).
    resolve: { alias: [{ find: /^@tensorflow\/tfjs$/, replacement: fileURLToPath(new URL('./src/islands/tfjs-browser.ts', import.meta.url)) }] },
    // ES-module workers keep dynamic imports (the WebGPU backend) as chunks loaded only when tried.
    worker: { format: 'es' },
  },
});
