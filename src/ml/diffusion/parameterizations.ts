/**
 * The three equivalent predictions of a diffusion model at step t (chapter 4, "Three ways to say the
 * same thing"): the clean data x̂_0, the noise ε̂ and the score ŝ ≈ ∇ log q(x_t). All are tied by
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (eq. vdm-forward-marginal-reparam) and Tweedie's formula
 * (eq. vdm-tweedie), so each converts into the others with two numbers from the schedule.
 * Plain Float64Array math, no TF: these are identities, checked in tests against direct computations.
 */

function checkAlphaBar(alphaBar: number, where: string): void {
  if (!(alphaBar > 0 && alphaBar < 1)) throw new Error(`${where}: ᾱ_t must lie strictly between 0 and 1, got ${alphaBar}`);
}

function checkSameLength(a: Float64Array, b: Float64Array, where: string): void {
  if (a.length !== b.length) throw new Error(`${where}: vectors differ in length (${a.length} vs ${b.length})`);
}

/** x̂_0 = (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t (eq. vdm-x0-from-noise). */
export function x0FromEps(xt: Float64Array, eps: Float64Array, alphaBar: number): Float64Array {
  checkAlphaBar(alphaBar, 'x0FromEps');
  checkSameLength(xt, eps, 'x0FromEps');
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  return Float64Array.from(xt, (x, i) => (x - b * eps[i]) / a);
}

/** ε̂ = (x_t − √ᾱ_t x̂_0) / √(1 − ᾱ_t), the inverse of x0FromEps. */
export function epsFromX0(xt: Float64Array, x0: Float64Array, alphaBar: number): Float64Array {
  checkAlphaBar(alphaBar, 'epsFromX0');
  checkSameLength(xt, x0, 'epsFromX0');
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  return Float64Array.from(xt, (x, i) => (x - a * x0[i]) / b);
}

/** ŝ = −ε̂ / √(1 − ᾱ_t): at the optimum, E[ε | x_t] = −√(1 − ᾱ_t) ∇ log q(x_t) (eq. vdm-eps-score). */
export function scoreFromEps(eps: Float64Array, alphaBar: number): Float64Array {
  checkAlphaBar(alphaBar, 'scoreFromEps');
  const b = Math.sqrt(1 - alphaBar);
  return Float64Array.from(eps, (e) => -e / b);
}

/** ε̂ = −√(1 − ᾱ_t) ŝ, the inverse of scoreFromEps. */
export function epsFromScore(score: Float64Array, alphaBar: number): Float64Array {
  checkAlphaBar(alphaBar, 'epsFromScore');
  const b = Math.sqrt(1 - alphaBar);
  return Float64Array.from(score, (s) => -b * s);
}

/** Tweedie's formula (eq. vdm-tweedie): E[x_0 | x_t] = (x_t + (1 − ᾱ_t) ∇ log q(x_t)) / √ᾱ_t. */
export function x0FromScore(xt: Float64Array, score: Float64Array, alphaBar: number): Float64Array {
  checkAlphaBar(alphaBar, 'x0FromScore');
  checkSameLength(xt, score, 'x0FromScore');
  const a = Math.sqrt(alphaBar);
  return Float64Array.from(xt, (x, i) => (x + (1 - alphaBar) * score[i]) / a);
}

/**
 * Classifier-free guidance (eq. vdm-cfg, Ho & Salimans 2022): ε̃ = (1 + w) ε̂(x_t, y) − w ε̂(x_t). At the
 * optimum this is the ε of the score ∇ log q(x_t | y) + w ∇ log q(y | x_t) (eq. vdm-eps-score and Bayes'
 * rule). The MNIST model mixes its tensors the same way (ddpmMnist.ts).
 */
export function guidedEps(withLabel: Float64Array, withoutLabel: Float64Array, w: number): Float64Array {
  checkSameLength(withLabel, withoutLabel, 'guidedEps');
  return Float64Array.from(withLabel, (e, i) => (1 + w) * e - w * withoutLabel[i]);
}

/** ‖a − b‖². */
export function squaredDistance(a: Float64Array, b: Float64Array): number {
  checkSameLength(a, b, 'squaredDistance');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

/**
 * Per-step weights on the clean-data error ‖x̂_0 − x_0‖² (eq. vdm-simple-weighting): the ELBO's
 * ½(SNR(t−1) − SNR(t)) (eq. vdm-snr-weight) and L_simple's SNR(t), which follows from
 * ‖ε − ε̂‖² = SNR(t) ‖x̂_0 − x_0‖² (eq. vdm-eps-x0-snr). SNR(0) = ∞, so the ELBO weight exists for t ≥ 2.
 */
export function x0ErrorWeights(snr: Float64Array, t: number): { elbo: number; simple: number } {
  if (!Number.isInteger(t) || t < 2 || t >= snr.length) throw new Error(`x0ErrorWeights: t must be an integer in 2 … ${snr.length - 1}, got ${t}`);
  return { elbo: 0.5 * (snr[t - 1] - snr[t]), simple: snr[t] };
}
