import { test, expect } from 'vitest';
import { editUrl } from '../../src/utils/editUrl.ts';
import { withBase } from '../../src/config/site.ts';

test('the edit link opens the chapter source on the configured branch', () => {
  expect(editUrl('https://github.com/o/r/', 'main', 'content/vae.mdx')).toBe('https://github.com/o/r/edit/main/content/vae.mdx');
});

test('a leading ./ or / in the file path does not produce a double slash', () => {
  expect(editUrl('https://github.com/o/r', 'main', './content/vae.mdx')).toBe('https://github.com/o/r/edit/main/content/vae.mdx');
});

test('withBase prefixes site paths with the base path, once', () => {
  expect(withBase('/vae/', '/')).toBe('/vae/');
  expect(withBase('/vae/', '/notes/')).toBe('/notes/vae/');
  expect(() => withBase('vae/', '/')).toThrow(/starting with '\/'/);
});
