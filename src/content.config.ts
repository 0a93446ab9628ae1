/** The chapters collection: one MDX file per chapter in content/ (see src/config/chapterSchema.ts). */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentDir } from './config/paths.ts';
import { chapterSchema } from './config/chapterSchema.ts';

export const collections = {
  chapters: defineCollection({
    // deferRender: render at page build, so a bad chapter fails the build instead of becoming an empty page.
    loader: glob({ pattern: '**/*.mdx', base: contentDir, deferRender: true }),
    schema: chapterSchema,
  }),
};
