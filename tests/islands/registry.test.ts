import { expect, test } from 'vitest';
import { byExampleId, componentName, exampleComponents, exampleIdOf } from '../../src/islands/kit/registry.ts';

test('exampleIdOf takes the folder right above the file, from worker-relative and page-relative glob paths', () => {
  expect(exampleIdOf('../ddpm-2d/adapter.ts')).toBe('ddpm-2d');
  expect(exampleIdOf('../islands/vae-latent/VaeLatent.astro')).toBe('vae-latent');
  expect(exampleIdOf('/src/islands/vae/view.ts')).toBe('vae');
});

test('exampleIdOf skips the kit and shared folders, including the kit seen from itself as ./view.ts', () => {
  expect(exampleIdOf('../kit/view.ts')).toBeNull();
  expect(exampleIdOf('./view.ts')).toBeNull();
  expect(exampleIdOf('../islands/shared/Thing.astro')).toBeNull();
});

test('exampleIdOf refuses a folder name that is not a kebab-case id, naming it', () => {
  expect(() => exampleIdOf('../Score_Field/adapter.ts')).toThrow(/"Score_Field".*kebab/);
});

test('byExampleId keys a glob by folder and drops the kit', () => {
  const a = () => 1;
  const b = () => 2;
  const kit = () => 3;
  // Vite names the kit's own view.ts './view.ts' in kit/element.ts's glob.
  expect(byExampleId({ '../ddpm-2d/view.ts': a, '../vae/view.ts': b, './view.ts': kit })).toEqual({ 'ddpm-2d': a, vae: b });
});

test('byExampleId names both files when two map to one id', () => {
  expect(() => byExampleId({ '../vae/view.ts': 1, '/src/islands/vae/view.ts': 2 })).toThrow(/"vae".*\.\.\/vae\/view\.ts.*\/src\/islands\/vae\/view\.ts/);
});

test('componentName is the PascalCase of the folder id', () => {
  expect(componentName('vae-latent')).toBe('VaeLatent');
  expect(componentName('ddpm-2d')).toBe('Ddpm2d');
  expect(componentName('score-field')).toBe('ScoreField');
});

test('exampleComponents keeps only the component named after its folder, by tag', () => {
  const glob = {
    '../islands/ddpm-2d/Ddpm2d.astro': { default: 'D' },
    '../islands/kit/LiveExample.astro': { default: 'L' },
    '../islands/kit/Controls.astro': { default: 'C' },
    '../islands/vae/Vae.astro': { default: 'V' },
    '../islands/vae/Legend.astro': { default: 'part' },
  };
  expect(exampleComponents(glob)).toEqual({ Ddpm2d: 'D', Vae: 'V' });
});
