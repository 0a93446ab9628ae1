/**
 * The live forward-diffusion example: scrub t, pick the schedule and the data set; every input redraws
 * x_t of 600 points (fixed ε per point), and the ᾱ_t and log SNR curves with t marked, in the same task
 * (plain TypeScript: src/ml/diffusion/schedule.ts and forwardHost.ts). A button draws x_t from one x_0
 * both ways, in one step and through the chain, and shows that they agree in distribution.
 */
import { makeSchedule, type Schedule, type ScheduleKind } from '../../ml/diffusion/schedule.ts';
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../../ml/random.ts';
import type { SettingsOf, SettingsSpec } from '../kit/settings.ts';
import type { SyncApi, SyncExampleDefinition } from '../kit/sync.ts';
import { compareForward, type Comparison } from './compare.ts';
import { COMPARE_X0, DRAWS, EXAMPLE_ID, POINTS, SPEC, T } from './config.ts';
import { curveSvg, logSnr, pointsAt, scatterSvg } from './picture.ts';
import { comparisonCells, scatterTitle } from './text.ts';

type Settings = SettingsOf<typeof SPEC>;

function mount(root: HTMLElement, api: SyncApi<typeof SPEC>): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const ui = {
    t: q<HTMLInputElement>('[data-fd="t"]'),
    tOut: q<HTMLOutputElement>('[data-fd-out="t"]'),
    schedule: q<HTMLSelectElement>('[data-fd="schedule"]'),
    dataset: q<HTMLSelectElement>('[data-fd="dataset"]'),
    compare: q<HTMLButtonElement>('[data-action="compare"]'),
    scatter: q<HTMLElement>('.fd-scatter-box'),
    alphaBar: q<HTMLElement>('.fd-alphabar-box'),
    snr: q<HTMLElement>('.fd-snr-box'),
    stat: (name: string) => q<HTMLElement>(`[data-stat="${name}"]`),
  };
  const settings: Settings = { ...api.settings };
  let schedule: Schedule = makeSchedule(settings.schedule as ScheduleKind, T);
  let snr = logSnr(schedule);
  let x0: Float32Array = new Float32Array(0);
  const eps = fillNormal(new Float32Array(2 * POINTS), mulberry32(deriveSeed(api.globals.seed, 7)));
  const loadData = () => {
    x0 = toy2dSets[settings.dataset as Toy2dName].sample(POINTS, api.globals.seed);
  };

  const showComparison = (c: Comparison | null) => {
    for (const [key, text] of Object.entries(comparisonCells(c))) ui.stat(key).textContent = text;
    if (c) root.dataset.agreement = String(c.maxZ);
    else delete root.dataset.agreement;
  };

  const draw = () => {
    const t = settings.t;
    const label = SPEC.dataset.choices.find((c) => c.id === settings.dataset)?.label ?? settings.dataset;
    ui.scatter.innerHTML = scatterSvg(pointsAt(schedule, x0, eps, t), 'ex-fd-scatter-title', scatterTitle(label, t, schedule.alphaBar[t]));
    ui.alphaBar.innerHTML = curveSvg(schedule.alphaBar, t, 0, 1, 'ᾱ_t', 'fd-ab', 'ex-fd-ab-title');
    ui.snr.innerHTML = curveSvg(snr, t, -12, 12, 'log SNR(t)', 'fd-snr', 'ex-fd-snr-title');
    ui.tOut.value = String(t);
    ui.t.setAttribute('aria-valuetext', `t = ${t}, ᾱ_t = ${schedule.alphaBar[t].toFixed(3)}`);
    ui.stat('alphabar').textContent = schedule.alphaBar[t].toFixed(3);
    ui.stat('logsnr').textContent = Number.isFinite(snr[t]) ? snr[t].toFixed(2).replace('-', '−') : '∞';
    api.updated(schedule.alphaBar[t]);
  };

  ui.t.addEventListener('input', () => {
    settings.t = Number(ui.t.value);
    showComparison(null);
    draw();
  });
  ui.t.addEventListener('change', () => api.commit(settings));
  ui.schedule.addEventListener('change', () => {
    settings.schedule = ui.schedule.value;
    schedule = makeSchedule(settings.schedule as ScheduleKind, T);
    snr = logSnr(schedule);
    showComparison(null);
    draw();
    api.commit(settings);
  });
  ui.dataset.addEventListener('change', () => {
    settings.dataset = ui.dataset.value;
    loadData();
    draw();
    api.commit(settings);
  });
  ui.compare.addEventListener('click', () => {
    const c = compareForward(schedule, COMPARE_X0, settings.t, DRAWS, api.globals.seed);
    showComparison(c);
    api.say(
      `At t = ${c.t}, ${c.draws} draws each: one step and ${c.t} chain steps differ by at most ${c.maxZ.toFixed(1)} standard errors${c.maxZ < 4 ? ', within Monte Carlo error' : ''}.`,
    );
  });

  ui.t.value = String(settings.t);
  ui.schedule.value = settings.schedule;
  ui.dataset.value = settings.dataset;
  for (const el of [ui.t, ui.schedule, ui.dataset, ui.compare]) el.disabled = false;
  loadData();
  draw();
  showComparison(compareForward(schedule, COMPARE_X0, settings.t, DRAWS, api.globals.seed));
  api.say('Scrub t from data (0) to noise (1000); press Compare to draw x_t in one step and through the chain.');
}

/** The page side of the forward-diffusion example (kit/sync.ts mounts it). */
export const definition = { id: EXAMPLE_ID, spec: SPEC, mount } as SyncExampleDefinition<typeof SPEC> as unknown as SyncExampleDefinition<SettingsSpec>;
