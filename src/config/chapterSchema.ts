/**
 * The frontmatter contract of a chapter. Strict: a misspelt, unknown or missing key fails the
 * build naming the file. (Used by src/content.config.ts and by the content tests.)
 */
import { z } from 'astro/zod';

export const chapterSchema = z.strictObject({
  /** Page title, shown as the h1, in the sidebar and in the browser tab. */
  title: z.string().min(1),
  /** One sentence for search results and social cards (20 to 160 characters). */
  description: z.string().min(20).max(160),
  /** Position in the reading order (1, 2, 3 …); also the chapter number of its equations. */
  order: z.number().int().positive(),
  /** Date of the last real change (YAML `2026-12-02`), shown as "Last updated"; default: the date of the last commit that touched the file. */
  updated: z.coerce.date().optional(),
  /** Who wrote the chapter, shown under the title; default: no byline. */
  authors: z.array(z.string().min(1)).min(1).optional(),
  /** A chapter in progress: built by `npm run dev`, left out of the production build (pages, nav, search, sitemap). Default false. */
  draft: z.boolean().default(false),
});
