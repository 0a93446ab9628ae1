/**
 * Worker side: a committed model as an adapter's `pretrained` returns it. Fetches `<dir>weights.json`
 * and `<dir>weights.bin`, validates them against the model's spec (format, entries, shapes, checksum:
 * src/ml/weightFile.ts) before anything is built, builds the model from the file's config and loads
 * the weights into its named variables, disposing the model if they do not fit.
 */
import { assignWeights, type NamedVariable } from '../../ml/nn/namedVariables.ts';
import { readWeights, type WeightSpec } from '../../ml/weightFile.ts';
import type { AdapterContext } from './adapter.ts';
import type { SettingsData } from './protocol.ts';
import type { SettingsSpec } from './settings.ts';

/** Whether `settings` are a committed model's recipe: each of `keys` (the settings that change its weights) at its default. */
export const isRecipe = (spec: SettingsSpec, keys: readonly string[], settings: SettingsData): boolean => keys.every((k) => settings[k] === spec[k].default);

/** How to build the model a weight file is for, and where its variables are. */
export interface PretrainedRecipe<C, M extends { dispose(): void }> {
  spec: WeightSpec<C>;
  /** A model of this config (its initial weights are overwritten). */
  build(config: C): M;
  /** The model's variables under the names the file uses. */
  named(model: M): NamedVariable[];
  /** Extra checks of the file's config against what the example asked for; throws naming the problem. */
  check?(config: C, file: string): void;
}

/** The committed model under `dir` (relative to the site's base, ending in '/'), validated and loaded. */
export async function loadPretrained<C, M extends { dispose(): void }>(ctx: AdapterContext, dir: string, recipe: PretrainedRecipe<C, M>): Promise<M> {
  const name = `${dir}weights.json`;
  const [json, blob] = await Promise.all([ctx.json<unknown>(name), ctx.bytes(`${dir}weights.bin`)]);
  const file = await readWeights(json, blob, recipe.spec, name);
  recipe.check?.(file.config, name);
  const model = recipe.build(file.config);
  try {
    assignWeights(recipe.named(model), file);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
