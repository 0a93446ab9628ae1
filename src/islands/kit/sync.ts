/**
 * The kit for examples that compute on the page in plain TypeScript (no TF.js, no worker, no training:
 * a reader moves a slider and the picture follows in the same frame). It shares the kit's settings,
 * URL round trip, notices and test hooks with the worker controller (controller.ts), and leaves out
 * what only a training run needs (state machine, backend, receipts, pausing off screen).
 *
 * Hooks on the root, as for every example: data-example, data-state ('idle' once live; there is no
 * run), data-step (how many times the display has updated: tests and the bench wait on it) and
 * data-loss (the number the example is about, e.g. the ELBO gap). No data-backend: nothing runs on one.
 */
import { parseGlobals, parseSettings, writeSettings, type GlobalSettings, type SettingsOf, type SettingsSpec } from './settings.ts';

/** What the kit offers a synchronous example's view. */
export interface SyncApi<S extends SettingsSpec> {
  /** The settings read from the URL (defaults where absent or malformed). */
  readonly settings: SettingsOf<S>;
  readonly globals: GlobalSettings;
  /** Makes `settings` the URL's (replaceState; call it when a control is released, not on every input). */
  commit(settings: SettingsOf<S>): void;
  /** The display was redrawn: bumps data-step and sets data-loss to `value`. */
  updated(value: number): void;
  /** Says something in the example's status line (a polite live region). */
  say(text: string): void;
}

/** One synchronous example's page side. */
export interface SyncExampleDefinition<S extends SettingsSpec = SettingsSpec> {
  id: string;
  spec: S;
  /** Wires the example's controls and draws its first picture. */
  mount(root: HTMLElement, api: SyncApi<S>): void;
}

/** Mounts `def` on its <live-example> root: settings from the URL, a notice for malformed ones, the hooks. */
export function mountSyncExample<S extends SettingsSpec>(root: HTMLElement, def: SyncExampleDefinition<S>): void {
  const parsed = parseSettings(def.spec, def.id, location.search);
  const parsedGlobals = parseGlobals(location.search);
  const notices = [...parsedGlobals.notices, ...parsed.notices];
  const notice = root.querySelector<HTMLElement>('.ex-notice');
  if (notice) {
    notice.hidden = notices.length === 0;
    notice.textContent = notices.length
      ? `Ignored in the link: ${notices.map((n) => `${n.message} (got “${n.value}”)`).join('; ')}. Using the defaults instead.`
      : '';
  }
  const status = root.querySelector<HTMLElement>('.ex-status');
  let step = 0;
  const commit = (settings: SettingsOf<S>) => {
    const search = writeSettings(def.spec, def.id, settings, parsedGlobals.globals, location.search);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  };
  root.dataset.example = def.id;
  def.mount(root, {
    settings: parsed.settings,
    globals: parsedGlobals.globals,
    commit,
    updated: (value) => {
      step += 1;
      root.dataset.step = String(step);
      root.dataset.loss = String(value);
    },
    say: (text) => {
      if (status) status.textContent = text;
    },
  });
  // The URL now says exactly what is on screen (malformed values dropped).
  commit(parsed.settings);
  for (const c of root.querySelectorAll<HTMLElement>('.ex-controls')) c.hidden = false;
  root.dataset.live = '';
  root.dataset.state = 'idle';
}
