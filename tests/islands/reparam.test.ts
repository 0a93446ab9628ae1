/** The gradient-variance example's pure parts: its checkpoints and its picture. */
import { describe, expect, test } from 'vitest';
import { checkpoints } from '../../src/islands/reparam/config.ts';
import { picture, pictureSummary, pictureSvg } from '../../src/islands/reparam/picture.ts';
import { normalDraws } from '../../src/ml/math/gradientEstimators.ts';

describe('the gradient-variance example', () => {
  test('checkpoints run from 2 to n, strictly increasing', () => {
    for (const n of [100, 10_000, 100_000]) {
      const c = checkpoints(n);
      expect(c[0]).toBe(2);
      expect(c.at(-1)).toBe(n);
      for (let i = 1; i < c.length; i++) expect(c[i]).toBeGreaterThan(c[i - 1]);
    }
  });

  test('the picture’s range is centred on the true gradient, and the text names both variances and closed forms', () => {
    const p = picture(2, normalDraws(5000, 1), 5000);
    expect((p.lo + p.hi) / 2).toBeCloseTo(4, 12);
    expect(p.exact.score).toBe(87);
    expect(p.sample.reparam).toBeLessThan(p.sample.score);
    const text = pictureSummary(2, p);
    expect(text).toMatch(/closed form 87\.00\)/);
    expect(text).toMatch(/closed form 4\.00\)/);
  });

  test('each histogram counts exactly the first n estimates (in bins or off the axis)', () => {
    const n = 3000;
    const svg = pictureSvg(1, picture(1, normalDraws(5000, 2), n), 't');
    for (const term of ['score-function', 'pathwise']) {
      const group = new RegExp(`<g class="rp-hist[^"]*" data-term="${term}">(.*?)</g>`).exec(svg)![1];
      expect(group.length).toBeGreaterThan(0);
    }
    // The reparameterized estimates 2(μ + ε) all fall inside μ ± 2.5·√30 here: nothing reported off the axis.
    expect(svg).not.toMatch(/Reparameterized[^<]*off the axis/);
  });
});
