/** The kit's settings: URL parsing with namespaces and globals, notices for malformed values, and the round trip. */
import { describe, expect, test } from 'vitest';
import { defaults, onlyLiveChanged, parseGlobals, parseSettings, writeSettings, type SettingsSpec } from '../../src/islands/kit/settings.ts';

const SPEC = {
  latent: {
    kind: 'choice',
    label: 'Latent dimension',
    default: '2',
    choices: [
      { id: '2', label: '2' },
      { id: '20', label: '20' },
    ],
  },
  steps: { kind: 'int', label: 'Steps', default: 500, min: 10, max: 5000 },
  lr: { kind: 'number', label: 'Learning rate', default: 0.001, min: 1e-6, max: 10, hidden: true },
} as const satisfies SettingsSpec;

describe('parseSettings', () => {
  test('absent parameters give the defaults and no notice', () => {
    expect(parseSettings(SPEC, 'vae', '')).toEqual({ settings: { latent: '2', steps: 500, lr: 0.001 }, notices: [] });
  });

  test('reads only its own namespace: ?vae.latent=20 sets latent, ?other.latent=20 does not', () => {
    expect(parseSettings(SPEC, 'vae', '?vae.latent=20&vae.lr=0.5&other.steps=7').settings).toEqual({ latent: '20', steps: 500, lr: 0.5 });
    expect(parseSettings(SPEC, 'other', '?vae.latent=20').settings.latent).toBe('2');
  });

  test.each([
    ['?vae.latent=7', 'vae.latent must be one of 2, 20'],
    ['?vae.steps=abc', 'vae.steps is not a number'],
    ['?vae.steps=2.5', 'vae.steps must be a whole number'],
    ['?vae.steps=99999', 'vae.steps must be between 10 and 5000'],
    ['?vae.steps=', 'vae.steps is not a number'],
    ['?vae.lr=Infinity', 'vae.lr is not a number'],
    ['?vae.colour=red', 'vae.colour is not a setting of this example (it has latent, steps, lr)'],
  ])('%s is ignored with the notice “%s”, the default stays', (search, message) => {
    const { settings, notices } = parseSettings(SPEC, 'vae', search);
    expect(settings).toEqual(defaults(SPEC));
    expect(notices.map((n) => n.message)).toEqual([message]);
  });

  test('an example without settings of its own says so, not "(it has )"', () => {
    expect(parseSettings({}, 'vae-latent', '?vae-latent.zoom=2').notices.map((n) => n.message)).toEqual([
      'vae-latent.zoom is not a setting of this example (it has no settings of its own)',
    ]);
  });

  test('a malformed value next to good ones keeps the good ones', () => {
    const { settings, notices } = parseSettings(SPEC, 'vae', '?vae.latent=20&vae.steps=-3');
    expect(settings).toEqual({ latent: '20', steps: 500, lr: 0.001 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ param: 'vae.steps', value: '-3' });
  });

  test('a key inherited from Object.prototype is not a setting', () => {
    expect(parseSettings(SPEC, 'vae', '?vae.toString=1').notices[0].message).toMatch(/is not a setting/);
  });
});

describe('parseGlobals', () => {
  test('?seed= and ?backend= apply without a namespace', () => {
    expect(parseGlobals('?seed=42&backend=wasm')).toEqual({ globals: { seed: 42, backend: 'wasm' }, notices: [] });
  });

  test('a malformed seed or an unknown backend is a notice, the default stays', () => {
    const { globals, notices } = parseGlobals('?seed=-1&backend=tpu');
    expect(globals).toEqual({ seed: 1, backend: 'auto' });
    expect(notices.map((n) => n.param)).toEqual(['seed', 'backend']);
    expect(notices[0].message).toBe('seed must be between 0 and 999999');
    expect(notices[1].message).toMatch(/^backend must be one of auto, webgpu, webgl, wasm, cpu$/);
  });
});

describe('writeSettings', () => {
  test('writes non-default values namespaced, drops defaults, keeps other parameters', () => {
    const search = writeSettings(SPEC, 'vae', { latent: '20', steps: 500, lr: 0.01 }, { seed: 3, backend: 'auto' }, '?ddpm-2d.dataset=twoMoons&vae.steps=900');
    const params = new URLSearchParams(search);
    expect(Object.fromEntries(params)).toEqual({ 'ddpm-2d.dataset': 'twoMoons', 'vae.latent': '20', 'vae.lr': '0.01', seed: '3' });
  });

  test('drops its own unknown keys (ignored when read), not other examples’', () => {
    const search = writeSettings(SPEC, 'vae', defaults(SPEC), { seed: 1, backend: 'auto' }, '?vae.colour=red&other.colour=blue');
    expect(search).toBe('?other.colour=blue');
  });

  test('all defaults and nothing else give an empty query', () => {
    expect(writeSettings(SPEC, 'vae', defaults(SPEC), { seed: 1, backend: 'auto' }, '')).toBe('');
  });

  test('round trip: what is written parses back to the same settings and globals', () => {
    const settings = { latent: '20', steps: 1234, lr: 3e-4 };
    const globals = { seed: 77, backend: 'cpu' as const };
    const search = writeSettings(SPEC, 'vae', settings, globals, '');
    expect(parseSettings(SPEC, 'vae', search)).toEqual({ settings, notices: [] });
    expect(parseGlobals(search)).toEqual({ globals, notices: [] });
  });
});

test('onlyLiveChanged: true only when something changed and every change is to a live setting', () => {
  const spec = {
    steps: { kind: 'int', label: 'Steps', default: 10, min: 1, max: 100 },
    shown: { kind: 'int', label: 'Shown', default: 5, min: 1, max: 100, live: true },
    how: {
      kind: 'choice',
      label: 'How',
      default: 'a',
      choices: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      live: true,
    },
  } as const satisfies SettingsSpec;
  const a = defaults(spec);
  expect(onlyLiveChanged(spec, a, { ...a })).toBe(false);
  expect(onlyLiveChanged(spec, a, { ...a, shown: 6, how: 'b' })).toBe(true);
  expect(onlyLiveChanged(spec, a, { ...a, shown: 6, steps: 11 })).toBe(false);
});

test('a text setting is validated by its own rule: a bad value is a notice and the default stays', () => {
  const spec = {
    word: { kind: 'text', label: 'Word', default: '', validate: (r: string) => (/^[a-z]*$/.test(r) ? null : 'must be lower-case letters'), hidden: true },
  } as const satisfies SettingsSpec;
  expect(parseSettings(spec, 'x', '?x.word=abc')).toEqual({ settings: { word: 'abc' }, notices: [] });
  const bad = parseSettings(spec, 'x', '?x.word=A1');
  expect(bad.settings.word).toBe('');
  expect(bad.notices[0].message).toBe('x.word must be lower-case letters');
});
