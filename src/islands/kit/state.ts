/**
 * The state machine every example runs, as pure functions: which state an event leads to, and what
 * the buttons say and allow in each state. The controller owns one `ExampleState` value; nothing here
 * touches the DOM.
 *
 *   loading → idle → running ⇄ paused → done
 *                       ↘ diverged (stops; Reset to go on)      any → error (Reset restarts)
 *   Reset or new settings: → loading → idle (a fresh model, step 0).
 */

export type ExampleState = 'loading' | 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

export const EXAMPLE_STATES: readonly ExampleState[] = ['loading', 'idle', 'running', 'paused', 'done', 'diverged', 'error'];

/** What moves the state: the reader's commands (sent to the worker) and the worker's reports. */
export type ExampleEvent =
  /** The worker (re)starts: TF.js, backend, model. */
  | 'load'
  /** The model is ready to train or to show (pretrained or fresh). */
  | 'ready'
  | 'run'
  | 'pause'
  | 'done'
  | 'diverged'
  | 'error';

/** Where each event may come from; an event from any other state is ignored (the state stays). */
const FROM: Record<ExampleEvent, readonly ExampleState[] | 'any'> = {
  load: 'any',
  ready: ['loading', 'idle', 'paused', 'done'],
  run: ['idle', 'paused', 'running'],
  pause: ['running', 'paused'],
  done: ['running', 'paused'],
  diverged: ['running', 'paused'],
  error: 'any',
};

const TO: Record<ExampleEvent, ExampleState> = {
  load: 'loading',
  ready: 'idle',
  run: 'running',
  pause: 'paused',
  done: 'done',
  diverged: 'diverged',
  error: 'error',
};

/** The state after `event` in `state` (unchanged when the event does not apply there). */
export function transition(state: ExampleState, event: ExampleEvent): ExampleState {
  const from = FROM[event];
  return from === 'any' || from.includes(state) ? TO[event] : state;
}

/** What the controls show and allow. */
export interface ControlsView {
  trainLabel: string;
  trainEnabled: boolean;
  pauseEnabled: boolean;
  resetEnabled: boolean;
  settingsEnabled: boolean;
}

/**
 * The buttons in `state`. `pretrained`: the model on screen is the committed one (Train then
 * starts from scratch). Train's accessible name always starts with "Train" (tests and readers find it
 * by that word); paused it says "Train (resume)".
 */
export function controlsFor(state: ExampleState, pretrained: boolean): ControlsView {
  const trainLabel = state === 'paused' ? 'Train (resume)' : state === 'done' ? 'Trained' : pretrained ? 'Train from scratch' : 'Train';
  return {
    trainLabel,
    trainEnabled: state === 'idle' || state === 'paused',
    pauseEnabled: state === 'running',
    resetEnabled: state !== 'loading',
    settingsEnabled: state !== 'loading',
  };
}

/** True when a run holds trained steps that new settings would discard (so the reader must confirm). */
export function runAtStake(state: ExampleState, step: number, pretrained: boolean): boolean {
  return !pretrained && step > 0 && (state === 'running' || state === 'paused' || state === 'done' || state === 'diverged');
}
