/**
 * The page side of every example: owns the generic worker, the state machine (state.ts), the
 * buttons, the settings controls and the URL (settings.ts), the status line, the stats and the test
 * hooks on the root (`data-example`, `data-state`, `data-backend`, `data-step`, `data-loss`), the
 * receipt, and the rules: training pauses when the example leaves the viewport or the tab is hidden
 * (and says so; it resumes only on request), new settings never silently discard a run (the reader
 * confirms, or the run is kept), stale readouts are cleared when a run is replaced, and `pagehide`
 * disposes the worker. The example's own drawing is its view (view.ts).
 */
import { describeBackend, type BackendChoice, type BackendInfo } from '../shared/backendMessages.ts';
import type { FromWorker, SettingsData, ToWorker } from './protocol.ts';
import { receiptRows, reproducingLink } from './receipt.ts';
import {
  isValid,
  onlyLiveChanged,
  parseGlobals,
  parseSettings,
  sameSettings,
  SEED_RANGE,
  writeSettings,
  type GlobalSettings,
  type Notice,
  type SettingsOf,
  type SettingsSpec,
} from './settings.ts';
import { controlsFor, runAtStake, transition, type ExampleEvent, type ExampleState } from './state.ts';
import { spawnWorker } from './spawnWorker.ts';
import type { ExampleDefinition, ExampleView } from './view.ts';

const fmt = new Intl.NumberFormat('en');

/** The loss as the stats show it: three decimals for small losses, one for nats. */
export const formatLoss = (v: number): string => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));

/**
 * Wires example `def` inside `root` (its <live-example> element) and starts the worker, or adopts
 * `early`, a worker already spawned for it (spawnWorker.ts) that has not been sent anything yet.
 */
export function mountExample(root: HTMLElement, def: ExampleDefinition, early?: Worker): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);
  const all = <T extends Element>(sel: string) => Array.from(root.querySelectorAll<T>(sel));
  const ui = {
    train: q<HTMLButtonElement>('[data-action="train"]'),
    pause: q<HTMLButtonElement>('[data-action="pause"]'),
    reset: q<HTMLButtonElement>('[data-action="reset"]'),
    copy: q<HTMLButtonElement>('[data-action="copy-link"]'),
    receiptButton: q<HTMLButtonElement>('[data-action="receipt"]'),
    receipt: q<HTMLElement>('.ex-receipt'),
    link: q<HTMLOutputElement>('.ex-link'),
    confirm: q<HTMLElement>('.ex-confirm'),
    confirmNew: q<HTMLButtonElement>('[data-action="confirm-new"]'),
    keepRun: q<HTMLButtonElement>('[data-action="keep-run"]'),
    controls: all<HTMLElement>('.ex-controls'),
    settings: all<HTMLInputElement | HTMLSelectElement>('[data-setting]'),
    status: q<HTMLElement>('.ex-status'),
    notice: q<HTMLElement>('.ex-notice'),
    stat: (name: string) => q<HTMLElement>(`[data-stat="${name}"]`),
  };
  const spec: SettingsSpec = def.spec;
  const base = root.dataset.base ?? '/';

  // --- What is on screen (one object, mutated only here) -------------------------------------
  const parsed = parseSettings(spec, def.id, location.search);
  const parsedGlobals = parseGlobals(location.search);
  const run = {
    state: 'loading' as ExampleState,
    /** The settings and globals of the model on screen (and in the URL). */
    settings: parsed.settings as SettingsOf<SettingsSpec>,
    globals: parsedGlobals.globals,
    step: 0,
    pretrained: false,
    loss: null as number | null,
    terms: {} as Record<string, number>,
    backend: null as BackendInfo | null,
    tfjs: '',
    /** Why training paused on its own ('viewport' or 'hidden'), if it did. */
    autoPaused: null as null | 'viewport' | 'hidden',
  };
  let worker: Worker | null = null;
  let spawned = early ?? null;
  let view: ExampleView | null = null;

  const send = (msg: ToWorker) => worker?.postMessage(msg);
  const say = (text: string) => {
    if (ui.status) ui.status.textContent = text;
  };
  const total = () => def.totalSteps(run.settings as SettingsData);

  // --- Hooks and numbers ---------------------------------------------------------------------

  /** Updates the stats and the test hooks together, so they always agree. */
  const render = () => {
    root.dataset.example = def.id;
    root.dataset.state = run.state;
    if (run.backend) root.dataset.backend = run.backend.backend;
    root.dataset.step = String(run.step);
    if (run.loss === null) delete root.dataset.loss;
    else root.dataset.loss = String(run.loss);
    const step = ui.stat('step');
    if (step) step.textContent = run.pretrained ? `${fmt.format(run.step)} (pretrained)` : `${fmt.format(run.step)} / ${fmt.format(total())}`;
    const loss = ui.stat('loss');
    if (loss) loss.textContent = run.loss === null ? '–' : formatLoss(run.loss);
  };

  /** Enables what makes sense in the state; keeps keyboard focus on a usable button. */
  const setState = (event: ExampleEvent) => {
    run.state = transition(run.state, event);
    const c = controlsFor(run.state, run.pretrained);
    const focused = document.activeElement;
    if (ui.train) {
      ui.train.disabled = !c.trainEnabled;
      ui.train.textContent = c.trainLabel;
    }
    if (ui.pause) ui.pause.disabled = !c.pauseEnabled;
    if (ui.reset) ui.reset.disabled = !c.resetEnabled;
    for (const s of ui.settings) s.disabled = !c.settingsEnabled;
    if (ui.receiptButton) ui.receiptButton.disabled = run.state === 'loading' || run.state === 'error';
    if (focused instanceof HTMLButtonElement && focused.disabled) {
      const next = focused === ui.train && !ui.pause?.disabled ? ui.pause : ui.train && !ui.train.disabled ? ui.train : ui.reset;
      next?.focus();
    }
    render();
    view?.state?.(run.state);
  };

  /** Forgets every readout of the model on screen (a new run or model replaces it). */
  const clearReadouts = () => {
    run.step = 0;
    run.loss = null;
    run.terms = {};
    run.pretrained = false;
    run.autoPaused = null;
    const ms = ui.stat('ms');
    if (ms) ms.textContent = '–';
    if (ui.receipt) ui.receipt.hidden = true;
    view?.clear();
    render();
  };

  // --- Settings, controls and the URL --------------------------------------------------------

  const showNotices = (notices: Notice[]) => {
    if (!ui.notice) return;
    ui.notice.hidden = notices.length === 0;
    ui.notice.textContent = notices.length
      ? `Ignored in the link: ${notices.map((n) => `${n.message} (got “${n.value}”)`).join('; ')}. Using the defaults instead.`
      : '';
  };

  const writeControls = (settings: SettingsOf<SettingsSpec>, globals: GlobalSettings) => {
    for (const el of ui.settings) {
      const key = el.dataset.setting!;
      el.value = String(key === 'seed' ? globals.seed : key === 'backend' ? globals.backend : settings[key]);
    }
  };

  /** The settings the controls show now; invalid entries fall back to the run's (and say so). */
  const readControls = (): { settings: SettingsOf<SettingsSpec>; globals: GlobalSettings } => {
    const settings = { ...run.settings };
    const globals = { ...run.globals };
    for (const el of ui.settings) {
      const key = el.dataset.setting!;
      if (key === 'seed') {
        const v = Number(el.value);
        if (isValid({ kind: 'int', label: 'Seed', default: 1, ...SEED_RANGE }, v)) globals.seed = v;
      } else if (key === 'backend') globals.backend = el.value as BackendChoice;
      else if (spec[key]) {
        const s = spec[key];
        const v = s.kind === 'int' || s.kind === 'number' ? Number(el.value) : el.value;
        if (isValid(s, v)) settings[key] = v;
      }
    }
    return { settings, globals };
  };

  /** Makes the URL say what made the model on screen (replaceState: no history entry per run). */
  const writeUrl = () => {
    const search = writeSettings(spec, def.id, run.settings, run.globals, location.search);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  };

  // --- The worker ----------------------------------------------------------------------------

  const onMessage = (msg: FromWorker) => {
    switch (msg.type) {
      case 'ready': {
        run.backend = msg.info;
        run.tfjs = msg.tfjs;
        const { shown, sentence } = describeBackend(msg.info);
        const b = ui.stat('backend');
        if (b) b.textContent = shown;
        // The select names what "Automatic" chose; the status line says why others were skipped.
        const auto = ui.settings.find((el) => el.dataset.setting === 'backend')?.querySelector<HTMLOptionElement>('option[value="auto"]');
        if (auto) auto.textContent = `Automatic (${shown})`;
        say(`${sentence} Loading the model…`);
        render();
        break;
      }
      case 'state': {
        if (run.pretrained && !msg.pretrained) {
          // Training from scratch replaces the pretrained model: its readouts go too.
          view?.clear();
          run.loss = null;
          run.terms = {};
        }
        run.pretrained = msg.pretrained;
        run.step = msg.step;
        const backendSentence = run.backend ? describeBackend(run.backend).sentence : '';
        if (msg.state === 'idle') {
          setState('ready');
          const idle =
            def.idleText?.({ pretrained: run.pretrained, trainable: def.trainable }) ??
            (run.pretrained
              ? 'Showing the pretrained model. Press Train from scratch to train your own here.'
              : 'A fresh, untrained network. Press Train to train it here.');
          say(`${backendSentence} ${idle}`.trim());
        } else if (msg.state === 'running') {
          run.autoPaused = null;
          setState('run');
          say('Training in a background thread…');
        } else if (msg.state === 'paused') {
          setState('pause');
          const why = run.autoPaused === 'viewport' ? ' because the example left the screen' : run.autoPaused === 'hidden' ? ' because the tab was hidden' : '';
          say(`Paused at step ${fmt.format(run.step)}${why}. Press Train (resume) to go on.`);
        } else {
          setState('done');
          say(`Trained ${fmt.format(run.step)} steps. Change a setting or press Reset to train again.`);
        }
        break;
      }
      case 'metrics':
        if (msg.split === 'train') {
          if (run.pretrained) view?.clear(); // the reader's run replaces the pretrained model's readouts
          run.pretrained = false;
          run.step = msg.step;
          run.loss = msg.loss;
          run.terms = msg.terms;
          const ms = ui.stat('ms');
          if (ms && msg.msPerStep !== undefined) ms.textContent = msg.msPerStep.toFixed(1);
          render();
        }
        view?.metrics?.(msg);
        break;
      case 'snapshot':
        run.pretrained = msg.pretrained;
        run.step = msg.step;
        render();
        view?.snapshot(msg.data, { step: msg.step, pretrained: msg.pretrained });
        break;
      case 'reply':
        view?.reply?.(msg.name, msg.data);
        break;
      case 'receipt':
        showReceipt(msg.hash, msg.step, msg.pretrained);
        break;
      case 'diverged':
        run.step = msg.restoredStep;
        setState('diverged');
        say(
          `The loss became NaN at step ${fmt.format(msg.step)}: training stopped and the weights of step ${fmt.format(msg.restoredStep)} were restored. Reset to start again.`,
        );
        break;
      case 'error':
        setState('error');
        say(`The example stopped: ${msg.message}`);
        break;
    }
  };

  /** (Re)starts the worker on the chosen backend: everything it held is dropped. */
  const start = () => {
    worker?.terminate();
    clearReadouts();
    setState('load');
    say('Loading TensorFlow.js and choosing a backend…');
    worker = spawned ?? spawnWorker(def.id);
    spawned = null;
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => onMessage({ type: 'error', message: e.message || 'the worker failed to start' });
    send({ type: 'init', example: def.id, backend: run.globals.backend, settings: run.settings as SettingsData, seed: run.globals.seed, base });
  };

  /** A fresh model for the run's settings on the same worker. */
  const reset = () => {
    clearReadouts();
    setState('load');
    say('Building a fresh network…');
    send({ type: 'reset', settings: run.settings as SettingsData, seed: run.globals.seed });
  };

  /** Makes the controls' settings the run's: a new worker if the backend changed, else a fresh model. */
  const applyControls = () => {
    if (ui.confirm) ui.confirm.hidden = true;
    const wanted = readControls();
    const backendChanged = wanted.globals.backend !== run.globals.backend;
    run.settings = wanted.settings;
    run.globals = wanted.globals;
    writeControls(run.settings, run.globals);
    writeUrl();
    if (backendChanged || run.state === 'error') start();
    else reset();
  };

  const onSettingChange = () => {
    const wanted = readControls();
    const same =
      sameSettings(spec, wanted.settings, run.settings) && wanted.globals.seed === run.globals.seed && wanted.globals.backend === run.globals.backend;
    if (same) {
      if (ui.confirm) ui.confirm.hidden = true;
      return;
    }
    if (wanted.globals.seed === run.globals.seed && wanted.globals.backend === run.globals.backend && onlyLiveChanged(spec, wanted.settings, run.settings)) {
      // Only what is shown of the model changed: keep the model and its run.
      run.settings = wanted.settings;
      writeUrl();
      send({ type: 'settings', settings: run.settings as SettingsData });
      return;
    }
    if (ui.confirm && runAtStake(run.state, run.step, run.pretrained)) {
      // Never discard a run silently: the reader chooses (training goes on meanwhile).
      ui.confirm.hidden = false;
      say('New settings start a new run. Start over with them, or keep the current run.');
      return;
    }
    applyControls();
  };

  // --- Receipt and link ----------------------------------------------------------------------

  const runLink = (backend: string) =>
    reproducingLink({
      example: def.id,
      spec,
      settings: run.settings,
      seed: run.globals.seed,
      backend,
      page: `${location.origin}${location.pathname}#${root.closest('figure')?.id ?? ''}`,
      search: location.search,
    });

  function showReceipt(hash: string, step: number, pretrained: boolean) {
    if (!ui.receipt) return;
    const backend = run.backend?.backend ?? run.globals.backend;
    const rows = receiptRows({
      example: def.id,
      spec,
      settings: run.settings,
      seed: run.globals.seed,
      backend,
      tfjs: run.tfjs,
      step,
      pretrained,
      loss: pretrained ? null : run.loss,
      terms: pretrained ? {} : run.terms,
      hash,
      page: '',
      search: '',
    });
    const dl = document.createElement('dl');
    for (const r of rows) {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = r.label;
      const dd = document.createElement('dd');
      dd.textContent = r.value;
      if (r.hook === 'weights-hash') dd.dataset.weightsHash = r.value;
      div.append(dt, dd);
      dl.append(div);
    }
    const link = document.createElement('a');
    link.href = runLink(backend);
    link.textContent = 'Link that reproduces this run';
    link.className = 'ex-receipt-link';
    ui.receipt.querySelector('dl')?.remove();
    ui.receipt.querySelector('.ex-receipt-link')?.remove();
    ui.receipt.append(dl, link);
    ui.receipt.hidden = false;
  }

  ui.receiptButton?.addEventListener('click', () => send({ type: 'receipt' }));
  ui.copy?.addEventListener('click', () => {
    const link = runLink(run.globals.backend);
    if (ui.link) {
      ui.link.value = link;
      ui.link.hidden = false;
    }
    navigator.clipboard?.writeText(link).then(
      () => say('Link copied: it reproduces these settings and this seed.'),
      () => say('The link is shown below the buttons: copy it from there.'),
    );
  });

  // --- Buttons and settings ------------------------------------------------------------------

  ui.train?.addEventListener('click', () => {
    writeUrl();
    send({ type: 'train' });
  });
  ui.pause?.addEventListener('click', () => send({ type: 'pause' }));
  ui.reset?.addEventListener('click', () => {
    if (ui.confirm) ui.confirm.hidden = true;
    const wanted = readControls();
    run.settings = wanted.settings;
    run.globals = wanted.globals;
    writeUrl();
    if (run.state === 'error' || !worker) start();
    else reset();
  });
  for (const el of ui.settings) el.addEventListener('change', onSettingChange);
  ui.confirmNew?.addEventListener('click', applyControls);
  ui.keepRun?.addEventListener('click', () => {
    writeControls(run.settings, run.globals);
    if (ui.confirm) ui.confirm.hidden = true;
    say('Kept the current run and its settings.');
  });

  // --- Visibility and lifetime ---------------------------------------------------------------

  const autoPause = (why: 'viewport' | 'hidden') => {
    if (run.state !== 'running') return;
    run.autoPaused = why;
    send({ type: 'pause' });
  };
  new IntersectionObserver((entries) => {
    if (entries.some((e) => !e.isIntersecting)) autoPause('viewport');
  }).observe(root);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') autoPause('hidden');
  });
  window.addEventListener('pagehide', () => {
    send({ type: 'dispose' });
    worker?.terminate();
    worker = null;
  });
  // Back from the back-forward cache: the worker was disposed, start a new one.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && !worker) start();
  });

  // --- Start ---------------------------------------------------------------------------------

  view = def.mountView(root, {
    request: (name, payload) => send({ type: 'request', name, payload }),
    settings: () => run.settings as SettingsData,
    say,
  });
  showNotices([...parsedGlobals.notices, ...parsed.notices]);
  writeControls(run.settings, run.globals);
  writeUrl();
  for (const c of ui.controls) c.hidden = false;
  root.dataset.live = '';
  start();
}
