import { expect, test } from 'vitest';
import { chapterSchema } from '../../src/config/chapterSchema.ts';
import { renderChapter } from '../helpers/renderChapter.ts';
import { checkTitle, nextOrder, sectionMdx, slugOf, slugProblem } from '../../scripts/new/section.ts';
import path from 'node:path';

test('a title becomes the slug Astro gives its file', () => {
  expect(slugOf('Score matching')).toBe('score-matching');
  expect(slugOf('β-VAEs')).toBe('β-vaes');
  expect(slugOf('Flows: the basics')).toBe('flows-the-basics');
});

test('checkTitle trims and collapses spaces, and refuses empty, letterless or MDX-breaking titles', () => {
  expect(checkTitle('  Score   matching ')).toBe('Score matching');
  expect(() => checkTitle('')).toThrow(/3 to 80 characters/);
  expect(() => checkTitle('x'.repeat(81))).toThrow(/3 to 80 characters/);
  expect(() => checkTitle('1234')).toThrow(/a letter/);
  expect(() => checkTitle('The {x} section')).toThrow(/may not contain/);
  expect(() => checkTitle('Cost in $')).toThrow(/may not contain/);
});

test('the next order follows the largest in use, drafts included', () => {
  expect(nextOrder([1, 3, 2])).toBe(4);
  expect(nextOrder([])).toBe(1);
});

test('a slug taken by a chapter is refused naming its file; reserved and odd slugs are refused too', () => {
  const existing = new Map([['vae', 'content/vae.mdx']]);
  expect(slugProblem('vae', existing)).toBe('the slug "vae" is already used by content/vae.mdx');
  expect(slugProblem('pagefind', existing)).toMatch(/reserved/);
  expect(slugProblem('-x', existing)).toMatch(/does not start with a letter or digit/);
  expect(slugProblem('score-matching', existing)).toBeNull();
});

test('the scaffolded chapter has valid frontmatter and renders with one numbered, labelled equation and a resolved citation', async () => {
  const mdx = sectionMdx('Score matching: "why" it works', 'score-matching-why-it-works', 7);
  const fm = /^---\n([\s\S]*?)\n---/.exec(mdx)![1];
  const { load } = await import('js-yaml');
  const data = chapterSchema.parse(load(fm));
  expect(data).toMatchObject({ title: 'Score matching: "why" it works', order: 7, draft: false });
  const dir = path.resolve('content');
  const chapter = await renderChapter(mdx, path.join(dir, 'score-matching-why-it-works.mdx'), dir);
  const html = JSON.stringify(chapter.hast);
  expect(html).toContain('eq-score-matching-why-it-works-objective');
  expect(html).toContain('(7.1)');
  expect(html).toContain('Kingma');
});
