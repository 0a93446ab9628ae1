import { test, expect } from 'vitest';
import { buildToc } from '../../src/utils/toc.ts';

const h = (depth: number, slug: string) => ({ depth, slug, text: `${slug} #` });

test('h3 headings nest under the h2 before them, and the "#" self-link is dropped from the text', () => {
  expect(buildToc([h(2, 'a'), h(3, 'a1'), h(3, 'a2'), h(2, 'b')])).toEqual([
    {
      depth: 2,
      slug: 'a',
      text: 'a',
      children: [
        { depth: 3, slug: 'a1', text: 'a1', children: [] },
        { depth: 3, slug: 'a2', text: 'a2', children: [] },
      ],
    },
    { depth: 2, slug: 'b', text: 'b', children: [] },
  ]);
});

test('h1 and headings deeper than h3 are left out', () => {
  expect(buildToc([h(1, 'title'), h(2, 'a'), h(4, 'deep')]).map((i) => i.slug)).toEqual(['a']);
  expect(buildToc([h(2, 'a'), h(4, 'deep')])[0].children).toEqual([]);
});

test('an h3 before any h2 stays at the top level instead of disappearing', () => {
  expect(buildToc([h(3, 'early'), h(2, 'a')]).map((i) => i.slug)).toEqual(['early', 'a']);
});
