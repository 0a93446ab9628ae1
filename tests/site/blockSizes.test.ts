import { describe, test, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXAMPLE_BUSY, nextBatch, SKIPPABLE } from '../../src/scripts/blockSizes.ts';
import { EXAMPLE_STATES } from '../../src/islands/kit/state.ts';

describe('drawing every block once while the page is idle', () => {
  test('a batch halves after a frame over 10 ms and doubles after one under 4 ms, staying within 1 … 32', () => {
    expect(nextBatch(8, 30)).toBe(4);
    expect(nextBatch(1, 30)).toBe(1);
    expect(nextBatch(8, 2)).toBe(16);
    expect(nextBatch(32, 2)).toBe(32);
    expect(nextBatch(8, 6)).toBe(8);
  });

  test('it draws exactly the blocks the stylesheet lets skip layout', () => {
    const css = readFileSync('src/styles/global.css', 'utf8');
    const selector = css.match(/\*\/\s*([^{}/]*)\{\s*content-visibility: auto;/)?.[1].trim();
    expect(selector).toBe(SKIPPABLE);
  });

  test('it waits while an example trains or samples: the selector names states the kit and ddpm-digits set', () => {
    const states = [...EXAMPLE_BUSY.matchAll(/\[data-(state|sampling)="([a-z]+)"\]/g)].map((m) => [m[1], m[2]]);
    expect(states).toEqual([
      ['state', 'running'],
      ['sampling', 'running'],
    ]);
    expect(EXAMPLE_STATES).toContain('running');
    expect(readFileSync('src/islands/ddpm-digits/view.ts', 'utf8')).toMatch(/type Sampling = [^;]*'running'/);
  });
});
