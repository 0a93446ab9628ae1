/** `npm run bench -- pages` reports the median of its mobile Lighthouse runs (scripts/bench/pages.ts). */
import { describe, expect, test } from 'vitest';
import { countElements, medianRun } from '../../scripts/bench/pages.ts';

const run = (performance: number, held = false) => ({
  scores: { performance },
  metrics: { fcp: 0, lcp: 0, si: 0, tbt: 0, cls: 0, observedFcp: 0, observedLoad: 0 },
  held,
});

describe('the median mobile run', () => {
  test('is the middle run by performance, whatever the order they ran in', () => {
    const runs = [run(94), run(88, true), run(91)];
    expect(medianRun(runs)).toBe(runs[2]);
    expect(medianRun([run(97)]).scores.performance).toBe(97);
  });

  test('of an even count is the lower middle: the table never rounds a page up', () => {
    expect(medianRun([run(99), run(90), run(95), run(92)]).scores.performance).toBe(92);
  });
});

describe('the element count of a page', () => {
  test('counts every element the parser builds, the implied html, head and body included, and no text or comment', () => {
    expect(countElements('<p>a <b>b</b><!-- c --></p>')).toBe(5);
    expect(countElements('<!doctype html><html><head><title>t</title></head><body><math><mi>x</mi></math></body></html>')).toBe(6);
  });
});
