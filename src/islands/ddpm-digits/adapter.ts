/**
 * The committed MNIST DDPM (public/models/ddpm-mnist) as a kit adapter that does not train. The
 * reverse process runs one step per request, so the page can draw every state as it comes, pause
 * between steps (off screen, say) and stop a chain when the settings change; the worker keeps no
 * chain state: each 'step' request carries the current x_t and answers with the next one and x̂_0.
 */
import * as tf from '@tensorflow/tfjs';
import type { DdpmMnistConfig } from '../../ml/diffusion/config.ts';
import type { DdpmMnist } from '../../ml/diffusion/ddpmMnist.ts';
import { loadDdpm } from '../../ml/diffusion/load.ts';
import { initialNoise, type SamplingPlan } from '../../ml/diffusion/sampler.ts';
import { ddpmMnistWeightSpec } from '../../ml/diffusion/weights.ts';
import { MNIST_PIXELS } from '../../ml/data/mnist.ts';
import { deriveSeed } from '../../ml/random.ts';
import { readWeights, type WeightFile } from '../../ml/weightFile.ts';
import type { AdapterContext, ExampleAdapter } from '../kit/adapter.ts';
import { MODEL_PATH, NOISE_STREAM, PRETRAINED_STEPS } from './config.ts';

/** A 'step' request: reverse step i (K … 1) of the K-step plan from x ([n, 784], model space [−1, 1]). */
export interface StepRequest {
  steps: number;
  i: number;
  seed: number;
  x: Float32Array;
  /** The digit each row should become (0 … 9, or −1 for any) and the guidance weight w (ddpmMnist.ts's DigitCondition). */
  labels: number[];
  guidance: number;
  /** Echoed back, so the page can drop answers for a chain it abandoned. */
  chain: number;
}

/** The adapter; it keeps the decoded weight file (host arrays) so new settings rebuild without refetching. */
export function createAdapter(ctx: AdapterContext): ExampleAdapter<DdpmMnist> {
  let file: WeightFile<DdpmMnistConfig> | null = null;
  const plans = new Map<number, SamplingPlan>();
  return {
    trainable: false,
    pretrainedSteps: PRETRAINED_STEPS,
    cadence: () => ({ totalSteps: PRETRAINED_STEPS, reportEvery: 1, snapshotEvery: 1 }),
    prepare: async () => {},
    async pretrained() {
      if (!file) {
        const [json, bytes] = await Promise.all([ctx.json<unknown>(`${MODEL_PATH}weights.json`), ctx.bytes(`${MODEL_PATH}weights.bin`)]);
        // Validated (format, entries, shapes, checksum) before the model is built.
        file = await readWeights(json, bytes, ddpmMnistWeightSpec, `${MODEL_PATH}weights.json`);
      }
      return loadDdpm(file);
    },
    create() {
      throw new Error('the digits example samples the pretrained model only');
    },
    /** x_T ~ N(0, I) for the settings' digits and the kit's seed: where every chain starts. */
    async snapshot(model, s, seed) {
      const noiseSeed = deriveSeed(seed, NOISE_STREAM);
      const x0 = initialNoise(s.digits as number, MNIST_PIXELS, noiseSeed);
      const x = (await x0.data()) as Float32Array;
      x0.dispose();
      return { data: { x, seed: noiseSeed, T: model.config.T }, transfer: [x.buffer as ArrayBuffer] };
    },
    async request(model, name, payload) {
      if (name !== 'step') throw new Error(`unknown request ${name}`);
      const r = payload as StepRequest;
      const n = r.x.length / MNIST_PIXELS;
      if (!Number.isInteger(n) || n < 1) throw new Error(`step: x holds ${r.x.length} numbers, not whole digits`);
      let plan = plans.get(r.steps);
      if (!plan) plans.set(r.steps, (plan = model.plan(r.steps)));
      const xt = tf.tensor2d(r.x, [n, MNIST_PIXELS]);
      if (r.labels.length !== n) throw new Error(`step: ${r.labels.length} labels for ${n} digits`);
      const { next, x0Hat } = model.denoiseStep(plan, r.i, xt, r.seed, { labels: r.labels, guidance: r.guidance });
      const [nextValues, x0Values] = (await Promise.all([next.data(), x0Hat.data()])) as Float32Array[];
      tf.dispose([xt, next, x0Hat]);
      // t of the state x was at, and of the next one (0: the sample).
      const t = plan.netSteps[r.i - 1];
      const tNext = r.i > 1 ? plan.netSteps[r.i - 2] : 0;
      return {
        data: { chain: r.chain, i: r.i, t, tNext, next: nextValues, x0Hat: x0Values },
        transfer: [nextValues.buffer as ArrayBuffer, x0Values.buffer as ArrayBuffer],
      };
    },
  };
}
