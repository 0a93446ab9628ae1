/**
 * The two-layer Markovian HVAE of chapter 2 (src/ml/hvae/model.ts) as a kit adapter: trains on the
 * 10,000 training digits the site ships, evaluates the three terms of −ELBO (eq. hvae-elbo-layers,
 * T = 2) on a fixed held-out set of 1,000 test digits with src/ml/hvae/evaluate.ts, and snapshots 8
 * reconstructions and 16 digits sampled down the generative chain. The committed weights are shown
 * until the reader trains (for the default recipe, β = 1). Terms travel in nats per digit under the
 * equation's names: hvae-reconstruction = −E[log p(x|z₁)], consistency = E[log q(z₁|x) − log p(z₁|z₂)],
 * top-prior-matching = E[KL(q(z₂|z₁) ‖ p(z₂))]; their sum is −ELBO whatever β the run trains with.
 */
import * as tf from '@tensorflow/tfjs';
import { createBatcher, type MnistSet } from '../../ml/data/mnist.ts';
import { deriveSeed } from '../../ml/random.ts';
import { hvaeTestNegElbo } from '../../ml/hvae/evaluate.ts';
import { createHvae, namedHvaeVariables, reconstructHvae, sampleHvae, type Hvae } from '../../ml/hvae/model.ts';
import { hvaeWeightSpec } from '../../ml/hvae/weights.ts';
import type { AdapterContext, ExampleAdapter } from '../kit/adapter.ts';
import { heldOutSeed, siteMnist, renameTerms, uploadDigits, withTermNames } from '../kit/mnistAdapter.ts';
import { isRecipe, loadPretrained } from '../kit/pretrained.ts';
import { BAR_TERMS } from './bars.ts';
import {
  HELD_OUT,
  HELD_OUT_STREAM,
  MODEL_PATH,
  PRETRAINED_STEPS,
  RECONSTRUCTED,
  REPORT_EVERY,
  SAMPLES,
  SAMPLE_STREAM,
  SNAPSHOT_EVERY,
  SPEC,
} from './config.ts';

/** The settings of the committed model's recipe. */
const RECIPE = ['beta', 'steps', 'lr', 'width', 'batch'];

/** The adapter; it keeps the digits it loaded and the reconstructed digits on the backend (data, not model state). */
export function createAdapter(ctx: AdapterContext): ExampleAdapter<Hvae> {
  const digits = siteMnist(ctx);
  /** The test digits (prepare) and the training digits (prepareTraining, on the first run). */
  let test: MnistSet | null = null;
  let train: MnistSet | null = null;
  /** The first RECONSTRUCTED test digits [RECONSTRUCTED, 784], uploaded once. */
  let shown: tf.Tensor2D | null = null;
  let originals: Float32Array = new Float32Array(0);

  const need = () => {
    if (!test || !shown) throw new Error('the HVAE example used before prepare');
    return { test, shown };
  };

  return {
    trainable: true,
    pretrainedSteps: PRETRAINED_STEPS,
    cadence: (s) => ({ totalSteps: s.steps as number, reportEvery: REPORT_EVERY, snapshotEvery: SNAPSHOT_EVERY }),
    async prepare() {
      if (test) return;
      test = await digits('test');
      ({ tensor: shown, pixels: originals } = await uploadDigits(test, RECONSTRUCTED));
    },
    async prepareTraining() {
      train ??= await digits('train');
    },
    async pretrained(s) {
      if (!isRecipe(SPEC, RECIPE, s)) return null;
      return loadPretrained(ctx, MODEL_PATH, {
        spec: hvaeWeightSpec,
        build: (config) => createHvae({ seed: 0, config }),
        named: (h) => namedHvaeVariables(h.params),
      });
    },
    create(s, seed) {
      if (!train) throw new Error('the HVAE example trained before prepareTraining');
      // The batch order is part of the run: seeded like the weights.
      const batchSize = s.batch as number;
      const batcher = createBatcher(train, batchSize, seed);
      const config = { hiddenDim: s.width as number, learningRate: s.lr as number, batchSize };
      // The step's terms under the names marked in eq. hvae-elbo-layers.
      return withTermNames(createHvae({ seed, config, nextBatch: () => batcher.next(), topKlWeight: Number(s.beta) }), BAR_TERMS);
    },
    async snapshot(hvae, _s, seed) {
      const { shown: x } = need();
      // One read-back: the reconstructions and the samples stacked.
      const both = tf.tidy(() => tf.concat([reconstructHvae(hvae.params, x), sampleHvae(hvae.params, SAMPLES, deriveSeed(seed, SAMPLE_STREAM))]));
      const all = (await both.data()) as Float32Array;
      both.dispose();
      const split = RECONSTRUCTED * 784;
      const out = { originals: originals.slice(), reconstructions: all.slice(0, split), samples: all.slice(split) };
      return { data: out, transfer: [out.originals.buffer, out.reconstructions.buffer, out.samples.buffer] as ArrayBuffer[] };
    },
    async evaluate(hvae) {
      const { test: held } = need();
      const t = await hvaeTestNegElbo(hvae.params, held, { seed: heldOutSeed(HELD_OUT_STREAM), count: Math.min(HELD_OUT, held.count) });
      return { loss: t.negElbo, terms: renameTerms(t, BAR_TERMS) };
    },
    dispose() {
      shown?.dispose();
      shown = null;
      test = train = null;
    },
  };
}
