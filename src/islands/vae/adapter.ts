/**
 * The MLP VAE of chapter 2 (src/ml/vae/model.ts) as a kit adapter: trains on the 10,000 training
 * digits the site ships, evaluates the ELBO's terms on a fixed held-out set of 1,000 test digits
 * (src/ml/vae/live.ts), and snapshots 8 reconstructions, 16 prior samples and, with a 2-D latent, the
 * encoder means of the held-out digits and the decoded manifold grid. The committed weights are shown
 * until the reader trains (for the default recipe). Terms travel as losses in nats: reconstruction =
 * −E_q[log p_θ(x|z)] and prior-matching = KL(q_φ(z|x) ‖ p(z)), so −ELBO = their sum (eq. vae-loss).
 */
import * as tf from '@tensorflow/tfjs';
import { createBatcher, setToTensor, type MnistSet } from '../../ml/data/mnist.ts';
import { deriveSeed } from '../../ml/random.ts';
import { evaluateTerms, vaeSnapshot } from '../../ml/vae/live.ts';
import { createVae, decode, type Vae } from '../../ml/vae/model.ts';
import { namedVaeVariables, vaeWeightSpec } from '../../ml/vae/weights.ts';
import type { AdapterContext, ExampleAdapter } from '../kit/adapter.ts';
import { heldOutSeed, siteMnist, uploadDigits, withTermNames } from '../kit/mnistAdapter.ts';
import { isRecipe, loadPretrained } from '../kit/pretrained.ts';
import { gridLatent } from '../vae-latent/grid.ts';
import {
  PRETRAINED_STEPS,
  HELD_OUT,
  HELD_OUT_STREAM,
  MANIFOLD,
  MANIFOLD_EXTENT,
  modelPath,
  PRIOR_SAMPLES,
  PRIOR_STREAM,
  RECONSTRUCTED,
  REPORT_EVERY,
  SNAPSHOT_EVERY,
  SPEC,
} from './config.ts';

/** The step's terms under the equation's names: `kl` is `prior-matching`, the data-term of eq. vae-elbo-rewrite. */
const TERM_NAMES = { reconstruction: 'reconstruction', kl: 'prior-matching' };

/** The settings of a committed model's recipe (either latent size: there is one per size). */
const RECIPE = ['steps', 'lr', 'width', 'batch'];

/** The adapter; it keeps the digits it loaded and the held-out set on the backend (data, not model state). */
export function createAdapter(ctx: AdapterContext): ExampleAdapter<Vae> {
  const digits = siteMnist(ctx);
  /** The test digits (prepare) and the training digits (prepareTraining, on the first run). */
  let test: MnistSet | null = null;
  let train: MnistSet | null = null;
  /** The held-out digits [HELD_OUT, 784] (evaluated; encoded with a 2-D latent) and the first RECONSTRUCTED, uploaded once. */
  let heldOut: tf.Tensor2D | null = null;
  let shown: tf.Tensor2D | null = null;
  let originals: Float32Array = new Float32Array(0);
  /** The manifold grid's latent points [MANIFOLD², 2]. */
  let manifold: tf.Tensor2D | null = null;

  const need = () => {
    if (!test || !heldOut || !shown || !manifold) throw new Error('the VAE example used before prepare');
    return { test, heldOut, shown, manifold };
  };

  return {
    trainable: true,
    pretrainedSteps: PRETRAINED_STEPS,
    cadence: (s) => ({ totalSteps: s.steps as number, reportEvery: REPORT_EVERY, snapshotEvery: SNAPSHOT_EVERY }),
    async prepare() {
      if (test) return;
      test = await digits('test');
      heldOut = setToTensor(test, Math.min(HELD_OUT, test.count));
      ({ tensor: shown, pixels: originals } = await uploadDigits(test, RECONSTRUCTED));
      const zs = Array.from({ length: MANIFOLD * MANIFOLD }, (_, k) => gridLatent(Math.floor(k / MANIFOLD), k % MANIFOLD, MANIFOLD, MANIFOLD_EXTENT)).flat();
      manifold = tf.tensor2d(zs, [MANIFOLD * MANIFOLD, 2]);
    },
    async prepareTraining() {
      train ??= await digits('train');
    },
    async pretrained(s) {
      if (!isRecipe(SPEC, RECIPE, s)) return null;
      return loadPretrained(ctx, modelPath(String(s.latent)), {
        spec: vaeWeightSpec,
        build: (config) => createVae({ seed: 0, config }),
        named: (v) => namedVaeVariables(v.params),
        check: (config, file) => {
          if (config.latentDim !== Number(s.latent)) throw new Error(`${file}: latent dimension ${config.latentDim}, expected ${s.latent}`);
        },
      });
    },
    create(s, seed) {
      if (!train) throw new Error('the VAE example trained before prepareTraining');
      // The batch order is part of the run: seeded like the weights.
      const batchSize = s.batch as number;
      const batcher = createBatcher(train, batchSize, seed);
      const config = { latentDim: Number(s.latent), hiddenDim: s.width as number, learningRate: s.lr as number, batchSize };
      return withTermNames(createVae({ seed, config, nextBatch: () => batcher.next() }), TERM_NAMES);
    },
    async snapshot(vae, _s, seed) {
      const n = need();
      const twoD = vae.config.latentDim === 2;
      const snap = await vaeSnapshot(vae.params, {
        reconstruct: n.shown,
        samples: { n: PRIOR_SAMPLES, seed: deriveSeed(seed, PRIOR_STREAM) },
        encode: twoD ? n.heldOut : undefined,
        decode: twoD ? n.manifold : undefined,
      });
      const labels = twoD ? n.test.labels.slice(0, n.heldOut.shape[0]) : new Uint8Array(0);
      const out = { originals: originals.slice(), latent: vae.config.latentDim, labels, ...snap };
      const transfer = [out.originals, labels, snap.reconstructions, snap.samples, snap.latentMeans, snap.decoded]
        .filter((a) => a !== undefined)
        .map((a) => a.buffer as ArrayBuffer);
      return { data: out, transfer };
    },
    async evaluate(vae, _s) {
      const { heldOut: x } = need();
      const t = await evaluateTerms(vae.params, x, heldOutSeed(HELD_OUT_STREAM));
      return { loss: t.negElbo, terms: { reconstruction: -t.reconstruction, 'prior-matching': t.priorMatching } };
    },
    dispose() {
      tf.dispose([heldOut, shown, manifold].filter((t) => t !== null));
      heldOut = shown = manifold = null;
      test = train = null;
    },
    async request(vae, name, payload) {
      if (name !== 'decode') throw new Error(`unknown request ${name}`);
      const z = payload as [number, number];
      if (vae.config.latentDim !== 2) throw new Error('decoding a point of the map needs a 2-D latent');
      const image = tf.tidy(() => tf.sigmoid(decode(vae.params, tf.tensor2d([z], [1, 2]))));
      const pixels = (await image.data()) as Float32Array;
      image.dispose();
      return { data: { z, pixels }, transfer: [pixels.buffer as ArrayBuffer] };
    },
  };
}
