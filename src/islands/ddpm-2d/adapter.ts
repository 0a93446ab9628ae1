/**
 * The 2-D DDPM (src/ml/diffusion/ddpm2d.ts) as a kit adapter: the committed weights for the default
 * recipe, a fresh seeded model otherwise, and snapshots of the reverse process (every state x_t of
 * SAMPLE_POINTS points, so the reader can scrub from noise to samples).
 */
import * as tf from '@tensorflow/tfjs';
import type { Toy2dName } from '../../ml/data/toy2d.ts';
import { createDdpm2d, type Ddpm2d } from '../../ml/diffusion/ddpm2d.ts';
import { loadDdpm } from '../../ml/diffusion/load.ts';
import type { Ddpm2dConfig } from '../../ml/diffusion/config.ts';
import { ddpm2dWeightSpec } from '../../ml/diffusion/weights.ts';
import { readWeights } from '../../ml/weightFile.ts';
import { deriveSeed } from '../../ml/random.ts';
import type { AdapterContext, ExampleAdapter } from '../kit/adapter.ts';
import type { SettingsData } from '../kit/protocol.ts';
import { REPORT_EVERY, SAMPLE_EVERY, SAMPLE_POINTS, SAMPLE_STEPS, SPEC } from './config.ts';

/** The model config of a run: the recipe's defaults on the reader's data set, seeded. */
const runConfig = (s: SettingsData, seed: number): Partial<Ddpm2dConfig> => ({
  dataset: s.dataset as Toy2dName,
  seed,
  decaySteps: s.steps as number,
  learningRate: s.lr as number,
  batchSize: s.batch as number,
});

/** True when the settings are the committed model's recipe. */
const isPretrainedRecipe = (s: SettingsData) => (['dataset', 'steps', 'lr', 'batch'] as const).every((k) => s[k] === SPEC[k].default);

/** The adapter; it holds nothing between calls. */
export function createAdapter(ctx: AdapterContext): ExampleAdapter<Ddpm2d> {
  return {
    trainable: true,
    cadence: (s) => ({ totalSteps: s.steps as number, reportEvery: REPORT_EVERY, snapshotEvery: SAMPLE_EVERY }),
    prepare: async () => {},
    async pretrained(s) {
      if (!isPretrainedRecipe(s)) return null;
      const [json, bytes] = await Promise.all([ctx.json<unknown>('models/ddpm2d/weights.json'), ctx.bytes('models/ddpm2d/weights.bin')]);
      // Validated (format, entries, shapes, checksum) before the model is built.
      return loadDdpm(await readWeights(json, bytes, ddpm2dWeightSpec, 'models/ddpm2d/weights.json'));
    },
    create: (s, seed) => createDdpm2d(runConfig(s, seed)),
    async snapshot(model, _s, seed) {
      const times: number[] = [];
      const kept: tf.Tensor2D[] = [];
      const out = model.sample(SAMPLE_POINTS, deriveSeed(seed, 7), SAMPLE_STEPS, (t, x) => {
        times.push(t);
        kept.push(tf.keep(x.clone()));
      });
      out.dispose();
      const frames = (await Promise.all(kept.map((x) => x.data()))) as Float32Array[];
      tf.dispose(kept);
      return { data: { times, frames }, transfer: frames.map((f) => f.buffer as ArrayBuffer) };
    },
  };
}
