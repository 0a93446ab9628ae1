import { beforeAll, expect, test } from 'vitest';
import { createHvae, namedHvaeVariables } from '../../../src/ml/hvae/model.ts';
import { hvaeWeightSpec } from '../../../src/ml/hvae/weights.ts';
import { assignWeights, hostTensors } from '../../../src/ml/nn/namedVariables.ts';
import { encodeWeightFile, readWeights } from '../../../src/ml/weightFile.ts';
import { useCpuBackend } from '../helpers.ts';

beforeAll(useCpuBackend);

const config = { inputDim: 6, hiddenDim: 5, z1Dim: 3, z2Dim: 2 };

test("the HVAE spec lists exactly the model's variables, names and shapes, in order", () => {
  const h = createHvae({ seed: 1, config });
  expect(hvaeWeightSpec.tensors(h.config)).toEqual(namedHvaeVariables(h.params).map(({ name, variable }) => ({ name, shape: variable.shape })));
  h.dispose();
});

test('a float32 HVAE file restores every weight exactly into a differently seeded model', async () => {
  const [a, b] = [createHvae({ seed: 1, config }), createHvae({ seed: 2, config })];
  const { manifest, bytes } = await encodeWeightFile(hvaeWeightSpec, a.config, hostTensors(namedHvaeVariables(a.params)), 'float32');
  assignWeights(namedHvaeVariables(b.params), await readWeights(manifest, bytes, hvaeWeightSpec, 'hvae.json'));
  const values = (h: typeof a) => namedHvaeVariables(h.params).flatMap(({ variable }) => Array.from(variable.dataSync()));
  expect(values(b)).toEqual(values(a));
  a.dispose();
  b.dispose();
});
