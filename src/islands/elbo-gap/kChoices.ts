/**
 * The k slider steps geometrically (1, 2, 3, 5, 10, …, 1000): L_k changes most at small k, and a linear
 * slider over 1–1000 would leave k < 10 in its first pixel. Pure, so it is unit-tested.
 */

/** The k values the slider offers, in order. */
export const K_CHOICES: readonly number[] = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000];

/** The slider position whose k is nearest to `k` on a log scale (a k from the URL may lie between steps). */
export function kIndex(k: number): number {
  let best = 0;
  for (let i = 1; i < K_CHOICES.length; i++) {
    if (Math.abs(Math.log(K_CHOICES[i] / k)) < Math.abs(Math.log(K_CHOICES[best] / k))) best = i;
  }
  return best;
}
