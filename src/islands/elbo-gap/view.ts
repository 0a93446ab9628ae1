/**
 * The live ELBO-gap example: sliders for q's mean and variance and for k; on every input the bars of
 * eq. elbo-kl-decomposition and the importance-weighted bound are recomputed and redrawn in the same
 * task (plain TypeScript from src/ml/math/elboToy.ts, a few milliseconds at most), and the URL is
 * written when a slider is released.
 */
import { elboGap, iwBoundSpread, toyPosterior } from '../../ml/math/elboToy.ts';
import type { SettingsOf, SettingsSpec } from '../kit/settings.ts';
import type { SyncApi, SyncExampleDefinition } from '../kit/sync.ts';
import { barsSvg, barsSummary, nats } from './bars.ts';
import { AXIS_MIN, EXAMPLE_ID, iwRepeats, MODEL, SPEC } from './config.ts';
import { kIndex, K_CHOICES } from './kChoices.ts';

type Settings = SettingsOf<typeof SPEC>;

function mount(root: HTMLElement, api: SyncApi<typeof SPEC>): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const ui = {
    mean: q<HTMLInputElement>('[data-eg="mean"]'),
    variance: q<HTMLInputElement>('[data-eg="variance"]'),
    k: q<HTMLInputElement>('[data-eg="k"]'),
    meanOut: q<HTMLOutputElement>('[data-eg-out="mean"]'),
    varianceOut: q<HTMLOutputElement>('[data-eg-out="variance"]'),
    kOut: q<HTMLOutputElement>('[data-eg-out="k"]'),
    chart: q<HTMLElement>('.eg-chart'),
    stat: (name: string) => q<HTMLElement>(`[data-stat="${name}"]`),
  };
  const settings: Settings = { ...api.settings };
  const posterior = toyPosterior(MODEL);
  let wasTight: boolean | null = null;

  const writeControls = () => {
    ui.mean.value = String(settings.mean);
    ui.variance.value = String(settings.variance);
    ui.k.value = String(kIndex(settings.k));
  };

  /** Recomputes everything from `settings` and redraws (one synchronous pass: the next frame shows it). */
  const draw = () => {
    const qNow = { mean: settings.mean, variance: settings.variance };
    const values = elboGap(MODEL, qNow);
    const iw = iwBoundSpread(MODEL, qNow, { k: settings.k, repeats: iwRepeats(settings.k), seed: api.globals.seed });
    const input = { values, iw, k: settings.k, axisMin: AXIS_MIN };
    ui.chart.innerHTML = barsSvg(input, 'ex-eg-bars-title');
    ui.meanOut.value = settings.mean.toFixed(2);
    ui.varianceOut.value = settings.variance.toFixed(2);
    ui.kOut.value = String(settings.k);
    ui.mean.setAttribute('aria-valuetext', `m = ${settings.mean.toFixed(2)}`);
    ui.variance.setAttribute('aria-valuetext', `s² = ${settings.variance.toFixed(2)}`);
    ui.k.setAttribute('aria-valuetext', `k = ${settings.k}`);
    ui.stat('elbo').textContent = nats(values.elbo);
    ui.stat('gap').textContent = nats(values.gap);
    ui.stat('iw').textContent = `${nats(iw.mean)} ± ${nats(iw.sd).replace('−', '')}`;
    ui.chart.dataset.summary = barsSummary(input);
    api.updated(values.gap);
    // Announce only when the bound becomes tight or stops being so (not on every slider step).
    const tight = Math.abs(values.gap) < 0.0005;
    if (wasTight !== null && tight !== wasTight) {
      api.say(
        tight
          ? 'q is the true posterior N(1, 0.5): the KL gap is 0 and the ELBO equals log p(x).'
          : `The KL gap is ${nats(values.gap)} nats: q is not the true posterior.`,
      );
    }
    wasTight = tight;
  };

  const onInput = () => {
    settings.mean = Number(ui.mean.value);
    settings.variance = Number(ui.variance.value);
    settings.k = K_CHOICES[Number(ui.k.value)];
    draw();
  };
  const set = (next: Partial<Settings>) => {
    Object.assign(settings, next);
    writeControls();
    draw();
    api.commit(settings);
  };
  for (const el of [ui.mean, ui.variance, ui.k]) {
    el.addEventListener('input', onInput);
    el.addEventListener('change', () => api.commit(settings));
    el.disabled = false;
  }
  q<HTMLButtonElement>('[data-action="posterior"]').addEventListener('click', () => set({ mean: posterior.mean, variance: posterior.variance }));
  q<HTMLButtonElement>('[data-action="prior"]').addEventListener('click', () => set({ mean: 0, variance: 1 }));

  writeControls();
  draw();
  api.say('Move q’s mean and variance: the ELBO meets log p(x), and the gap closes, only at the true posterior N(1, 0.5).');
}

/** The page side of the ELBO-gap example (kit/sync.ts mounts it). */
export const definition = { id: EXAMPLE_ID, spec: SPEC, mount } as SyncExampleDefinition<typeof SPEC> as unknown as SyncExampleDefinition<SettingsSpec>;
