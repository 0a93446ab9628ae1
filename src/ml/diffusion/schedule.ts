/**
 * Noise schedules of the variational diffusion model as plain arrays (no TF), computed once.
 *
 * Indexing follows the math: entry t of every table is step t, for t = 0 … T. Entry 0 is the data
 * itself (β_0 = 0, α_0 = ᾱ_0 = 1), so ᾱ_{t−1} is simply `alphaBar[t - 1]` for every t ≥ 1.
 */

/** Every per-step quantity the forward process, its posterior and the samplers need. Length T + 1. */
export interface Schedule {
  /** Number of diffusion steps T. */
  T: number;
  /** β_t = 1 − α_t, the variance added at step t (the forward step q(x_t|x_{t−1}) = N(√α_t x_{t−1}, (1 − α_t) I)). */
  beta: Float64Array;
  /** α_t = 1 − β_t. */
  alpha: Float64Array;
  /** ᾱ_t = Π_{s ≤ t} α_s (eq. vdm-forward-marginal: q(x_t|x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I)). */
  alphaBar: Float64Array;
  /** Signal-to-noise ratio SNR(t) = ᾱ_t / (1 − ᾱ_t) (Infinity at t = 0). */
  snr: Float64Array;
  /** σ_q²(t) = (1 − α_t)(1 − ᾱ_{t−1}) / (1 − ᾱ_t), the variance of q(x_{t−1}|x_t, x_0) (eq. vdm-posterior); 0 at t ≤ 1. */
  posteriorVariance: Float64Array;
  /** Coefficient of x_0 in the posterior mean μ_q: √ᾱ_{t−1} (1 − α_t) / (1 − ᾱ_t) (eq. vdm-posterior). */
  posteriorCoefX0: Float64Array;
  /** Coefficient of x_t in the posterior mean μ_q: √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) (eq. vdm-posterior). */
  posteriorCoefXt: Float64Array;
}

/** Linear betas β_t = β_1 + (β_T − β_1)(t − 1)/(T − 1) (Ho et al. 2020 use 1e-4 … 0.02 with T = 1000); entry 0 is 0. */
export function linearBetas(T: number, betaStart = 1e-4, betaEnd = 0.02): Float64Array {
  const beta = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) beta[t] = T === 1 ? betaStart : betaStart + ((betaEnd - betaStart) * (t - 1)) / (T - 1);
  return beta;
}

/**
 * Cosine betas (Nichol & Dhariwal 2021): ᾱ(t) = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1 + s))·π/2),
 * β_t = min(1 − ᾱ(t)/ᾱ(t − 1), maxBeta). The clip at 0.999 keeps the last steps from being singular
 * (f(T) = 0 would make β_T = 1). Entry 0 is 0.
 */
export function cosineBetas(T: number, s = 0.008, maxBeta = 0.999): Float64Array {
  const f = (t: number) => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  const beta = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) beta[t] = Math.min(1 - f(t) / f(t - 1), maxBeta);
  return beta;
}

/** ᾱ_t = Π_{s=1}^{t} (1 − β_s), with ᾱ_0 = 1 (eq. vdm-forward-marginal). */
export function alphaBarsFromBetas(beta: Float64Array): Float64Array {
  const alphaBar = new Float64Array(beta.length);
  alphaBar[0] = 1;
  for (let t = 1; t < beta.length; t++) alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
  return alphaBar;
}

/**
 * Builds every table from ᾱ_0 = 1, ᾱ_1, …, ᾱ_T. Starting from ᾱ (not β) is what makes respacing
 * exact: a sub-sequence of ᾱ defines its own α'_i = ᾱ_{t_i} / ᾱ_{t_{i−1}}.
 */
export function scheduleFromAlphaBars(alphaBar: Float64Array): Schedule {
  if (alphaBar[0] !== 1) throw new Error('scheduleFromAlphaBars: alphaBar[0] must be 1 (the data)');
  const T = alphaBar.length - 1;
  const alpha = new Float64Array(T + 1);
  const beta = new Float64Array(T + 1);
  const snr = new Float64Array(T + 1);
  const posteriorVariance = new Float64Array(T + 1);
  const posteriorCoefX0 = new Float64Array(T + 1);
  const posteriorCoefXt = new Float64Array(T + 1);
  alpha[0] = 1;
  snr[0] = Infinity;
  for (let t = 1; t <= T; t++) {
    alpha[t] = alphaBar[t] / alphaBar[t - 1];
    beta[t] = 1 - alpha[t];
    snr[t] = alphaBar[t] / (1 - alphaBar[t]);
    // eq. vdm-posterior (completed square of q(x_t|x_{t−1}) q(x_{t−1}|x_0)).
    posteriorVariance[t] = (beta[t] * (1 - alphaBar[t - 1])) / (1 - alphaBar[t]);
    posteriorCoefX0[t] = (Math.sqrt(alphaBar[t - 1]) * beta[t]) / (1 - alphaBar[t]);
    posteriorCoefXt[t] = (Math.sqrt(alpha[t]) * (1 - alphaBar[t - 1])) / (1 - alphaBar[t]);
  }
  return { T, beta, alpha, alphaBar, snr, posteriorVariance, posteriorCoefX0, posteriorCoefXt };
}

/** The full schedule from betas (entry 0 ignored). */
export function scheduleFromBetas(beta: Float64Array): Schedule {
  return scheduleFromAlphaBars(alphaBarsFromBetas(beta));
}

/** Kinds of beta schedule a config can name. */
export type ScheduleKind = 'linear' | 'cosine';

/** The schedule a config names: 'cosine' (Nichol & Dhariwal) or 'linear' (β from betaStart to betaEnd). */
export function makeSchedule(kind: ScheduleKind, T: number, betaStart = 1e-4, betaEnd = 0.02): Schedule {
  return scheduleFromBetas(kind === 'cosine' ? cosineBetas(T) : linearBetas(T, betaStart, betaEnd));
}

/**
 * K timesteps 1 ≤ t_1 < … < t_K = T spread evenly over 1 … T (K = T keeps every step).
 * The first kept step is 1 so the last sampling step lands on the data.
 */
export function evenlySpacedSteps(T: number, K: number): number[] {
  if (K < 1 || K > T) throw new Error(`evenlySpacedSteps: need 1 ≤ K ≤ T, got K = ${K}, T = ${T}`);
  if (K === 1) return [T];
  const steps: number[] = [];
  for (let i = 0; i < K; i++) steps.push(1 + Math.round((i * (T - 1)) / (K - 1)));
  return steps;
}

/**
 * The schedule restricted to kept steps t_1 < … < t_K: ᾱ'_i = ᾱ_{t_i}, hence
 * α'_i = ᾱ_{t_i} / ᾱ_{t_{i−1}} (t_0 = 0, ᾱ_0 = 1) and every derived table recomputed from those,
 * so each respaced step is an exact forward step of the same marginals q(x_t|x_0).
 */
export function respaceSchedule(schedule: Schedule, keptSteps: number[]): Schedule {
  const alphaBar = new Float64Array(keptSteps.length + 1);
  alphaBar[0] = 1;
  keptSteps.forEach((t, i) => {
    if (t < 1 || t > schedule.T || (i > 0 && t <= keptSteps[i - 1])) throw new Error(`respaceSchedule: steps must increase within 1 … ${schedule.T}`);
    alphaBar[i + 1] = schedule.alphaBar[t];
  });
  return scheduleFromAlphaBars(alphaBar);
}
