/** Adam with a per-step learning rate and an EMA: now the shared optimizer in ../optim/adam.ts (kept for imports). */
export { createAdam as createAdamEma, type Adam as AdamEma, type AdamOptions as AdamEmaOptions } from '../optim/adam.ts';
