/**
 * The kit's shared pieces of the MNIST trainers and bar figures (kit/mnistAdapter.ts, kit/pretrained.ts's
 * isRecipe, kit/termCharts.ts's idle text, kit/bars.ts, kit/statRows.ts): each checked against an
 * independent computation or the exact text the examples showed before they shared it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import type { AdapterContext } from '../../src/islands/kit/adapter.ts';
import { barsFigure, escapeXml, rowText } from '../../src/islands/kit/bars.ts';
import { heldOutSeed, siteMnist, renameTerms, uploadDigits, withTermNames } from '../../src/islands/kit/mnistAdapter.ts';
import { isRecipe } from '../../src/islands/kit/pretrained.ts';
import type { SettingsData } from '../../src/islands/kit/protocol.ts';
import { defaults as settingsDefaults } from '../../src/islands/kit/settings.ts';
import { BACKEND_STAT, trainingStats } from '../../src/islands/kit/statRows.ts';
import { mnistIdleText } from '../../src/islands/kit/termCharts.ts';
import { SPEC as VAE_SPEC } from '../../src/islands/vae/config.ts';
import type { MnistSet } from '../../src/ml/data/mnist.ts';
import { deriveSeed } from '../../src/ml/random.ts';
import type { TrainableModel } from '../../src/ml/train/types.ts';
import { useCpuBackend } from '../ml/helpers.ts';

beforeAll(useCpuBackend);

describe('mnistAdapter', () => {
  test('renameTerms gives each named term its new name and drops the others', () => {
    expect(renameTerms({ reconstruction: 1, kl: 2, extra: 3 }, { reconstruction: 'reconstruction', kl: 'prior-matching' })).toEqual({
      reconstruction: 1,
      'prior-matching': 2,
    });
  });

  test('withTermNames renames the step’s terms (the same tensors) and keeps the rest of the model', () => {
    const loss = tf.scalar(3);
    const terms = { klZ1: tf.scalar(1), klZ2: tf.scalar(2) };
    let steps = 0;
    const model: TrainableModel = {
      variables: () => [],
      optimizerState: { checkpoint() {}, rollback() {} },
      step: () => (steps++, { loss, terms }),
      dispose() {},
    };
    const named = withTermNames(model, { klZ1: 'consistency', klZ2: 'top-prior-matching' });
    const r = named.step(0);
    expect(steps).toBe(1);
    expect(r.loss).toBe(loss);
    expect(r.terms).toEqual({ consistency: terms.klZ1, 'top-prior-matching': terms.klZ2 });
    expect(named.optimizerState).toBe(model.optimizerState);
    tf.dispose([loss, terms.klZ1, terms.klZ2]);
  });

  test('uploadDigits puts the first n digits on the backend as intensities in [0, 1], with a copy of their pixels', async () => {
    const set: MnistSet = { count: 3, rows: 1, cols: 2, images: Uint8Array.from([0, 255, 51, 102, 7, 7]), labels: Uint8Array.from([1, 2, 3]) };
    const before = tf.memory().numTensors;
    const { tensor, pixels } = await uploadDigits(set, 2);
    expect(tf.memory().numTensors - before).toBe(1);
    expect(tensor.shape).toEqual([2, 2]);
    const expected = [0, 1, 0.2, 0.4];
    pixels.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(Array.from(tensor.dataSync())).toEqual(Array.from(pixels));
    expect(pixels.buffer).not.toBe((tensor.dataSync() as Float32Array).buffer);
    tensor.dispose();
  });

  test('siteMnist fetches and checks each split on its first use, once: showing test digits never fetches the training digits', async () => {
    const asked: string[] = [];
    const ctx: AdapterContext = {
      bytes: async (p) => (asked.push(p), new Uint8Array(await readFile(`public/${p}`))),
      json: async <T>(p: string) => (asked.push(p), JSON.parse(await readFile(`public/${p}`, 'utf8')) as T),
    };
    const digits = siteMnist(ctx);
    const held = await digits('test');
    expect(held.count).toBeGreaterThanOrEqual(1000);
    expect(asked).toEqual(['data/mnist.json', 'data/mnist-test-images.u8', 'data/mnist-test-labels.u8']);
    const [train, again] = await Promise.all([digits('train'), digits('train')]);
    expect(again).toBe(train);
    expect(train.count).toBe(10_000);
    expect(train.images.length).toBe(train.count * 784);
    expect(asked.slice(3)).toEqual(['data/mnist-train-images.u8', 'data/mnist-train-labels.u8']);
    expect(await digits('test')).toBe(held);
    expect(asked).toHaveLength(5);
  });

  test('siteMnist names a corrupt file and tries again on the next use', async () => {
    let corrupt = true;
    const ctx: AdapterContext = {
      bytes: async (p) => {
        const bytes = new Uint8Array(await readFile(`public/${p}`));
        if (corrupt && p.endsWith('test-images.u8')) bytes[1000] ^= 0xff;
        return bytes;
      },
      json: async <T>(p: string) => JSON.parse(await readFile(`public/${p}`, 'utf8')) as T,
    };
    const digits = siteMnist(ctx);
    await expect(digits('test')).rejects.toThrow(/mnist-test-images\.u8: checksum/);
    corrupt = false;
    expect((await digits('test')).count).toBeGreaterThanOrEqual(1000);
  });

  test('the held-out noise seed is fixed per stream, the same as the preview scripts derive', () => {
    expect(heldOutSeed(12)).toBe(deriveSeed(1, 12));
    expect(heldOutSeed(12)).not.toBe(heldOutSeed(11));
  });
});

test('isRecipe: every listed setting at its default; a setting off the list does not matter', () => {
  const defaults: SettingsData = { ...settingsDefaults(VAE_SPEC) };
  const recipe = ['steps', 'lr', 'width', 'batch'];
  expect(isRecipe(VAE_SPEC, recipe, defaults)).toBe(true);
  expect(isRecipe(VAE_SPEC, recipe, { ...defaults, latent: '20' })).toBe(true);
  expect(isRecipe(VAE_SPEC, recipe, { ...defaults, width: 16 })).toBe(false);
  expect(isRecipe(VAE_SPEC, recipe, { ...defaults, steps: 20 })).toBe(false);
});

test('mnistIdleText says what the VAE and HVAE examples said before sharing it', () => {
  const vae = mnistIdleText('the pretrained model', 4690, 'VAE');
  expect(vae({ pretrained: true })).toBe(
    'Showing the pretrained model (4,690 steps on 60,000 digits). Press Train from scratch to train a new one on 10,000 digits here.',
  );
  expect(vae({ pretrained: false })).toBe('A fresh, untrained VAE. Press Train to train it here.');
  expect(mnistIdleText('the pretrained HVAE', 9380, 'HVAE')({ pretrained: false })).toBe('A fresh, untrained HVAE. Press Train to train it here.');
});

describe('bars', () => {
  test('escapeXml escapes the four characters markup could break on', () => {
    expect(escapeXml('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });

  test('a figure is one titled image 360 wide; a row’s name carries its term and its value is right-aligned', () => {
    const svg = barsFigure(
      'x-bars',
      80,
      't1',
      'log p(x) < 0',
      rowText({ y: 12, valueX: 112, name: 'ELBO', value: '−3.4', labelClass: 'x-label', valueClass: 'x-value', term: 'elbo' }),
    );
    expect(svg).toBe(
      '<svg class="x-bars" viewBox="0 0 360 80" width="360" height="80" role="img" aria-labelledby="t1"><title id="t1">log p(x) &lt; 0</title>' +
        '<text class="x-label" data-term="elbo" x="4" y="12">ELBO</text><text class="x-value" x="112" y="12" text-anchor="end">−3.4</text></svg>',
    );
    expect(rowText({ y: 1, valueX: 2, name: 'L_k', value: '0', labelClass: 'x-label', valueClass: 'x-value' })).not.toContain('data-term');
  });
});

test('statRows: the four readouts of a training example, keyed as the kit writes them', () => {
  expect(trainingStats('4,690 (pretrained)', '140.2', '−ELBO')).toEqual([
    { label: 'Step', stat: 'step', value: '4,690 (pretrained)' },
    { label: '−ELBO', stat: 'loss', value: '140.2' },
    { label: 'ms/step', stat: 'ms', value: '–' },
    { label: 'Backend', stat: 'backend', value: 'not started' },
  ]);
  expect(trainingStats('0', '–')[1].label).toBe('Loss');
  expect(BACKEND_STAT).toEqual({ label: 'Backend', stat: 'backend', value: 'not started' });
});
