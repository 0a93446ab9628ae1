/**
 * The live gradient-variance example: a μ slider, a "samples so far" slider and a Draw samples button
 * that runs it to the end. Every input recomputes both estimators' estimates from the same seeded
 * draws (plain TypeScript, src/ml/math/gradientEstimators.ts) and redraws the histograms, the stats
 * and the running-variance chart (kit/chart.ts, with the chapter's closed forms as flat reference lines).
 */
import { normalDraws, runningVariances } from '../../ml/math/gradientEstimators.ts';
import { createLineChart } from '../kit/chart.ts';
import type { SettingsOf, SettingsSpec } from '../kit/settings.ts';
import type { SyncApi, SyncExampleDefinition } from '../kit/sync.ts';
import { checkpoints, EXAMPLE_ID, PLAY_MS, SPEC } from './config.ts';
import { picture, pictureSummary, pictureSvg } from './picture.ts';

type Settings = SettingsOf<typeof SPEC>;
const v = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function mount(root: HTMLElement, api: SyncApi<typeof SPEC>): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const ui = {
    mu: q<HTMLInputElement>('[data-rp="mu"]'),
    n: q<HTMLInputElement>('[data-rp="n"]'),
    muOut: q<HTMLOutputElement>('[data-rp-out="mu"]'),
    nOut: q<HTMLOutputElement>('[data-rp-out="n"]'),
    play: q<HTMLButtonElement>('[data-action="draw"]'),
    hists: q<HTMLElement>('.rp-chart'),
    curves: q<HTMLElement>('.rp-curves'),
    stat: (name: string) => q<HTMLElement>(`[data-stat="${name}"]`),
  };
  const settings: Settings = { ...api.settings };
  const eps = normalDraws(settings.samples, api.globals.seed);
  const counts = checkpoints(settings.samples);
  let index = counts.length - 1;
  let timer = 0;

  ui.curves.replaceChildren();
  const chart = createLineChart(ui.curves, {
    title: 'Sample variance of each estimator as draws accumulate, against the chapter’s closed forms',
    xLabel: 'draws',
    yLabel: 'variance',
    logY: true,
    height: 200,
    series: [
      { id: 'score', label: 'Score function', term: 'score-function', equation: 'vae-score-function' },
      { id: 'score-exact', label: 'Score function, closed form μ⁴ + 14μ² + 15' },
      { id: 'reparam', label: 'Reparameterized', term: 'pathwise', equation: 'vae-pathwise-gradient' },
      { id: 'reparam-exact', label: 'Reparameterized, closed form 4' },
    ],
  });

  const draw = () => {
    const n = counts[index];
    const p = picture(settings.mu, eps, n);
    ui.hists.innerHTML = pictureSvg(settings.mu, p, 'ex-rp-hists-title');
    ui.muOut.value = settings.mu.toFixed(1);
    ui.nOut.value = n.toLocaleString('en');
    ui.mu.setAttribute('aria-valuetext', `μ = ${settings.mu.toFixed(1)}`);
    ui.n.setAttribute('aria-valuetext', `${n.toLocaleString('en')} draws`);
    ui.stat('score').textContent = v(p.sample.score);
    ui.stat('score-exact').textContent = v(p.exact.score);
    ui.stat('reparam').textContent = v(p.sample.reparam);
    ui.stat('reparam-exact').textContent = v(p.exact.reparam);
    ui.hists.dataset.summary = pictureSummary(settings.mu, p);
    // The running variances up to n (one pass), with the closed forms as flat lines over the same draws.
    const shown = counts.slice(0, index + 1);
    const score = runningVariances(p.estimates.score, shown);
    const reparam = runningVariances(p.estimates.reparam, shown);
    chart.clear();
    shown.forEach((c, i) => {
      chart.append('score', c, score[i]);
      chart.append('reparam', c, reparam[i]);
    });
    for (const c of [shown[0], n]) {
      chart.append('score-exact', c, p.exact.score);
      chart.append('reparam-exact', c, p.exact.reparam);
    }
    api.updated(p.sample.score / p.sample.reparam);
  };

  const stop = () => {
    if (timer) cancelAnimationFrame(timer);
    timer = 0;
    ui.play.textContent = 'Draw samples';
  };
  /** Runs "samples so far" from the first checkpoint to the last over PLAY_MS, one checkpoint per frame at most. */
  const play = () => {
    if (timer) return stop();
    const t0 = performance.now();
    ui.play.textContent = 'Stop drawing';
    api.say('Drawing samples: watch both variances settle on their closed forms.');
    const tick = () => {
      index = Math.min(counts.length - 1, Math.floor(((performance.now() - t0) / PLAY_MS) * counts.length));
      ui.n.value = String(index);
      draw();
      if (index < counts.length - 1) timer = requestAnimationFrame(tick);
      else {
        stop();
        api.say(
          `All ${counts[index].toLocaleString('en')} draws: the score-function variance is ${v(picture(settings.mu, eps, counts[index]).sample.score)}, the reparameterized one ${v(picture(settings.mu, eps, counts[index]).sample.reparam)}.`,
        );
      }
    };
    index = 0;
    timer = requestAnimationFrame(tick);
  };

  ui.mu.addEventListener('input', () => {
    settings.mu = Number(ui.mu.value);
    draw();
  });
  ui.mu.addEventListener('change', () => api.commit(settings));
  ui.n.addEventListener('input', () => {
    stop();
    index = Number(ui.n.value);
    draw();
  });
  ui.play.addEventListener('click', play);
  // Off screen nothing needs drawing: stop a run of Draw samples (it restarts from the button).
  new IntersectionObserver((entries) => {
    if (timer && entries.some((e) => !e.isIntersecting)) stop();
  }).observe(root);

  ui.n.max = String(counts.length - 1);
  ui.mu.value = String(settings.mu);
  ui.n.value = String(index);
  for (const el of [ui.mu, ui.n, ui.play]) el.disabled = false;
  draw();
  api.say('Move μ, or press Draw samples to watch the two variances settle as draws accumulate.');
}

/** The page side of the gradient-variance example (kit/sync.ts mounts it). */
export const definition = { id: EXAMPLE_ID, spec: SPEC, mount } as SyncExampleDefinition<typeof SPEC> as unknown as SyncExampleDefinition<SettingsSpec>;
