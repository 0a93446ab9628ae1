import { test, expect } from 'vitest';
import { sortChapters, prevNext, chapterPath, publishedChapters } from '../../src/utils/chapters.ts';

const entry = (id: string, order: number) => ({ id, data: { title: id.toUpperCase(), order } });

test('chapters are sorted by their order, not by file name', () => {
  const sorted = sortChapters([entry('vae', 2), entry('diffusion', 3), entry('elbo', 1)]);
  expect(sorted.map((c) => c.id)).toEqual(['elbo', 'vae', 'diffusion']);
});

test('two chapters claiming the same order is an error naming both', () => {
  expect(() => sortChapters([entry('a', 1), entry('b', 1)])).toThrow(/a and b both have order 1/);
});

test('the first chapter has only a next link, the last only a previous link', () => {
  const sorted = sortChapters([entry('elbo', 1), entry('vae', 2), entry('diffusion', 3)]);
  expect(prevNext(sorted, 'elbo')).toEqual({ prev: undefined, next: { href: '/vae/', title: 'VAE' } });
  expect(prevNext(sorted, 'vae')).toEqual({ prev: { href: '/elbo/', title: 'ELBO' }, next: { href: '/diffusion/', title: 'DIFFUSION' } });
  expect(prevNext(sorted, 'diffusion').next).toBeUndefined();
});

test('a chapter lives at /<id>/', () => {
  expect(chapterPath('vae')).toBe('/vae/');
});

test('a duplicate order names the source files when the entries carry them', () => {
  const withFile = (id: string) => ({ id, filePath: `content/${id}.mdx`, data: { title: id, order: 4 } });
  expect(() => sortChapters([withFile('score'), withFile('beta-vae')])).toThrow('content/score.mdx and content/beta-vae.mdx both have order 4');
});

test('drafts are kept for the dev server and dropped from a production build', () => {
  const chapters = [
    { id: 'done', data: { title: 'Done', order: 1, draft: false } },
    { id: 'wip', data: { title: 'WIP', order: 2, draft: true } },
  ];
  expect(publishedChapters(chapters, true).map((c) => c.id)).toEqual(['done', 'wip']);
  expect(publishedChapters(chapters, false).map((c) => c.id)).toEqual(['done']);
});
