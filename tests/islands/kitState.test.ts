/** The kit's state machine: transitions, what the buttons allow, and when new settings need a confirmation. */
import { describe, expect, test } from 'vitest';
import { controlsFor, EXAMPLE_STATES, runAtStake, transition, type ExampleEvent, type ExampleState } from '../../src/islands/kit/state.ts';

describe('transition', () => {
  test('a run: loading → idle → running → paused → running → done', () => {
    const events: ExampleEvent[] = ['ready', 'run', 'pause', 'run', 'done'];
    const seen: ExampleState[] = [];
    let s: ExampleState = 'loading';
    for (const e of events) seen.push((s = transition(s, e)));
    expect(seen).toEqual(['idle', 'running', 'paused', 'running', 'done']);
  });

  test('load and error apply from every state', () => {
    for (const s of EXAMPLE_STATES) {
      expect(transition(s, 'load')).toBe('loading');
      expect(transition(s, 'error')).toBe('error');
    }
  });

  test('events that do not apply leave the state alone', () => {
    expect(transition('loading', 'run')).toBe('loading');
    expect(transition('idle', 'pause')).toBe('idle');
    expect(transition('diverged', 'run')).toBe('diverged');
    expect(transition('error', 'ready')).toBe('error');
    expect(transition('done', 'run')).toBe('done');
    expect(transition('idle', 'diverged')).toBe('idle');
  });

  test('a divergence stops a running or paused run; only a reload (load) leaves it', () => {
    expect(transition('running', 'diverged')).toBe('diverged');
    expect(transition('diverged', 'ready')).toBe('diverged');
    expect(transition(transition('diverged', 'load'), 'ready')).toBe('idle');
  });
});

describe('controlsFor', () => {
  test('every Train label starts with “Train”', () => {
    for (const s of EXAMPLE_STATES) for (const p of [true, false]) expect(controlsFor(s, p).trainLabel).toMatch(/^Train/);
  });

  test('idle allows Train (from scratch over the pretrained model), not Pause', () => {
    expect(controlsFor('idle', true)).toEqual({
      trainLabel: 'Train from scratch',
      trainEnabled: true,
      pauseEnabled: false,
      resetEnabled: true,
      settingsEnabled: true,
    });
    expect(controlsFor('idle', false).trainLabel).toBe('Train');
  });

  test('running allows Pause only among Train/Pause; paused offers to resume', () => {
    expect(controlsFor('running', false)).toMatchObject({ trainEnabled: false, pauseEnabled: true });
    expect(controlsFor('paused', false)).toMatchObject({ trainLabel: 'Train (resume)', trainEnabled: true, pauseEnabled: false });
  });

  test('loading disables everything; diverged and error allow only Reset', () => {
    expect(controlsFor('loading', false)).toMatchObject({ trainEnabled: false, pauseEnabled: false, resetEnabled: false, settingsEnabled: false });
    for (const s of ['diverged', 'error'] as const)
      expect(controlsFor(s, false)).toMatchObject({ trainEnabled: false, pauseEnabled: false, resetEnabled: true });
  });
});

describe('runAtStake', () => {
  test('a reader’s run with trained steps is at stake while running, paused, done or diverged', () => {
    for (const s of ['running', 'paused', 'done', 'diverged'] as const) expect(runAtStake(s, 10, false)).toBe(true);
  });

  test('nothing is at stake at step 0, for the pretrained model, or while idle or loading', () => {
    expect(runAtStake('paused', 0, false)).toBe(false);
    expect(runAtStake('idle', 0, true)).toBe(false);
    expect(runAtStake('idle', 50, false)).toBe(false);
    expect(runAtStake('loading', 50, false)).toBe(false);
  });
});
