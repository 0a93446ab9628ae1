/**
 * The 2-D DDPM (src/ml/diffusion/ddpm2d.ts) as a kit adapter: the committed weights for the default
 * recipe, a fresh seeded model otherwise (on a toy set or the reader's drawing), and snapshots of the
 * reverse process (every state x_t of the sampled points, so the reader can scrub from noise to
 * samples) with the per-step denoising matching term L_t of the current model.
 */
import * as tf from '@tensorflow/tfjs';
import { pointSet2d } from '../../ml/data/pointSet2d.ts';
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import { createDdpm2d, type Ddpm2d } from '../../ml/diffusion/ddpm2d.ts';
import { loadDdpm } from '../../ml/diffusion/load.ts';
import { denoisingTermsByT } from '../../ml/diffusion/loss.ts';
import { defaultDdpm2dConfig, type Ddpm2dConfig } from '../../ml/diffusion/config.ts';
import { ddpm2dWeightSpec } from '../../ml/diffusion/weights.ts';
import { readWeights } from '../../ml/weightFile.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../../ml/random.ts';
import type { AdapterContext, ExampleAdapter } from '../kit/adapter.ts';
import type { SettingsData } from '../kit/protocol.ts';
import { EXTENT, LT_BATCH, LT_STEPS, REPORT_EVERY, SAMPLE_EVERY, SPEC } from './config.ts';
import { decodePoints } from './points.ts';

/** Seed of the fixed held-out batch (data and noise) that L_t is estimated on: the same for every model, so curves compare. */
const HELD_OUT_SEED = 4242;

/** The drawn points of the settings when the data set is 'drawn', else undefined. */
const drawnPoints = (s: SettingsData): Float32Array | undefined => (s.dataset === 'drawn' ? decodePoints(s.points as string, EXTENT) : undefined);

/** The model config of a run: the recipe's defaults on the reader's data set, seeded. */
const runConfig = (s: SettingsData, seed: number): Partial<Ddpm2dConfig> => ({
  dataset: s.dataset === 'drawn' ? defaultDdpm2dConfig.dataset : (s.dataset as Toy2dName),
  seed,
  decaySteps: s.steps as number,
  learningRate: s.lr as number,
  batchSize: s.batch as number,
});

/** True when the settings are the committed model's recipe. */
const isPretrainedRecipe = (s: SettingsData) => (['dataset', 'steps', 'lr', 'batch'] as const).every((k) => s[k] === SPEC[k].default);

/** L_t for t in LT_STEPS on the fixed held-out batch, with the sampling weights; empty when there are no data (an empty drawing). */
async function denoisingCurve(model: Ddpm2d, s: SettingsData): Promise<Float32Array> {
  const points = drawnPoints(s);
  if (points && points.length === 0) return new Float32Array(0);
  const data = points ? pointSet2d(points) : toy2dSets[s.dataset as Toy2dName];
  const x0Host = data.sample(LT_BATCH, HELD_OUT_SEED).map((v) => v * model.config.dataScale);
  const epsHost = fillNormal(new Float32Array(LT_STEPS.length * LT_BATCH * 2), mulberry32(deriveSeed(HELD_OUT_SEED, 1)));
  const values = model.withSamplingPredictor((predict) =>
    tf.tidy(() =>
      denoisingTermsByT(
        predict,
        tf.tensor2d(x0Host, [LT_BATCH, 2]),
        LT_STEPS,
        tf.tensor2d(epsHost, [LT_STEPS.length * LT_BATCH, 2]),
        model.schedule,
        model.tables,
      ),
    ),
  );
  const out = (await values.data()) as Float32Array;
  values.dispose();
  return out;
}

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
    create: (s, seed) => {
      const points = drawnPoints(s);
      return createDdpm2d(runConfig(s, seed), points ? pointSet2d(points) : undefined);
    },
    async snapshot(model, s, seed) {
      const times: number[] = [];
      const kept: tf.Tensor2D[] = [];
      const out = model.sample(s.samples as number, deriveSeed(seed, 7), Number(s.sampler), (t, x) => {
        times.push(t);
        kept.push(tf.keep(x.clone()));
      });
      out.dispose();
      const frames = (await Promise.all(kept.map((x) => x.data()))) as Float32Array[];
      tf.dispose(kept);
      const lt = await denoisingCurve(model, s);
      return {
        data: { times, frames, ltSteps: LT_STEPS.slice(0, lt.length), lt },
        transfer: [...frames.map((f) => f.buffer as ArrayBuffer), lt.buffer as ArrayBuffer],
      };
    },
  };
}
