/**
 * The files of a new example on the kit (pure: id and title in, file texts out): a 2-D DDPM
 * (src/ml/diffusion/ddpm2d.ts) trained on the 8-Gaussians toy data, small enough to train in a
 * browser test in seconds. A contributor swaps the adapter's model and the view's drawing.
 */

/** Relative path → contents, for example `id` (tag `name`) titled `title`. */
export function exampleFiles(id: string, name: string, title: string): Record<string, string> {
  const dir = `src/islands/${id}`;
  const q = (s: string) => JSON.stringify(s);
  return {
    [`${dir}/config.ts`]: `/**
 * Every knob of the "${title}" example, with its default (kit/settings.ts). URL: \`?${id}.steps=400\`.
 */
import type { SettingsSpec } from '../kit/settings.ts';

export const EXAMPLE_ID = ${q(id)};

/** What one run does (seed and backend are the kit's global settings). */
export const SPEC = {
  /** Training steps of a run. */
  steps: { kind: 'int', label: 'Training steps', default: 600, min: 10, max: 20_000 },
  /** Points per batch; URL only. */
  batch: { kind: 'int', label: 'Batch size', default: 128, min: 1, max: 4096, hidden: true },
} as const satisfies SettingsSpec;

/** The toy data set the model learns (src/ml/data/toy2d.ts). */
export const DATASET = 'eightGaussians';
/** Steps between loss read-backs (each one a point of the curve). */
export const REPORT_EVERY = 20;
/** Steps between fresh samples while training. */
export const SAMPLE_EVERY = 200;
/** Points drawn each time, and reverse steps of the (respaced) sampler. */
export const SAMPLE_POINTS = 400;
export const SAMPLE_STEPS = 20;
/** The square of data space shown: [−EXTENT, EXTENT]². */
export const EXTENT = 4.5;
/** Side of the plot's square, in SVG units. */
export const SIZE = 320;

/** A data point in the plot's pixels (y up). */
export const toPixel = (x: number, y: number, size: number): [number, number] => [((x + EXTENT) * size) / (2 * EXTENT), ((EXTENT - y) * size) / (2 * EXTENT)];
`,
    [`${dir}/adapter.ts`]: `/**
 * The model side of "${title}", run by the kit's worker: a fresh, seeded 2-D DDPM
 * (src/ml/diffusion/ddpm2d.ts) on the toy data, and its samples as snapshots.
 */
import type { Toy2dName } from '../../ml/data/toy2d.ts';
import { createDdpm2d, type Ddpm2d } from '../../ml/diffusion/ddpm2d.ts';
import { deriveSeed } from '../../ml/random.ts';
import type { ExampleAdapter } from '../kit/adapter.ts';
import { DATASET, REPORT_EVERY, SAMPLE_EVERY, SAMPLE_POINTS, SAMPLE_STEPS } from './config.ts';

/** The adapter; it holds nothing between calls. */
export function createAdapter(): ExampleAdapter<Ddpm2d> {
  return {
    trainable: true,
    cadence: (s) => ({ totalSteps: s.steps as number, reportEvery: REPORT_EVERY, snapshotEvery: SAMPLE_EVERY }),
    prepare: async () => {},
    // No committed weights: the reader starts from a fresh model.
    pretrained: async () => null,
    create: (s, seed) => createDdpm2d({ dataset: DATASET as Toy2dName, seed, decaySteps: s.steps as number, batchSize: s.batch as number }),
    async snapshot(model, _s, seed) {
      const x = model.sample(SAMPLE_POINTS, deriveSeed(seed, 7), SAMPLE_STEPS);
      const samples = (await x.data()) as Float32Array;
      x.dispose();
      return { data: { samples }, transfer: [samples.buffer as ArrayBuffer] };
    },
  };
}
`,
    [`${dir}/view.ts`]: `/**
 * The page side of "${title}": samples over the data on a canvas, and the loss curve. The kit's
 * controller does the rest (buttons, settings, state, worker).
 */
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import type { ExampleDefinition } from '../kit/view.ts';
import { clearPlane, part, readColors } from '../shared/canvas.ts';
import { DATASET, EXAMPLE_ID, SPEC, toPixel } from './config.ts';

export const definition: ExampleDefinition = {
  id: EXAMPLE_ID,
  spec: SPEC,
  trainable: true,
  totalSteps: (s) => s.steps as number,
  mountView(root) {
    const canvas = part<HTMLCanvasElement>(root, '.ex-canvas');
    const line = part<SVGPolylineElement>(root, '.ex-loss');
    const data = toy2dSets[DATASET as Toy2dName].sample(400, 99);
    let samples: Float32Array = new Float32Array(0);
    let curve: [number, number][] = [];

    const draw = () => {
      const colors = readColors(root);
      const plane = clearPlane(canvas, colors.background, colors.axis);
      if (!plane) return;
      const { ctx, size, unit } = plane;
      const dots = (flat: ArrayLike<number>, color: string) => {
        ctx.fillStyle = color;
        ctx.beginPath();
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const [px, py] = toPixel(flat[i], flat[i + 1], size);
          ctx.moveTo(px + 1.5 * unit, py);
          ctx.arc(px, py, 1.5 * unit, 0, 2 * Math.PI);
        }
        ctx.fill();
      };
      dots(data, colors.data);
      dots(samples, colors.sample);
    };
    const drawCurve = () => {
      // Log-loss against step, in the 240×90 box of the server-rendered SVG.
      if (curve.length < 2) return line.setAttribute('points', '');
      const logs = curve.map(([, l]) => Math.log(Math.max(l, 1e-6)));
      const lo = Math.min(...logs);
      const span = Math.max(...logs) - lo || 1;
      const last = curve[curve.length - 1][0] || 1;
      line.setAttribute('points', curve.map(([s], i) => \`\${((s / last) * 240).toFixed(1)},\${(90 - ((logs[i] - lo) / span) * 90).toFixed(1)}\`).join(' '));
    };

    part<SVGSVGElement>(root, '.ex-static').setAttribute('hidden', '');
    canvas.hidden = false;
    return {
      snapshot(d, meta) {
        samples = d.samples as Float32Array;
        canvas.setAttribute('aria-label', \`\${samples.length / 2} samples of the model after \${meta.step} training steps, over the data.\`);
        draw();
      },
      metrics(m) {
        if (m.split !== 'train') return;
        curve.push([m.step, m.loss]);
        drawCurve();
      },
      clear() {
        curve = [];
        drawCurve();
      },
    };
  },
};
`,
    [`${dir}/${name}.astro`]: `---
/**
 * "${title}": server HTML first (a static SVG of the data, readable without JavaScript, by search
 * and in print); the kit (src/islands/kit/) makes it live when it nears the viewport: view.ts draws,
 * adapter.ts trains in the kit's worker. The caption is the chapter's prose, given as children.
 * Use it in a chapter as <${name}>Caption, citing $\\eqref{…}$.</${name}> (no import needed).
 */
import { toy2dSets, type Toy2dName } from '../../ml/data/toy2d.ts';
import LiveExample from '../kit/LiveExample.astro';
import Controls from '../kit/Controls.astro';
import { DATASET, EXAMPLE_ID, SIZE, SPEC, toPixel } from './config.ts';

const flat = toy2dSets[DATASET as Toy2dName].sample(400, 99);
let dots = '';
for (let i = 0; i + 1 < flat.length; i += 2) {
  const [x, y] = toPixel(flat[i], flat[i + 1], SIZE);
  dots += \`M\${x.toFixed(1)} \${y.toFixed(1)}h0\`;
}
---
<figure class="example" id=${q(`example-${id}`)} aria-labelledby=${q(`${id}-caption`)} data-pagefind-ignore>
  <LiveExample id={EXAMPLE_ID} status="A static picture of the training data. With JavaScript, the live example starts when it scrolls into view.">
    <div class="example-panels">
      <div class="example-plot">
        <svg class="ex-static" viewBox={\`0 0 \${SIZE} \${SIZE}\`} role="img" aria-labelledby=${q(`${id}-title`)}>
          <title id=${q(`${id}-title`)}>The training data: 400 points of a mixture of eight Gaussians on a circle</title>
          <rect class="ex-frame" x="0.5" y="0.5" width={SIZE - 1} height={SIZE - 1} />
          <path class="ex-data" d={dots} />
        </svg>
        <canvas class="ex-canvas" width={SIZE} height={SIZE} role="img" aria-label="Samples of the live model" hidden></canvas>
      </div>
      <div class="example-side">
        <svg class="ex-curve" viewBox="0 0 240 90" role="img" aria-labelledby=${q(`${id}-curve`)}>
          <title id=${q(`${id}-curve`)}>Training loss, log scale</title>
          <rect class="ex-frame" x="0.5" y="0.5" width="239" height="89" />
          <polyline class="ex-loss" points="" />
        </svg>
        <dl class="ex-stats">
          <div><dt>Step</dt><dd data-stat="step">0</dd></div>
          <div><dt>Loss</dt><dd data-stat="loss">–</dd></div>
          <div><dt>ms/step</dt><dd data-stat="ms">–</dd></div>
          <div><dt>Backend</dt><dd data-stat="backend">not started</dd></div>
        </dl>
        <Controls id={EXAMPLE_ID} spec={SPEC} trainable />
      </div>
    </div>
  </LiveExample>
  <figcaption id=${q(`${id}-caption`)}><slot /></figcaption>
</figure>

<style>
  .ex-curve {
    width: 100%;
    max-width: 20rem;
    height: auto;
    background: var(--fig-bg);
  }
  .ex-data {
    fill: none;
    stroke: var(--fig-muted);
    stroke-width: 3;
    stroke-linecap: round;
    opacity: 0.6;
  }
  .ex-loss {
    fill: none;
    stroke: var(--fig-accent2);
    stroke-width: 1.5;
  }
</style>
`,
    [`tests/e2e/${id}.e2e.ts`]: `/**
 * "${title}" in Chromium, on the page of the chapter that uses <${name}>: it renders a static
 * picture, trains with a falling loss, and axe finds nothing in it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, openSite, watchPage } from './browser.ts';
import { hook, waitForState, waitForStep } from './exampleHooks.ts';

const ID = ${q(id)};
/** The chapter that uses the tag (its route is its file name). */
const chapter = readdirSync('content').find((f) => f.endsWith('.mdx') && readFileSync(\`content/\${f}\`, 'utf8').includes('<${name}'));

let browser: Browser;
let origin: string;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ origin, browser, stop } = await openSite());
});
afterAll(async () => stop?.());

describe(${q(`the ${title} example`)}, () => {
  test('is used by a chapter (put <${name}>…</${name}> in one)', () => {
    expect(chapter, 'no chapter in content/ uses <${name}>').toBeDefined();
  });

  test('trains in Chromium with a falling loss, and axe finds nothing', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page, origin);
    // A short run with small batches on WASM (fast without a GPU) keeps the test to seconds.
    await page.goto(\`\${origin}/\${chapter!.replace(/\\.mdx$/, '')}/?\${ID}.steps=200&\${ID}.batch=64&backend=wasm\`);
    await page.locator(\`[data-example="\${ID}"]\`).scrollIntoViewIfNeeded();
    await waitForState(page, ID, 'idle');
    await page.locator(\`[data-example="\${ID}"] [data-action="train"]\`).click();
    await waitForStep(page, ID, 20);
    const early = Number(await hook(page, ID, 'loss'));
    await waitForState(page, ID, 'done', 120_000);
    const late = Number(await hook(page, ID, 'loss'));
    expect(late).toBeLessThan(early);
    expect(await axeViolations(page, \`#example-\${ID}\`)).toEqual([]);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], foreignRequests: [], cspViolations: [] });
  });
});
`,
  };
}
