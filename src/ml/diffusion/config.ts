/**
 * Hyperparameters of both DDPMs, one typed object per model with a comment per default: the fields
 * every DDPM has (`DdpmConfig`), the 2-D model's (`Ddpm2dConfig`: + data set and scale) and the MNIST
 * model's (`DdpmMnistConfig`: + what it predicts and the loss weighting). 2-D defaults are the benchmark recipe: 8 Gaussians,
 * cosine schedule, T = 100, MLP 3×128, batch 256.
 */
import type { Toy2dName } from '../data/toy2d.ts';
import type { LearningRateSchedule } from '../train/learningRate.ts';
import type { ScheduleKind } from './schedule.ts';

/** What defines any DDPM run here (the learning-rate fields are train/learningRate.ts's). */
export interface DdpmConfig extends LearningRateSchedule {
  /** Diffusion steps T. */
  T: number;
  /** β schedule kind. */
  schedule: ScheduleKind;
  /** Hidden layer widths of ε̂_θ. */
  hidden: number[];
  /** Sinusoidal time features fed to the network with x_t. */
  timeEmbedDim: number;
  /** Multiplier of t inside the sinusoids. */
  timeScale: number;
  /** Training batch size. */
  batchSize: number;
  /** Decay of the exponential moving average of the weights used for sampling; 0 samples with the raw weights. */
  emaDecay: number;
  /** Sampling clips the clean estimate x̂_0 to ±this, in data units (see SamplerOptions.clip); 0 = no clipping. */
  sampleClip: number;
  /** Seed of weights, batches, timesteps and noise: a run is a function of its config. */
  seed: number;
}

/** A 2-D DDPM run (points drawn fresh each step); override fields with `{ ...defaultDdpm2dConfig, … }`. */
export interface Ddpm2dConfig extends DdpmConfig {
  /** Toy data set drawn from at every step. */
  dataset: Toy2dName;
  /** Data are multiplied by this before diffusion (and samples divided by it). */
  dataScale: number;
}

/** An MNIST DDPM run: pixels in [−1, 1], so no data fields; what the network predicts and how its loss weighs t. */
export interface DdpmMnistConfig extends DdpmConfig {
  /**
   * What the network outputs (chapter 4's three parameterizations, eq. vdm-three-parameterizations):
   * 'x0' the clean digit x̂_0, 'eps' the noise ε̂. The sampler gets ε̂ either way (from x̂_0 by the
   * same identity), so only training and the network's job differ.
   */
  prediction: 'eps' | 'x0';
  /**
   * Min-SNR-γ weighting (Hang et al. 2023): each digit's clean-data error ‖x̂_0 − x_0‖² counts with
   * weight min(SNR(t), γ) (eq. vdm-eps-x0-snr: the ε-loss is weight SNR(t)), so the nearly clean steps
   * no longer dominate. 0: the plain mean squared error of the predicted quantity.
   */
  minSnrGamma: number;
  /**
   * Classes the network is told to draw (10: the digit; 0: unconditional). A labelled model learns
   * p(x | y) and, with `labelDropout`, p(x) too: classifier-free guidance (Ho & Salimans 2022) needs both.
   */
  labels: number;
  /** Probability that a training digit's label is hidden ("no label"), so that one network learns both ε̂(x_t, y) and ε̂(x_t). */
  labelDropout: number;
  /**
   * The guidance weight w sampling uses by default: ε̃ = (1 + w) ε̂(x_t, y) − w ε̂(x_t), which trades
   * variety for digits more typical of their class (0: the conditional model as trained).
   */
  guidance: number;
  /** DDIM's η for sampling (sampler.ts's SamplerOptions.eta): 1 the ancestral step of eq. vdm-sampling-step, 0 no fresh noise. */
  sampleEta: number;
}

/** A sampling label that asks for no digit in particular (ddpmMnist.ts's DigitCondition). */
export const ANY_DIGIT = -1;

/** The labels 0, 1, …, 9, 0, 1, … for n samples: every digit in turn, as the example, the preview and the bench ask for them. */
export const digitsInTurn = (n: number): number[] => Array.from({ length: n }, (_, i) => i % 10);

/** The defaults; see each field's comment in `Ddpm2dConfig`. */
export const defaultDdpm2dConfig: Ddpm2dConfig = {
  dataset: 'eightGaussians', // the benchmark set: 8 modes at radius 2, std 0.1
  T: 100, // enough steps for 2-D data; sampling 2,000 points takes well under a second
  schedule: 'cosine', // Nichol & Dhariwal 2021: less signal destroyed early than linear at small T
  hidden: [128, 128, 128], // the reference recipe's MLP 3×128
  timeEmbedDim: 32, // 16 frequencies, sin and cos
  timeScale: 10, // × t so that t = 1 … 100 spans the same angles as 10 … 1000 in Ho et al.'s T = 1000 embedding
  batchSize: 256, // the reference recipe's batch
  learningRate: 2e-3, // peak Adam rate; warmup and decay make a higher peak than 1e-3 stable
  warmupSteps: 100, // avoids large early Adam steps while its second-moment estimate is still poor
  decaySteps: 3000, // cosine decay over the benchmark's 3,000 steps
  minLearningRate: 1e-4, // the end of the decay: small steps average out the gradient noise of ε-MSE
  emaDecay: 0.995, // weight average over ~200 steps smooths the sampler's ε̂ (Ho et al. use 0.9999 over far longer runs)
  dataScale: 1, // none: scaling to unit variance (×0.5) measured worse (SW1 0.068/0.064 vs 0.044/0.038, seeds 1/2); ×1.5, ×2 no better
  sampleClip: 0, // off: samples follow eq. vdm-sampling-step exactly. 3 is worth it for few-step previews (10 respaced steps: SW1 0.60 → 0.08) and early in training
  seed: 1,
};

/** The MNIST model's defaults; see each field's comment in `DdpmConfig`. */
export const defaultDdpmMnistConfig: DdpmMnistConfig = {
  T: 200, // fewer steps than Ho et al.'s 1,000, so sampling in a browser takes seconds
  schedule: 'cosine', // keeps more signal at small t than linear, which matters at small T
  hidden: [512, 512], // ~1.2 M parameters with emb(t) at every layer: tens of ms per step on WASM
  timeEmbedDim: 64, // 32 frequencies, sin and cos
  timeScale: 5, // × t so that t = 1 … 200 spans the angles of Ho et al.'s t = 1 … 1000
  batchSize: 128,
  learningRate: 2e-3, // peak; warmup and cosine decay as for the 2-D model (1,500 steps at 2e-3 gave loss 0.29)
  warmupSteps: 200,
  decaySteps: 24000, // the committed run's length (the train script sets it to --steps): 18 minutes on one WASM thread
  minLearningRate: 5e-5,
  emaDecay: 0.999, // averages over ~1,000 steps: smoother samples from a short run
  sampleClip: 1, // pixels live in [−1, 1]: clipping x̂_0 there keeps early samples in range
  // ε̂: 2,000-step runs judged by `npm run bench -- ddpm-digits --samples 200` (2026-12-03): ε̂ 17.5 % confident;
  // x̂_0 from the MLP alone 0 % (every sample the same grey average digit); x̂_0 with a learned or a fixed
  // (Karras et al.) skip of x_t 0–1.5 % (digits under speckle noise). The old network (emb(t) at the input only) 8 %.
  prediction: 'eps',
  minSnrGamma: 0, // the plain ε-MSE of eq. vdm-simple-loss
  // Labels and guidance, measured with `npm run bench -- ddpm-digits` (300 samples each, 2026-12-03; the committed
  // 24,000-step run): confidently classified as the digit asked, all 200 steps, by w = 0, 1, 2, 3: 49, 88, 97, 99 %
  // (K = 50: 53, 91, 95, 98 %); the same network unguided, "any digit": 19 % of 1,000 (the unconditional model of 12,000
  // steps before it: 16 %). A network twice as wide (1024, 1024) for 12,000 steps, the same time: 32, 80, 92, 96 %.
  labels: 10, // the reader asks for a digit
  labelDropout: 0.15, // Ho & Salimans use 0.1–0.2
  guidance: 2, // digits as asked 97 % of the time, still varied in shape (w = 3: 99 %, stiffer)
  // DDIM's η = 0 (no fresh noise) measured no better with guidance (w = 2: 97 %; unguided 25 % against 18 %), so
  // the sampler stays the ancestral step the chapter derives.
  sampleEta: 1,
  seed: 1,
};
