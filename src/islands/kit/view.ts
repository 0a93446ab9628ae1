/**
 * What an example supplies to the page side: its id, settings spec and a view that draws snapshots
 * and metrics. The kit's controller does everything else (state, buttons, settings, URL, status,
 * hooks, receipts, visibility, worker lifetime).
 */
import type { MetricsMessage, SettingsData, SnapshotData } from './protocol.ts';
import type { ExampleState } from './state.ts';
import type { SettingsSpec } from './settings.ts';

/** What the controller offers a view. */
export interface ViewApi {
  /** Asks the worker an example-specific question; the answer arrives in `reply`. */
  request(name: string, payload: unknown): void;
  /** The settings of the model on screen. */
  settings(): SettingsData;
  /** Says something in the example's status line (a polite live region). */
  say(text: string): void;
}

/** The example's drawing, mounted once on the example's root element. */
export interface ExampleView {
  /** The model at `step` (pretrained or the reader's run). */
  snapshot(data: SnapshotData, meta: { step: number; pretrained: boolean }): void;
  /** A training or held-out report. */
  metrics?(m: MetricsMessage): void;
  reply?(name: string, data: SnapshotData): void;
  /** The state changed (e.g. enable the view's own controls once idle). */
  state?(state: ExampleState): void;
  /** A new run or model replaces the old one: forget readouts of the old. */
  clear(): void;
}

/** One example's page side. */
export interface ExampleDefinition {
  id: string;
  spec: SettingsSpec;
  /** False for examples that only show a pretrained model. */
  trainable: boolean;
  /** Steps of a full run, for "step / total" (from the settings). */
  totalSteps(settings: SettingsData): number;
  /** The status sentence once a model is shown and idle. */
  idleText?(meta: { pretrained: boolean; trainable: boolean }): string;
  mountView(root: HTMLElement, api: ViewApi): ExampleView;
}
