/** kit/pretrained.ts: a committed model is validated before anything is built, loaded exactly, and nothing leaks when the weights do not fit. */
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadPretrained } from '../../src/islands/kit/pretrained.ts';
import type { AdapterContext } from '../../src/islands/kit/adapter.ts';
import { createHvae, namedHvaeVariables } from '../../src/ml/hvae/model.ts';
import { hvaeWeightSpec } from '../../src/ml/hvae/weights.ts';
import { hostTensors } from '../../src/ml/nn/namedVariables.ts';
import { encodeWeightFile } from '../../src/ml/weightFile.ts';
import { useCpuBackend } from '../ml/helpers.ts';

beforeAll(useCpuBackend);

const config = { inputDim: 16, hiddenDim: 6, z1Dim: 4, z2Dim: 2, learningRate: 1e-3, batchSize: 8 };

/** A context serving one model folder, with the blob's middle byte flipped if `corrupt`. */
async function serve(corrupt = false): Promise<{ ctx: AdapterContext; source: ReturnType<typeof createHvae> }> {
  const source = createHvae({ seed: 7, config });
  const { manifest, bytes } = await encodeWeightFile(hvaeWeightSpec, config, hostTensors(namedHvaeVariables(source.params)), 'float32');
  const blob = bytes.slice();
  if (corrupt) blob[blob.length >> 1] ^= 1;
  const files: Record<string, unknown> = { 'models/t/weights.json': JSON.parse(JSON.stringify(manifest)), 'models/t/weights.bin': blob };
  const get = (path: string) => {
    if (!(path in files)) throw new Error(`${path}: HTTP 404`);
    return files[path];
  };
  return { ctx: { bytes: async (p) => get(p) as Uint8Array, json: async <T>(p: string) => get(p) as T }, source };
}

describe('loadPretrained', () => {
  test('builds the model of the file’s config and loads every weight exactly', async () => {
    const { ctx, source } = await serve();
    const loaded = await loadPretrained(ctx, 'models/t/', {
      spec: hvaeWeightSpec,
      build: (c) => createHvae({ seed: 1, config: c }),
      named: (h) => namedHvaeVariables(h.params),
    });
    expect(loaded.config.z1Dim).toBe(4);
    const [a, b] = [namedHvaeVariables(source.params), namedHvaeVariables(loaded.params)];
    for (let i = 0; i < a.length; i++) expect(Array.from(b[i].variable.dataSync())).toEqual(Array.from(a[i].variable.dataSync()));
    source.dispose();
    loaded.dispose();
  });

  test('a corrupted blob is refused before any model is built; a failed check too', async () => {
    const { ctx, source } = await serve(true);
    let built = 0;
    const recipe = {
      spec: hvaeWeightSpec,
      build: (c: typeof config) => (built++, createHvae({ seed: 1, config: c })),
      named: (h: ReturnType<typeof createHvae>) => namedHvaeVariables(h.params),
    };
    await expect(loadPretrained(ctx, 'models/t/', recipe)).rejects.toThrow(/models\/t\/weights\.bin: checksum mismatch/);
    const good = await serve();
    await expect(
      loadPretrained(good.ctx, 'models/t/', {
        ...recipe,
        check: (c, file) => {
          if (c.z2Dim !== 3) throw new Error(`${file}: z2 ${c.z2Dim}, expected 3`);
        },
      }),
    ).rejects.toThrow('models/t/weights.json: z2 2, expected 3');
    expect(built).toBe(0);
    source.dispose();
    good.source.dispose();
  });

  test('weights that do not fit the built model: it throws and disposes that model (no tensors left behind)', async () => {
    const { ctx, source } = await serve();
    const before = tf.memory().numTensors;
    const wider = {
      spec: hvaeWeightSpec,
      build: (c: typeof config) => createHvae({ seed: 1, config: { ...c, hiddenDim: 9 } }),
      named: (h: ReturnType<typeof createHvae>) => namedHvaeVariables(h.params),
    };
    await expect(loadPretrained(ctx, 'models/t/', wider)).rejects.toThrow(/has shape/);
    expect(tf.memory().numTensors).toBe(before);
    source.dispose();
  });
});
