/** The term-link enhancer's state: which terms are active after pointer and focus changes. */
import { test, expect } from 'vitest';
import { activeTerms, nextTermState, type TermState } from '../../src/scripts/termLinks.ts';

const run = (events: Parameters<typeof nextTermState>[1][]): TermState => events.reduce(nextTermState, {} as TermState);

test('pointing at a term makes it active, and leaving it makes it inactive', () => {
  const on = run([{ via: 'hover', kind: 'enter', term: 'reconstruction' }]);
  expect([...activeTerms(on)]).toEqual(['reconstruction']);
  expect([...activeTerms(nextTermState(on, { via: 'hover', kind: 'leave', term: 'reconstruction' }))]).toEqual([]);
});

test('a focused term stays active while the pointer enters and leaves another one', () => {
  const s = run([
    { via: 'focus', kind: 'enter', term: 'prior-matching' },
    { via: 'hover', kind: 'enter', term: 'reconstruction' },
  ]);
  expect([...activeTerms(s)].sort()).toEqual(['prior-matching', 'reconstruction']);
  expect([...activeTerms(nextTermState(s, { via: 'hover', kind: 'leave', term: 'reconstruction' }))]).toEqual(['prior-matching']);
});

test('leaving a term that is not the current one changes nothing (events arriving out of order)', () => {
  const s = run([
    { via: 'hover', kind: 'enter', term: 'a' },
    { via: 'hover', kind: 'enter', term: 'b' },
    { via: 'hover', kind: 'leave', term: 'a' },
  ]);
  expect([...activeTerms(s)]).toEqual(['b']);
});

test('moving focus from one term to another activates only the new one', () => {
  const s = run([
    { via: 'focus', kind: 'enter', term: 'a' },
    { via: 'focus', kind: 'leave', term: 'a' },
    { via: 'focus', kind: 'enter', term: 'b' },
  ]);
  expect([...activeTerms(s)]).toEqual(['b']);
});
