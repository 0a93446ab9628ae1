/**
 * The learning-rate schedule of the DDPMs: linear warm-up to a peak, then a cosine decay to a floor
 * (the shape of nanoGPT's get_lr). Pure: the rate is a function of the step and four numbers.
 */

/** The four numbers that define the schedule. */
export interface LearningRateSchedule {
  /** Peak Adam learning rate. */
  learningRate: number;
  /** Steps of linear learning-rate warm-up from 0 to the peak. */
  warmupSteps: number;
  /** Step at which the cosine decay reaches `minLearningRate` (and stays there). */
  decaySteps: number;
  /** Learning rate at the end of the decay. */
  minLearningRate: number;
}

/** The rate at training step `step` (0-based). */
export function learningRate(step: number, cfg: LearningRateSchedule): number {
  // 1) warm-up: step 0 already gets peak/warmupSteps, so no step is wasted at rate 0
  if (step < cfg.warmupSteps) return (cfg.learningRate * (step + 1)) / cfg.warmupSteps;
  // 2) after the decay, the floor
  if (step >= cfg.decaySteps) return cfg.minLearningRate;
  // 3) in between, cosine from the peak down to the floor
  const progress = (step - cfg.warmupSteps) / Math.max(1, cfg.decaySteps - cfg.warmupSteps);
  return cfg.minLearningRate + 0.5 * (1 + Math.cos(Math.PI * progress)) * (cfg.learningRate - cfg.minLearningRate);
}
