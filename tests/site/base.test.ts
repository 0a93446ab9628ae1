import { expect, test } from 'vitest';
import { pagesLocation } from '../../src/config/site.ts';
import { baseHref } from '../../src/markdown/remarkBaseLinks.ts';

test('a repository deploys to owner.github.io under its name; the owner.github.io repository to the root', () => {
  expect(pagesLocation('Ada/notes')).toEqual({ url: 'https://ada.github.io', base: '/notes/' });
  expect(pagesLocation('ada/ada.github.io')).toEqual({ url: 'https://ada.github.io', base: '/' });
  expect(pagesLocation(undefined)).toBeNull();
  expect(() => pagesLocation('not a repo')).toThrow(/owner\/name/);
});

test('site-absolute chapter links get the base once; other links are left alone', () => {
  expect(baseHref('/elbo/', '/notes/')).toBe('/notes/elbo/');
  expect(baseHref('/elbo/#x', '/')).toBe('/elbo/#x');
  expect(baseHref('/notes/elbo/', '/notes/')).toBe('/notes/elbo/');
  expect(baseHref('#eq-a', '/notes/')).toBe('#eq-a');
  expect(baseHref('https://arxiv.org/abs/1', '/notes/')).toBe('https://arxiv.org/abs/1');
  expect(baseHref('//cdn.example/x', '/notes/')).toBe('//cdn.example/x');
});
