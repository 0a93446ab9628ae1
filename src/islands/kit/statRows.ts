/** The rows of an example's readouts (Stats.astro), and the four every training example shows. */

/** One readout. */
export interface Stat {
  /** The name shown (dt). */
  label: string;
  /** The data-stat key the page writes the value to (the kit's controller writes step, loss, ms and backend). */
  stat: string;
  /** The text before the page writes one: what a reader without JavaScript sees. */
  value: string;
}

/** Step, loss, ms/step and backend, with the server's step and loss text (the pretrained model's). */
export function trainingStats(step: string, loss: string, lossLabel = 'Loss'): Stat[] {
  return [
    { label: 'Step', stat: 'step', value: step },
    { label: lossLabel, stat: 'loss', value: loss },
    { label: 'ms/step', stat: 'ms', value: '–' },
    { label: 'Backend', stat: 'backend', value: 'not started' },
  ];
}

/** The backend alone, for an example that only runs a pretrained model. */
export const BACKEND_STAT: Stat = { label: 'Backend', stat: 'backend', value: 'not started' };
