import { test, expect } from 'vitest';
import { currentIndex } from '../../src/scripts/contents.ts';

test('the current section is the last heading whose top has reached the line', () => {
  expect(currentIndex([-500, -20, 300, 900], 100)).toBe(1);
  expect(currentIndex([-500, -20, 100, 900], 100)).toBe(2);
});

test('before the first heading is reached, the first section is current', () => {
  expect(currentIndex([400, 900], 100)).toBe(0);
});

test('past the last heading, the last section stays current', () => {
  expect(currentIndex([-900, -400], 100)).toBe(1);
});
