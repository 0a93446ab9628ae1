/**
 * The live forward-diffusion example: scrub t, pick the schedule and the data (a 2-D set or a test
 * digit); every input redraws x_t (600 points, or the digit's 784 pixels, with fixed ε each), and the
 * ᾱ_t and log SNR curves with t marked, in the same task (plain TypeScript: src/ml/diffusion/schedule.ts
 * and forwardHost.ts). A button draws x_t from one x_0 both ways, in one step and through the chain,
 * and shows that they agree in distribution. The digit's bytes are fetched once, when it is first
 * shown; its comparison (784 · t normals per draw) runs in slices between frames.
 *
 * Hooks besides the kit's: data-agreement (the comparison's largest standard-error distance, once
 * drawn) and data-digit (the index of the test digit on the canvas, once drawn).
 */
import { makeSchedule, type Schedule, type ScheduleKind } from '../../ml/diffusion/schedule.ts';
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import { deriveSeed, fillNormal, mulberry32 } from '../../ml/random.ts';
import type { SettingsOf, SettingsSpec } from '../kit/settings.ts';
import type { SyncApi, SyncExampleDefinition } from '../kit/sync.ts';
import { compareForward, type Comparison } from './compare.ts';
import { digitComparison, type DigitComparison } from './compareDigit.ts';
import { COMPARE_X0, DIGIT_DRAWS, DRAWS, EXAMPLE_ID, POINTS, SPEC, T, TEST_DIGITS } from './config.ts';
import { DIGIT_PIXELS, DIGIT_SIDE, digitRgba, digitTitle, digitX0, testDigitLoader } from './digit.ts';
import { curveSvg, logSnr, pointsAt, scatterSvg } from './picture.ts';
import { comparisonCells, digitCaption, digitComparisonCells, DIGIT_ROWS, pointCaption, POINT_ROWS, scatterTitle, type RowKey } from './text.ts';

type Settings = SettingsOf<typeof SPEC>;

/** Main-thread time the digit's chain may take per slice before it lets the page paint. */
const SLICE_MS = 12;

function mount(root: HTMLElement, api: SyncApi<typeof SPEC>): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const ui = {
    t: q<HTMLInputElement>('[data-fd="t"]'),
    tOut: q<HTMLOutputElement>('[data-fd-out="t"]'),
    schedule: q<HTMLSelectElement>('[data-fd="schedule"]'),
    dataset: q<HTMLSelectElement>('[data-fd="dataset"]'),
    digit: q<HTMLSelectElement>('[data-fd="digit"]'),
    digitPick: q<HTMLElement>('.fd-digit-pick'),
    compare: q<HTMLButtonElement>('[data-action="compare"]'),
    scatter: q<HTMLElement>('.fd-scatter-box'),
    digitBox: q<HTMLElement>('.fd-digit-box'),
    canvas: q<HTMLCanvasElement>('canvas.fd-digit'),
    caption: q<HTMLElement>('[data-fd-caption]'),
    alphaBar: q<HTMLElement>('.fd-alphabar-box'),
    snr: q<HTMLElement>('.fd-snr-box'),
    stat: (name: string) => q<HTMLElement>(`[data-stat="${name}"]`),
    row: (key: RowKey) => q<HTMLElement>(`[data-fd-row="${key}"]`),
  };
  const settings: Settings = { ...api.settings };
  const seed = api.globals.seed;
  let schedule: Schedule = makeSchedule(settings.schedule as ScheduleKind, T);
  let snr = logSnr(schedule);
  let x0: Float32Array = new Float32Array(0);
  const eps = fillNormal(new Float32Array(2 * POINTS), mulberry32(deriveSeed(seed, 7)));
  const digitEps = fillNormal(new Float32Array(DIGIT_PIXELS), mulberry32(deriveSeed(seed, 8)));
  const loadDigits = testDigitLoader(root.dataset.base ?? '/');
  /** x_0 of the digit on screen (null until its bytes arrive). */
  let digitX: Float32Array | null = null;
  /** Bumped to abandon a digit comparison in progress (t, schedule or data changed). */
  let job = 0;

  const digitMode = () => settings.dataset === 'digit';
  const digitLabel = () => TEST_DIGITS.find((d) => d.id === settings.digit)?.label ?? settings.digit;

  const showComparison = (c: Comparison | DigitComparison | null) => {
    const cells = c && 'pixels' in c ? digitComparisonCells(c) : digitMode() ? digitComparisonCells(null) : comparisonCells(c as Comparison | null);
    for (const [key, text] of Object.entries(cells)) ui.stat(key).textContent = text;
    if (c) root.dataset.agreement = String(c.maxZ);
    else delete root.dataset.agreement;
  };

  /** Shows the controls, picture and table rows of the data chosen (2-D points or a digit). */
  const showMode = () => {
    const digit = digitMode();
    ui.scatter.hidden = digit;
    ui.digitBox.hidden = !digit;
    ui.digitPick.hidden = !digit;
    const rows = digit ? DIGIT_ROWS : POINT_ROWS;
    for (const key of Object.keys(rows) as RowKey[]) ui.row(key).textContent = rows[key];
    ui.caption.textContent = digit ? digitCaption(digitLabel(), DIGIT_DRAWS) : pointCaption(COMPARE_X0, DRAWS);
    if (!digit) delete root.dataset.digit;
  };

  const drawDigit = (t: number) => {
    if (!digitX) return;
    ui.canvas.getContext('2d')!.putImageData(new ImageData(digitRgba(pointsAt(schedule, digitX, digitEps, t)), DIGIT_SIDE, DIGIT_SIDE), 0, 0);
    ui.canvas.setAttribute('aria-label', digitTitle(digitLabel(), t, schedule.alphaBar[t]));
    root.dataset.digit = settings.digit;
  };

  const draw = () => {
    const t = settings.t;
    if (digitMode()) drawDigit(t);
    else {
      const label = SPEC.dataset.choices.find((c) => c.id === settings.dataset)?.label ?? settings.dataset;
      ui.scatter.innerHTML = scatterSvg(pointsAt(schedule, x0, eps, t), 'ex-fd-scatter-title', scatterTitle(label, t, schedule.alphaBar[t]));
    }
    ui.alphaBar.innerHTML = curveSvg(schedule.alphaBar, t, 0, 1, 'ᾱ_t', 'fd-ab', 'ex-fd-ab-title');
    ui.snr.innerHTML = curveSvg(snr, t, -12, 12, 'log SNR(t)', 'fd-snr', 'ex-fd-snr-title');
    ui.tOut.value = String(t);
    ui.t.setAttribute('aria-valuetext', `t = ${t}, ᾱ_t = ${schedule.alphaBar[t].toFixed(3)}`);
    ui.stat('alphabar').textContent = schedule.alphaBar[t].toFixed(3);
    ui.stat('logsnr').textContent = Number.isFinite(snr[t]) ? snr[t].toFixed(2).replace('-', '−') : '∞';
    api.updated(schedule.alphaBar[t]);
  };

  /** The data chosen: a 2-D set at once, or the digit once its (checked) bytes have arrived. */
  const loadData = () => {
    job++;
    showMode();
    if (!digitMode()) {
      x0 = toy2dSets[settings.dataset as Toy2dName].sample(POINTS, seed);
      return;
    }
    digitX = null;
    const wanted = settings.digit;
    loadDigits().then(
      (images) => {
        if (!digitMode() || settings.digit !== wanted) return; // the reader moved on
        digitX = digitX0(images, Number(wanted));
        draw();
      },
      (err: unknown) => api.say(`The test digit could not be loaded: ${err instanceof Error ? err.message : String(err)}. The 2-D data sets still work.`),
    );
  };

  /** The digit's comparison, a slice of the chain at a time; a newer job abandons it. */
  const compareDigitInSlices = () => {
    if (!digitX) return;
    const mine = ++job;
    const t = settings.t;
    const run = digitComparison(schedule, digitX, t, DIGIT_DRAWS, seed);
    showComparison(null);
    api.say(`Drawing x_t ${DIGIT_DRAWS} times in one step and ${DIGIT_DRAWS} times through ${t} chain steps…`);
    const slice = () => {
      if (mine !== job) return;
      const start = performance.now();
      let r = run.next();
      while (!r.done && performance.now() - start < SLICE_MS) r = run.next();
      if (!r.done) {
        setTimeout(slice, 0);
        return;
      }
      const c = r.value;
      showComparison(c);
      api.say(
        `At t = ${c.t}, ${c.draws} draws each of all ${c.pixels} pixels: one step and ${c.t} chain steps differ by ${c.between.mean.toFixed(2)} (means) and ${c.between.variance.toFixed(2)} (variances) standard errors, root mean square over pixels${c.maxZ < 1.3 ? ': as Monte Carlo error alone would give' : ''}.`,
      );
    };
    slice();
  };

  ui.t.addEventListener('input', () => {
    settings.t = Number(ui.t.value);
    job++;
    showComparison(null);
    draw();
  });
  ui.t.addEventListener('change', () => api.commit(settings));
  ui.schedule.addEventListener('change', () => {
    settings.schedule = ui.schedule.value;
    schedule = makeSchedule(settings.schedule as ScheduleKind, T);
    snr = logSnr(schedule);
    job++;
    showComparison(null);
    draw();
    api.commit(settings);
  });
  ui.dataset.addEventListener('change', () => {
    settings.dataset = ui.dataset.value;
    loadData();
    showComparison(null);
    draw();
    api.commit(settings);
  });
  ui.digit.addEventListener('change', () => {
    settings.digit = ui.digit.value;
    loadData();
    showComparison(null);
    draw();
    api.commit(settings);
  });
  ui.compare.addEventListener('click', () => {
    if (digitMode()) return compareDigitInSlices();
    const c = compareForward(schedule, COMPARE_X0, settings.t, DRAWS, seed);
    showComparison(c);
    api.say(
      `At t = ${c.t}, ${c.draws} draws each: one step and ${c.t} chain steps differ by at most ${c.maxZ.toFixed(1)} standard errors${c.maxZ < 4 ? ', within Monte Carlo error' : ''}.`,
    );
  });

  ui.t.value = String(settings.t);
  ui.schedule.value = settings.schedule;
  ui.dataset.value = settings.dataset;
  ui.digit.value = settings.digit;
  for (const el of [ui.t, ui.schedule, ui.dataset, ui.digit, ui.compare]) el.disabled = false;
  loadData();
  draw();
  // The 2-D comparison is cheap enough to show at once; the digit's waits for the button.
  showComparison(digitMode() ? null : compareForward(schedule, COMPARE_X0, settings.t, DRAWS, seed));
  api.say(
    `Scrub t from data (0) to noise (1000); press Compare to draw x_t in one step and through the chain${digitMode() ? ' (all 784 pixels of the digit: it takes a moment)' : ''}.`,
  );
}

/** The page side of the forward-diffusion example (kit/sync.ts mounts it). */
export const definition = { id: EXAMPLE_ID, spec: SPEC, mount } as SyncExampleDefinition<typeof SPEC> as unknown as SyncExampleDefinition<SettingsSpec>;
