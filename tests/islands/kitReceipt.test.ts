/** Run receipts: the rows a reader sees and the link that reproduces the run. */
import { describe, expect, test } from 'vitest';
import { receiptRows, reproducingLink } from '../../src/islands/kit/receipt.ts';
import { parseGlobals, parseSettings, type SettingsSpec } from '../../src/islands/kit/settings.ts';
import { sha256Hex } from '../../src/islands/kit/hash.ts';

const SPEC = {
  latent: {
    kind: 'choice',
    label: 'Latent',
    default: '2',
    choices: [
      { id: '2', label: '2' },
      { id: '20', label: '20' },
    ],
  },
} as const satisfies SettingsSpec;
const base = {
  example: 'vae',
  spec: SPEC,
  settings: { latent: '20' },
  seed: 3,
  backend: 'wasm',
  page: 'https://x.test/vae/#example-vae',
  search: '?ddpm-2d.dataset=twoMoons',
};

describe('reproducingLink', () => {
  test('states settings, seed and the backend that ran, keeps other parameters and the anchor', () => {
    const link = new URL(reproducingLink(base));
    expect(link.hash).toBe('#example-vae');
    expect(Object.fromEntries(link.searchParams)).toEqual({ 'ddpm-2d.dataset': 'twoMoons', 'vae.latent': '20', seed: '3', backend: 'wasm' });
  });

  test('parses back to the same settings and globals', () => {
    const { search } = new URL(reproducingLink({ ...base, seed: 1 }));
    expect(parseSettings(SPEC, 'vae', search).settings).toEqual({ latent: '20' });
    expect(parseGlobals(search).globals).toEqual({ seed: 1, backend: 'wasm' });
  });
});

describe('receiptRows', () => {
  const rows = receiptRows({
    ...base,
    tfjs: '4.22.0',
    step: 500,
    pretrained: false,
    loss: 170.34,
    terms: { reconstruction: 165.43, 'prior-matching': 4.912 },
    hash: 'abcdef012345',
  });

  test('lists example, settings, seed, backend, TF.js version, steps, final loss with terms and the hash, in that order', () => {
    expect(rows.map((r) => r.label)).toEqual(['Example', 'Settings', 'Seed', 'Backend', 'TensorFlow.js', 'Steps', 'Final loss', 'Weights (SHA-256)']);
    expect(rows.find((r) => r.label === 'Final loss')?.value).toBe('170.34 (reconstruction 165.43, prior-matching 4.912)');
    expect(rows.find((r) => r.hook === 'weights-hash')?.value).toBe('abcdef012345');
  });

  test('the pretrained model has no loss measured here', () => {
    const pre = receiptRows({ ...base, tfjs: '4.22.0', step: 4690, pretrained: true, loss: null, terms: {}, hash: 'x' });
    expect(pre.find((r) => r.label === 'Steps')?.value).toBe('4690 (the pretrained model)');
    expect(pre.find((r) => r.label === 'Final loss')?.value).toMatch(/pretrained/);
  });
});

describe('sha256Hex', () => {
  test('matches the published SHA-256 of "abc" and of the empty input, cut to 12 hex digits', async () => {
    expect(await sha256Hex([new TextEncoder().encode('abc')])).toBe('ba7816bf8f01');
    expect(await sha256Hex([new Uint8Array(0)], 64)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('hashes the concatenation of its chunks (split anywhere, same hash)', async () => {
    const bytes = new TextEncoder().encode('abcdefgh');
    expect(await sha256Hex([bytes.subarray(0, 3), bytes.subarray(3)])).toBe(await sha256Hex([bytes]));
  });
});
