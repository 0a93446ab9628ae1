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
});
