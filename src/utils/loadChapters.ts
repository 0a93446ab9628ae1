/** The chapters of this build in reading order: every page lists them through this one function. */
import { getCollection } from 'astro:content';
import { publishedChapters, sortChapters } from './chapters.ts';

/** All chapters sorted (a duplicate order fails, drafts included), then drafts dropped outside `npm run dev`. */
export async function loadChapters() {
  return publishedChapters(sortChapters(await getCollection('chapters')), import.meta.env.DEV);
}
