/** The DDPMs' weight specs (src/ml/diffusion/weights.ts) against the models they describe, and their config rules. */
import { beforeAll, describe, expect, test } from 'vitest';
import { createDdpm2d } from '../../../src/ml/diffusion/ddpm2d.ts';
import { createDdpmMnist, NO_TRAINING_SET } from '../../../src/ml/diffusion/ddpmMnist.ts';
import { loadDdpm } from '../../../src/ml/diffusion/load.ts';
import { ddpm2dWeightSpec, ddpmMnistWeightSpec } from '../../../src/ml/diffusion/weights.ts';
import { encodeWeightFile, readWeights } from '../../../src/ml/weightFile.ts';
import { expectAllClose, useCpuBackend, valuesOf } from '../helpers.ts';

beforeAll(useCpuBackend);

const small2d = { hidden: [16, 8], timeEmbedDim: 8, T: 20, seed: 3 };
const smallMnist = { hidden: [16], timeEmbedDim: 8, T: 10, seed: 3 };

describe('DDPM weight specs', () => {
  test('list exactly the tensors each model saves, names and shapes, in order (MNIST: c(t) only when predicting ε̂)', async () => {
    const a = createDdpm2d(small2d);
    const b = createDdpmMnist(NO_TRAINING_SET, smallMnist);
    const c = createDdpmMnist(NO_TRAINING_SET, { ...smallMnist, prediction: 'x0' });
    const strip = (ts: { name: string; shape: number[] }[]) => ts.map(({ name, shape }) => ({ name, shape }));
    expect(ddpm2dWeightSpec.tensors(a.config)).toEqual(strip(await a.samplingWeights()));
    expect(ddpmMnistWeightSpec.tensors(b.config)).toEqual(strip(await b.samplingWeights()));
    expect(ddpmMnistWeightSpec.tensors(c.config)).toEqual(strip(await c.samplingWeights()));
    // emb(t) reaches every MNIST layer ([h, emb(t)] in), only the first of the 2-D model's.
    // A labelled one (the default, 10 digits) sees the one-hot label too: 10 + 1 entries with "no label".
    expect(ddpmMnistWeightSpec.tensors(b.config).map((t) => t.shape)).toEqual([[784 + 8 + 11, 16], [16], [16 + 8 + 11, 784], [784], [11]]);
    expect(ddpmMnistWeightSpec.tensors({ ...b.config, labels: 0 }).map((t) => t.shape)).toEqual([[784 + 8, 16], [16], [16 + 8, 784], [784], [11]]);
    expect(ddpm2dWeightSpec.tensors(a.config)[2].shape).toEqual([16, 8]);
    expect(ddpmMnistWeightSpec.tensors(c.config).map((t) => t.name)).not.toContain('skip');
    a.dispose();
    b.dispose();
    c.dispose();
  });

  test('refuse an MNIST file that does not say what its network predicts or how it is labelled and guided, naming the field', async () => {
    const model = createDdpmMnist(NO_TRAINING_SET, smallMnist);
    const { manifest, bytes } = await encodeWeightFile(ddpmMnistWeightSpec, model.config, await model.samplingWeights(), 'float16');
    model.dispose();
    const withConfig = (patch: object) => ({ ...manifest, config: { ...manifest.config, ...patch } });
    await expect(readWeights(withConfig({ prediction: 'v' }), bytes, ddpmMnistWeightSpec, 'm.json')).rejects.toThrow(
      'm.json: config.prediction must be one of "eps", "x0", got "v"',
    );
    await expect(readWeights(withConfig({ minSnrGamma: -1 }), bytes, ddpmMnistWeightSpec, 'm.json')).rejects.toThrow(
      'm.json: config.minSnrGamma must be a number',
    );
    await expect(readWeights(withConfig({ labels: 2.5 }), bytes, ddpmMnistWeightSpec, 'm.json')).rejects.toThrow('m.json: config.labels must be an integer');
    await expect(readWeights(withConfig({ sampleEta: 2 }), bytes, ddpmMnistWeightSpec, 'm.json')).rejects.toThrow(
      'm.json: config.sampleEta must be a number in [0, 1]',
    );
    // A file whose config claims a different label count than its tensors have is refused by its shapes.
    await expect(readWeights(withConfig({ labels: 0 }), bytes, ddpmMnistWeightSpec, 'm.json')).rejects.toThrow('m.json');
    const { prediction: _, ...rest } = manifest.config;
    await expect(readWeights({ ...manifest, config: rest }, bytes, ddpmMnistWeightSpec, 'm.json')).rejects.toThrow('m.json: config.prediction is missing');
  });

  test('loadDdpm builds the 2-D model from its file and reproduces its samples', async () => {
    const model = createDdpm2d(small2d);
    const { manifest, bytes } = await encodeWeightFile(ddpm2dWeightSpec, model.config, await model.samplingWeights(), 'float32');
    const loaded = loadDdpm(await readWeights(manifest, bytes, ddpm2dWeightSpec, '2d.json'));
    expectAllClose(await valuesOf(loaded.sample(3, 5, 4)), await valuesOf(model.sample(3, 5, 4)), 1e-6);
    loaded.dispose();
    model.dispose();
  });

  test('loadDdpm builds the MNIST model from its file and reproduces its samples', async () => {
    const model = createDdpmMnist(NO_TRAINING_SET, smallMnist);
    const { manifest, bytes } = await encodeWeightFile(ddpmMnistWeightSpec, model.config, await model.samplingWeights(), 'float32');
    const loaded = loadDdpm(await readWeights(manifest, bytes, ddpmMnistWeightSpec, 'mnist.json'));
    expectAllClose(await valuesOf(loaded.sample(3, 5, 4)), await valuesOf(model.sample(3, 5, 4)), 1e-6);
    loaded.dispose();
    model.dispose();
  });

  test('refuse configs a hostile file could use to size absurd tables, naming the field', async () => {
    const model = createDdpm2d(small2d);
    const { manifest, bytes } = await encodeWeightFile(ddpm2dWeightSpec, model.config, await model.samplingWeights(), 'float16');
    model.dispose();
    const withConfig = (patch: object) => ({ ...manifest, config: { ...manifest.config, ...patch } });
    const refuse = (patch: object, message: string) =>
      expect(readWeights(withConfig(patch), bytes, ddpm2dWeightSpec, 'd.json')).rejects.toThrow(`d.json: ${message}`);
    await refuse({ T: 1e9 }, 'config.T must be an integer in 1 … 10000, got 1000000000');
    await refuse({ timeEmbedDim: 7 }, 'config.timeEmbedDim must be even, got 7');
    await refuse({ hidden: [16, -8] }, 'config.hidden item 1 must be an integer in 1 … 8192, got -8');
    await refuse({ hidden: [] }, 'config.hidden must be a list of 1 … 16 items, got []');
    await refuse({ dataset: 'moons' }, 'config.dataset must be one of "eightGaussians", "twoMoons", "swissRoll", "checkerboard", got "moons"');
    await refuse({ emaDecay: 1 }, 'config.emaDecay must be a number in [0, 1), got 1');
    await refuse({ schedule: 'sigmoid' }, 'config.schedule must be one of "linear", "cosine", got "sigmoid"');
  });
});
