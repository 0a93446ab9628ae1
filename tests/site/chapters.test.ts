import { test, expect } from 'vitest';
import { sortChapters, prevNext, chapterPath } from '../../src/utils/chapters.ts';

const entry = (id: string, order: number) => ({ id, data: { title: id.toUpperCase(), order } });

test('chapters are sorted by their order, not by file name', () => {
  const sorted = sortChapters([entry('vae', 2), entry('diffusion', 3), entry('elbo', 1)]);
  expect(sorted.map((c) => c.id)).toEqual(['elbo', 'vae', 'diffusion']);
});

test('two chapters claiming the same order is an error naming both', () => {
  expect(() => sortChapters([entry('a', 1), entry('b', 1)])).toThrow(/"a" and "b" both have order 1/);
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
