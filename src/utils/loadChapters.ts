/** The chapters of this build in reading order: every page lists them through this one function. */
import { getCollection } from 'astro:content';
import { publishedChapters, sortChapters } from './chapters.ts';

/** All chapters sorted (a duplicate order fails, drafts included), then drafts dropped outside `npm run dev`. */
export async function loadChapters() {
  // MODE, not DEV: `astro build` is mode 'production' even when NODE_ENV is 'test' (a build run by Vitest), which makes DEV true.
  return publishedChapters(sortChapters(await getCollection('chapters')), import.meta.env.MODE === 'development');
}
