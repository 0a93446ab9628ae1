/**
 * An example's settings as one typed object (like TensorFlow Playground's state.ts), round-tripped
 * through the page URL: `?seed=` and `?backend=` apply to every example on the page, an example's own
 * settings are namespaced (`?vae.latent=20`). Pure: no DOM, so it is unit-tested and the server
 * render reads the same defaults.
 */
import { BACKEND_CHOICES, type BackendChoice } from '../shared/backendMessages.ts';

/** An integer or real setting with its range; `log` hints that a control should step geometrically. */
export interface NumberSetting {
  kind: 'int' | 'number';
  label: string;
  default: number;
  min: number;
  max: number;
  /** Not shown as a control (still settable through the URL), e.g. a learning rate for experiments. */
  hidden?: boolean;
  /** Changes only what is shown of the model (e.g. how many points to sample): the model and its run stay. */
  live?: boolean;
}

/** One of a fixed list of string ids. */
export interface ChoiceSetting {
  kind: 'choice';
  label: string;
  default: string;
  choices: readonly { id: string; label: string }[];
  hidden?: boolean;
  /** As NumberSetting.live. */
  live?: boolean;
}

/**
 * A free-form string checked by `validate` (e.g. points drawn by the reader, encoded compactly);
 * `validate` returns why a value is not acceptable, or null. Never a visible control of its own: the
 * example writes it through a hidden `[data-setting]` input.
 */
export interface TextSetting {
  kind: 'text';
  label: string;
  default: string;
  validate: (raw: string) => string | null;
  hidden: true;
}

export type SettingSpec = NumberSetting | ChoiceSetting | TextSetting;
/** Every setting of an example by key (keys are URL-safe words). */
export type SettingsSpec = Readonly<Record<string, SettingSpec>>;

/** The values of a spec: numbers for number settings, string ids for choices. */
export type SettingsOf<S extends SettingsSpec> = {
  -readonly [K in keyof S]: S[K] extends ChoiceSetting | TextSetting ? string : S[K] extends NumberSetting ? number : number | string;
};

/** The settings every example has, read from un-namespaced URL keys. */
export interface GlobalSettings {
  /** Seeds weights, batches and noise: a run is a function of its settings and seed. */
  seed: number;
  backend: BackendChoice;
}

/** The range of `?seed=`. */
export const SEED_RANGE = { min: 0, max: 999_999 } as const;
export const DEFAULT_GLOBALS: Readonly<GlobalSettings> = { seed: 1, backend: 'auto' };

/** A URL parameter that was ignored, and why (shown to the reader). */
export interface Notice {
  param: string;
  value: string;
  message: string;
}

/** The defaults of a spec. */
export function defaults<S extends SettingsSpec>(spec: S): SettingsOf<S> {
  return Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, s.default])) as SettingsOf<S>;
}

/** Why `raw` is not a valid value of `s` (null when it is), and the parsed value. */
export function parseValue(s: SettingSpec, raw: string): { value: number | string } | { error: string } {
  if (s.kind === 'text') {
    const error = s.validate(raw);
    return error === null ? { value: raw } : { error };
  }
  if (s.kind === 'choice') {
    return s.choices.some((c) => c.id === raw) ? { value: raw } : { error: `must be one of ${s.choices.map((c) => c.id).join(', ')}` };
  }
  const trimmed = raw.trim();
  const v = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(v)) return { error: 'is not a number' };
  if (s.kind === 'int' && !Number.isInteger(v)) return { error: 'must be a whole number' };
  if (v < s.min || v > s.max) return { error: `must be between ${s.min} and ${s.max}` };
  return { value: v };
}

/** True when `v` is a valid value of `s` (used to validate settings from controls). */
export function isValid(s: SettingSpec, v: unknown): boolean {
  return 'value' in parseValue(s, String(v));
}

/** `?seed=` and `?backend=` of a query string; malformed values become notices and the defaults stay. */
export function parseGlobals(search: string, fallback: GlobalSettings = DEFAULT_GLOBALS): { globals: GlobalSettings; notices: Notice[] } {
  const params = new URLSearchParams(search);
  const globals = { ...fallback };
  const notices: Notice[] = [];
  const seed = params.get('seed');
  if (seed !== null) {
    const r = parseValue({ kind: 'int', label: 'Seed', default: fallback.seed, ...SEED_RANGE }, seed);
    if ('value' in r) globals.seed = r.value as number;
    else notices.push({ param: 'seed', value: seed, message: `seed ${r.error}` });
  }
  const backend = params.get('backend');
  if (backend !== null) {
    if (BACKEND_CHOICES.some((b) => b.id === backend)) globals.backend = backend as BackendChoice;
    else notices.push({ param: 'backend', value: backend, message: `backend must be one of ${BACKEND_CHOICES.map((b) => b.id).join(', ')}` });
  }
  return { globals, notices };
}

/**
 * The settings of example `id` from a query string (`?<id>.<key>=`): defaults where absent, a notice
 * for each malformed value or unknown key of this example (the default stays), never a throw.
 */
export function parseSettings<S extends SettingsSpec>(spec: S, id: string, search: string): { settings: SettingsOf<S>; notices: Notice[] } {
  const settings = defaults(spec);
  const notices: Notice[] = [];
  const prefix = `${id}.`;
  for (const [param, raw] of new URLSearchParams(search)) {
    if (!param.startsWith(prefix)) continue;
    const key = param.slice(prefix.length);
    const s = Object.hasOwn(spec, key) ? spec[key] : undefined;
    if (!s) {
      // An example without settings of its own would otherwise read "(it has )".
      const has = Object.keys(spec).length ? `it has ${Object.keys(spec).join(', ')}` : 'it has no settings of its own';
      notices.push({ param, value: raw, message: `${param} is not a setting of this example (${has})` });
      continue;
    }
    const r = parseValue(s, raw);
    if ('value' in r) (settings as Record<string, number | string>)[key] = r.value;
    else notices.push({ param, value: raw, message: `${param} ${r.error}` });
  }
  return { settings, notices };
}

/**
 * `search` with example `id`'s settings and the globals written in: values equal to their default
 * are removed (short links), and so are this example's unknown keys; other parameters are kept.
 */
export function writeSettings<S extends SettingsSpec>(spec: S, id: string, settings: SettingsOf<S>, globals: GlobalSettings, search: string): string {
  const params = new URLSearchParams(search);
  // This example's parameters that name no setting were ignored (with a notice): drop them.
  const unknown = Array.from(params.keys()).filter((p) => p.startsWith(`${id}.`) && !Object.hasOwn(spec, p.slice(id.length + 1)));
  for (const param of unknown) params.delete(param);
  const put = (param: string, value: string | number, fallback: string | number) => {
    if (value === fallback) params.delete(param);
    else params.set(param, String(value));
  };
  for (const [key, s] of Object.entries(spec)) put(`${id}.${key}`, settings[key as keyof S] as number | string, s.default);
  put('seed', globals.seed, DEFAULT_GLOBALS.seed);
  put('backend', globals.backend, DEFAULT_GLOBALS.backend);
  const out = params.toString();
  return out ? `?${out}` : '';
}

/** Settings as `key=value` pairs in spec order, for receipts and status lines. */
export function describeSettings<S extends SettingsSpec>(spec: S, settings: SettingsOf<S>): string {
  return Object.keys(spec)
    .map((k) => `${k}=${settings[k as keyof S]}`)
    .join(', ');
}

/** True when `a` and `b` differ, and only in live settings (a change the model on screen survives). */
export function onlyLiveChanged<S extends SettingsSpec>(spec: S, a: SettingsOf<S>, b: SettingsOf<S>): boolean {
  const changed = Object.keys(spec).filter((k) => a[k as keyof S] !== b[k as keyof S]);
  return changed.length > 0 && changed.every((k) => spec[k].kind !== 'text' && spec[k].live === true);
}

/** True when two settings objects of one spec are equal. */
export function sameSettings<S extends SettingsSpec>(spec: S, a: SettingsOf<S>, b: SettingsOf<S>): boolean {
  return Object.keys(spec).every((k) => a[k as keyof S] === b[k as keyof S]);
}
