/** robots.txt, pointing crawlers at the sitemap (URL from src/config/site.ts). */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\nSitemap: ${new URL(`${import.meta.env.BASE_URL}sitemap-index.xml`, site)}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
