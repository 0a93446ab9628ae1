import { expect, test } from 'vitest';
import { chapterSchema } from '../../src/config/chapterSchema.ts';

const base = { title: 'Score matching', description: 'Learning the gradient of the log-density without its normalizing constant.', order: 4 };

test('updated, authors and draft are optional; draft defaults to false', () => {
  expect(chapterSchema.parse(base)).toEqual({ ...base, draft: false });
});

test('updated accepts a YAML date or an ISO string, as a Date', () => {
  expect(chapterSchema.parse({ ...base, updated: '2026-11-30' }).updated?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  expect(chapterSchema.parse({ ...base, updated: new Date('2026-11-30') }).updated).toBeInstanceOf(Date);
  expect(() => chapterSchema.parse({ ...base, updated: 'last week' })).toThrow(/updated/);
});

test('authors is a non-empty list of names', () => {
  expect(chapterSchema.parse({ ...base, authors: ['Ada Lovelace'] }).authors).toEqual(['Ada Lovelace']);
  expect(() => chapterSchema.parse({ ...base, authors: 'Ada Lovelace' })).toThrow(/authors/);
  expect(() => chapterSchema.parse({ ...base, authors: [] })).toThrow(/authors/);
});

test('an unknown key and a missing title are errors naming the field', () => {
  expect(() => chapterSchema.parse({ ...base, autors: ['A'] })).toThrow(/autors/);
  const { title: _title, ...untitled } = base;
  expect(() => chapterSchema.parse(untitled)).toThrow(/title/);
});
