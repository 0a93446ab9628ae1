/** Every weight file committed under public/models passes the browser's validation and decodes to finite numbers. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { classifierWeightSpec } from '../../../src/ml/classifier/weights.ts';
import { ddpm2dWeightSpec, ddpmMnistWeightSpec } from '../../../src/ml/diffusion/weights.ts';
import { hvaeWeightSpec } from '../../../src/ml/hvae/weights.ts';
import { vaeWeightSpec } from '../../../src/ml/vae/weights.ts';
import { readWeights, type ModelKind, type WeightSpec } from '../../../src/ml/weightFile.ts';

const ROOT = fileURLToPath(new URL('../../../public/models/', import.meta.url));
const SPECS: Record<ModelKind, WeightSpec<any>> = {
  vae: vaeWeightSpec,
  hvae: hvaeWeightSpec,
  ddpm2d: ddpm2dWeightSpec,
  'ddpm-mnist': ddpmMnistWeightSpec,
  'digit-classifier': classifierWeightSpec,
};

/** Folders (relative to public/models) that hold a weights.json. */
function weightFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? weightFolders(join(dir, d.name)) : d.name === 'weights.json' ? [relative(ROOT, dir)] : [],
  );
}
const folders = weightFolders(ROOT).sort();

describe('committed weight files (public/models)', () => {
  test('are the five models the chapters load and the classifier that judges the digits', () => {
    expect(folders).toEqual(['ddpm-mnist', 'ddpm2d', 'digit-classifier', 'hvae', 'vae/latent2', 'vae/latent20']);
  });

  test.each(folders)("%s validates against its model's spec and decodes to finite numbers", async (folder) => {
    const json = JSON.parse(readFileSync(join(ROOT, folder, 'weights.json'), 'utf8'));
    const spec = SPECS[json.model as ModelKind];
    expect(spec, `unknown model ${json.model}`).toBeDefined();
    const file = await readWeights(json, new Uint8Array(readFileSync(join(ROOT, folder, 'weights.bin'))), spec, `${folder}/weights.json`);
    expect(file.tensors.map((t) => t.name)).toEqual(spec.tensors(file.config).map((t: { name: string }) => t.name));
    for (const t of file.tensors) {
      expect(t.values.length).toBe(t.shape.reduce((a, b) => a * b, 1));
      expect(t.values.every(Number.isFinite), `${folder}: ${t.name} has a non-finite value`).toBe(true);
    }
  });
});
