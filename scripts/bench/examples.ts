/**
 * `npm run bench -- examples [--no-build] [--json] [--backends wasm,webgl,webgpu,cpu] [--examples vae,ddpm-digits]
 *   [--seconds 8] [--node-steps 60] [--software-gpu] [--timeout 60] [--query 'ddpm-2d.samples=4000&ddpm-2d.sampler=100']`
 *
 * The live examples as a reader meets them, in headless Chromium on the built site, one fresh page per example
 * and backend (forced with `?backend=`); a page-computed example (no adapter.ts: no TF.js, no backend) gets one
 * row, `page`. A WebGPU or WebGL backend that is only a software adapter (SwiftShader; the product's own rule,
 * src/ml/backend.ts) is not a GPU: WebGPU then gets a row saying so instead of numbers unless `--software-gpu`
 * asks for them, and software rows are marked `(sw)`. A row that cannot be measured (the example errs, no
 * step within `--timeout` seconds, the browser crashed) says why; the run goes on, a fresh browser if needed. It reads only the kit's stable test hooks (CONTRIBUTING.md): the root
 * `[data-example]` with `data-state`, `data-backend`, `data-step`, and the buttons named Train… / Pause…. Per
 * example and backend it prints:
 *   js / weights  gzipped bytes of the JavaScript and of the model files (public/models) requested after the
 *                 example scrolled into view (what the example costs; the page's own JS is `bench -- pages`);
 *   ready         ms from scrolling it into view to the first state that is not `loading` (both in the page's
 *                 clock: the driver's own overhead is not counted);
 *   warm          the same on a second visit in the same browser context, scripts, WASM and weights cached
 *                 (the target: within 1 s once the page's TF.js chunk is cached);
 *   first         ms from pressing Train to the first step shown (`data-step` > 0);
 *   ms/step       wall ms per training step while running (steps shown over `--seconds`, or until the next step
 *                 shown where none came in that time), in the page;
 *   long tasks    main-thread tasks over 50 ms while training (count, longest);
 *   sample ms     for examples that sample a pretrained model step by step (`data-sampling`, e.g. ddpm-digits at its
 *                 defaults: 16 digits, K = 50): ms from the first reverse step requested to the last frame drawn
 *                 (`data-sample-ms`); long tasks then count the main-thread tasks over 50 ms from ready to done;
 *   slider        for examples with range inputs whose display updates bump `data-step` (page-side examples,
 *                 kit/sync.ts): ms from a slider's input event to the updated display (median and max over
 *                 every step of every slider, up to 40 inputs each); the target is one frame, 16 ms;
 * and for `vae` and `hvae`, the Node ms/step of the same model and batch (WASM, this process) with the ratio browser/Node
 * (JSON: `node`, one row per model).
 * WebGL and WebGPU here run on SwiftShader (software): their figures say nothing about a GPU. Numbers from one
 * run on a shared machine; compare within a run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { serveStatic } from '../../tests/e2e/server.ts';
import { round } from './lib/common.ts';

const dist = path.resolve('dist');
const SOFTWARE_GPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

interface Measurement {
  example: string;
  page: string;
  backend: string;
  /** The backend the example reports it runs on (data-backend). */
  ran: string | null;
  jsBytes: number;
  weightBytes: number;
  readyMs: number | null;
  /** The same on a second visit, everything cached (readyAgain). */
  warmReadyMs: number | null;
  firstMetricsMs: number | null;
  msPerStep: number | null;
  steps: number | null;
  longTasks: number | null;
  longestTaskMs: number | null;
  /** Slider input → display update (data-step bumped), ms: median and max, and how many inputs. */
  sliderMedianMs: number | null;
  sliderMaxMs: number | null;
  sliderInputs: number | null;
  /** WebGPU or WebGL here is a software adapter (SwiftShader): its numbers say nothing about a GPU. */
  software?: boolean;
  /** Why the row has no numbers though nothing failed (e.g. a software WebGPU adapter, not measured by default). */
  skipped?: string;
  /** Sampling examples: ms for the default grid, as the example reports it (data-sample-ms). */
  sampleMs: number | null;
  error?: string;
}

/** A row of example `id` on `backend` before anything is measured: no numbers, no bytes. */
function emptyRow(id: string, pagePath: string, backend: string): Measurement {
  return {
    example: id,
    page: pagePath,
    backend,
    ran: null,
    jsBytes: 0,
    weightBytes: 0,
    readyMs: null,
    warmReadyMs: null,
    firstMetricsMs: null,
    msPerStep: null,
    steps: null,
    longTasks: null,
    longestTaskMs: null,
    sliderMedianMs: null,
    sliderMaxMs: null,
    sliderInputs: null,
    sampleMs: null,
  };
}

/** Every built page's path and the example ids it holds (`data-example="…"` in its HTML). */
function examplePages(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(full);
      } else if (name === 'index.html') {
        const page = '/' + path.relative(dist, path.dirname(full)).split(path.sep).join('/');
        for (const m of readFileSync(full, 'utf8').matchAll(/data-example="([^"]+)"/g))
          if (!out.has(m[1])) out.set(m[1], page.endsWith('/') ? page : `${page}/`);
      }
    }
  };
  walk(dist);
  return out;
}

const gzCache = new Map<string, number>();
/** Gzipped size of the dist file behind a same-origin URL (what the static host sends). */
function gzippedSize(url: string, origin: string): number {
  // Only our own files; this runs in a request listener, where a throw (decodeURIComponent of a data: URL's
  // lone '%') would end the whole run.
  if (!url.startsWith(`${origin}/`)) return 0;
  let file: string;
  try {
    file = path.join(dist, decodeURIComponent(new URL(url).pathname));
  } catch {
    return 0;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) return 0;
  if (!gzCache.has(file)) {
    const bytes = readFileSync(file);
    gzCache.set(file, /\.(js|json|css|svg|html)$/.test(file) ? gzipSync(bytes, { level: 6 }).length : bytes.length);
  }
  return gzCache.get(file)!;
}

/** Records main-thread long tasks from page load on (the Long Tasks API). */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Examples with a worker (an adapter.ts); the others compute on the page and run on no backend. */
const isWorkerExample = (id: string) => existsSync(path.resolve('src/islands', id, 'adapter.ts'));

/** A Playwright wait that says what it waited for when it times out. */
async function within<T>(what: string, ms: number, wait: (timeout: number) => Promise<T>): Promise<T> {
  try {
    return await wait(ms);
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') throw new Error(`${what} within ${ms / 1000} s`);
    throw err;
  }
}

const hook = (page: Page, id: string, name: string) =>
  page.evaluate(([i, n]) => document.querySelector(`[data-example="${i}"]`)?.getAttribute(n) ?? null, [id, name] as const);

/**
 * Measures example `id` on `backend` ('page' for a page-computed example: no `?backend=`) in a fresh
 * context. Never throws: what went wrong is the row's `error`.
 */
async function measure(
  browser: Browser,
  origin: string,
  id: string,
  pagePath: string,
  backend: string,
  seconds: number,
  timeoutMs: number,
  query = '',
): Promise<Measurement> {
  const m = emptyRow(id, pagePath, backend);
  let context: BrowserContext | null = null;
  try {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await measureCold(context, m, origin, id, pagePath, backend, seconds, timeoutMs, query);
    // The second visit's requests (served from the cache) would count again: the bytes are the first visit's.
    const bytes = { js: m.jsBytes, weights: m.weightBytes };
    m.warmReadyMs = await readyAgain(context, origin, id, pagePath, backend, timeoutMs, query);
    [m.jsBytes, m.weightBytes] = [bytes.js, bytes.weights];
  } catch (err) {
    m.error = err instanceof Error ? err.message.split('\n')[0] : String(err);
  } finally {
    await context?.close().catch(() => {}); // a crashed browser has nothing left to close
  }
  return m;
}

/** The page of example `id` on `backend` ('page': no `?backend=`), with the extra `query`. */
const exampleUrl = (origin: string, pagePath: string, backend: string, query: string) =>
  `${origin}${pagePath}${backend === 'page' ? (query ? `?${query}` : '') : `?backend=${backend}${query ? `&${query}` : ''}`}`;

/**
 * ms from scrolling the example into view to its first state that is not `loading`, on a second visit in the
 * same context: the page's scripts, TF.js's chunks, the WASM binaries and the weights now come from the HTTP
 * cache (/_astro/ is served immutable), as for a reader who has opened the page before.
 */
async function readyAgain(context: BrowserContext, origin: string, id: string, pagePath: string, backend: string, timeoutMs: number, query: string) {
  for (const open of context.pages()) await open.close(); // the first visit's worker stops: nothing else runs
  const page = await context.newPage();
  await page.goto(exampleUrl(origin, pagePath, backend, query), { waitUntil: 'load' });
  const ms = await scrollInUntilReady(page, id, timeoutMs, ' (second visit)');
  await page.close();
  return ms;
}

/** Page-clock times (performance.now) of one scroll-in: asked to scroll, first scroll event, first state past loading. */
type ReadyClock = { asked: number; scrolled?: number; ready?: number };

/**
 * Scrolls example `id` into view and waits for its first state that is not `loading`; returns the ms
 * from the scroll to that state, both read in the page's clock (the scroll event, and a MutationObserver
 * on `data-state`), so the driver's own round trips and actionability checks (~200 ms) do not count.
 * An example already in view (no scroll) counts from the moment the page was asked to scroll.
 */
async function scrollInUntilReady(page: Page, id: string, timeoutMs: number, visit = ''): Promise<number> {
  await page.evaluate((i) => {
    const clock: ReadyClock = { asked: performance.now() };
    (window as unknown as { __readyClock: ReadyClock }).__readyClock = clock;
    addEventListener('scroll', () => (clock.scrolled ??= performance.now()), { capture: true, once: true });
    const root = document.querySelector(`[data-example="${i}"]`);
    if (!root) return;
    const check = () => {
      const s = root.getAttribute('data-state');
      if (clock.ready === undefined && s != null && s !== 'loading') clock.ready = performance.now();
    };
    check();
    new MutationObserver(check).observe(root, { attributes: true, attributeFilter: ['data-state'] });
  }, id);
  await page.locator(`[data-example="${id}"]`).first().scrollIntoViewIfNeeded();
  await within(`no state but loading${visit}`, timeoutMs, (timeout) =>
    page.waitForFunction(() => (window as unknown as { __readyClock: ReadyClock }).__readyClock.ready !== undefined, undefined, { timeout }),
  );
  const clock = await page.evaluate(() => (window as unknown as { __readyClock: ReadyClock }).__readyClock);
  return round(clock.ready! - (clock.scrolled ?? clock.asked), 0);
}

/** The cold visit of `measure`: fills `m` (see the header's columns). */
async function measureCold(
  context: BrowserContext,
  m: Measurement,
  origin: string,
  id: string,
  pagePath: string,
  backend: string,
  seconds: number,
  timeoutMs: number,
  query: string,
): Promise<void> {
  const page = await context.newPage();
  let counting = false;
  // The context sees the worker's requests too (its chunks and the weight files).
  context.on('request', (req) => {
    if (!counting) return;
    const url = req.url();
    const size = gzippedSize(url, origin);
    if (/\.m?js(\?|$)/.test(url)) m.jsBytes += size;
    else if (url.includes('/models/')) m.weightBytes += size;
  });
  await recordLongTasks(page);
  await page.goto(exampleUrl(origin, pagePath, backend, query), { waitUntil: 'load' });
  const root = page.locator(`[data-example="${id}"]`).first();
  counting = true;
  m.readyMs = await scrollInUntilReady(page, id, timeoutMs);
  const state = await hook(page, id, 'data-state');
  if (state === 'error')
    throw new Error(
      `the example reports an error: ${await root
        .locator('[role="status"], .ex-status')
        .first()
        .innerText()
        .catch(() => '?')}`,
    );
  m.ran = await hook(page, id, 'data-backend');
  if ((await hook(page, id, 'data-sampling')) !== null) {
    // A sampling example starts by itself: time it to the end (its slider moves frames, not data-step).
    const t1 = await page.evaluate(() => performance.now());
    await page.waitForFunction((i) => document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-sampling') === 'done', id, { timeout: 120_000 });
    const t2 = await page.evaluate(() => performance.now());
    m.sampleMs = Number(await hook(page, id, 'data-sample-ms'));
    const tasks = await page.evaluate(
      ([a, b]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= a && t.start <= b),
      [t1, t2] as const,
    );
    m.longTasks = tasks.length;
    m.longestTaskMs = tasks.length ? round(Math.max(...tasks.map((t) => t.duration)), 0) : 0;
    return;
  }
  // A worker example's sliders (vae's z) answer through the worker and never bump data-step: timing them
  // would only wait out 1 s per input.
  if (backend === 'page') Object.assign(m, await sliderLatency(page, id));

  const train = root.getByRole('button', { name: /^Train/ });
  if ((await train.count()) === 0) return; // an example without training (e.g. a pretrained decoder)
  const before = Number((await hook(page, id, 'data-step')) ?? 0);
  // A plain mouse click at the button, found beforehand: the driver's own click checks (scripts it runs in
  // the page) made a 50–60 ms task that the long-task count below would blame on the example.
  await train.first().scrollIntoViewIfNeeded();
  const box = await train.first().boundingBox();
  if (!box) throw new Error('the Train button has no box');
  const t1 = await page.evaluate(() => performance.now());
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // A pretrained model shows its own step count; Train from scratch restarts at 0, so wait for a new count above 0.
  await within('no training step', timeoutMs, (timeout) =>
    page.waitForFunction(
      ([i, b]) => {
        const s = Number(document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-step') ?? 0);
        return s > 0 && s !== b;
      },
      [id, before] as const,
      { timeout },
    ),
  );
  const t2 = await page.evaluate(() => performance.now());
  m.firstMetricsMs = round(t2 - t1, 0);
  const s0 = Number(await hook(page, id, 'data-step'));
  await page.waitForTimeout(seconds * 1000);
  if (Number(await hook(page, id, 'data-step')) === s0) {
    // Slow backends show a step only every few seconds (the kit reports every N steps): wait for the next one.
    await within(`no step after ${s0} shown`, timeoutMs, (timeout) =>
      page.waitForFunction(([i, s]) => Number(document.querySelector(`[data-example="${i}"]`)?.getAttribute('data-step')) !== s, [id, s0] as const, {
        timeout,
        polling: 50,
      }),
    );
  }
  const t3 = await page.evaluate(() => performance.now());
  const s1 = Number(await hook(page, id, 'data-step'));
  m.steps = s1;
  m.msPerStep = s1 > s0 ? round((t3 - t2) / (s1 - s0), 2) : null;
  const tasks = await page.evaluate(
    ([a, b]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= a && t.start <= b),
    [t1, t3] as const,
  );
  m.longTasks = tasks.length;
  m.longestTaskMs = tasks.length ? round(Math.max(...tasks.map((t) => t.duration)), 0) : 0;
  const pause = root.getByRole('button', { name: /^Pause/ });
  if (await pause.count()) await pause.first().click();
}

/**
 * Moves every enabled range input of the example through its steps (up to 40 inputs each, forth then back),
 * timing each from the input event's dispatch to the display update the example signals by bumping
 * data-step; an input that updates nothing within 1 s (a worker-side slider) is not counted.
 */
async function sliderLatency(page: Page, id: string): Promise<Pick<Measurement, 'sliderMedianMs' | 'sliderMaxMs' | 'sliderInputs'>> {
  const times = await page.evaluate(async (i) => {
    const root = document.querySelector(`[data-example="${i}"]`)!;
    const step = () => root.getAttribute('data-step');
    const out: number[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLInputElement>('input[type="range"]:not(:disabled)'))) {
      const min = Number(el.min || 0);
      const max = Number(el.max || 100);
      const inc = el.step === 'any' ? (max - min) / 40 : Number(el.step || 1);
      const n = Math.min(40, Math.round((max - min) / inc));
      const start = Number(el.value);
      for (let j = 0; j < 2 * n; j++) {
        const v = j < n ? min + (j + 1) * inc : max - (j - n + 1) * inc;
        const before = step();
        el.value = String(v);
        const t0 = performance.now();
        el.dispatchEvent(new Event('input', { bubbles: true }));
        while (step() === before && performance.now() - t0 < 1000) await new Promise((r) => setTimeout(r, 0));
        if (step() !== before) out.push(performance.now() - t0);
        // Let the frame paint before the next input, as a hand on a slider would.
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      el.value = String(start);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return out;
  }, id);
  if (!times.length) return { sliderMedianMs: null, sliderMaxMs: null, sliderInputs: null };
  const sorted = [...times].sort((a, b) => a - b);
  return { sliderMedianMs: round(sorted[Math.floor(sorted.length / 2)], 2), sliderMaxMs: round(sorted[sorted.length - 1], 2), sliderInputs: times.length };
}

/** The models whose browser WASM ms/step is compared with Node's: the same model, recipe and batch (128) as the example's default. */
const NODE_MODELS = {
  vae: {
    model: 'VAE 784-400-2',
    create: async (seed: number, nextBatch: NextBatch) => (await import('../../src/ml/vae/model.ts')).createVae({ seed, config: { latentDim: 2 }, nextBatch }),
  },
  hvae: {
    model: 'HVAE 784-256-32-8',
    create: async (seed: number, nextBatch: NextBatch) => (await import('../../src/ml/hvae/model.ts')).createHvae({ seed, nextBatch }),
  },
} as const;
type NextBatch = () => import('@tensorflow/tfjs').Tensor2D;
type NodeModelId = keyof typeof NODE_MODELS;

/** Node ms/step of one of NODE_MODELS (batch 128, Adam) on WASM, after a warm-up. */
async function nodeMsPerStep(id: NodeModelId, steps: number): Promise<number> {
  const tf = await import('@tensorflow/tfjs');
  const { initBackend } = await import('../../src/ml/backend.ts');
  const { createBatcher } = await import('../../src/ml/data/mnist.ts');
  const { loadMnistFull } = await import(findModule(['../../src/node/mnist.ts', '../../scripts/lib/mnist-node.ts', '../../src/ml/data/mnist-node.ts']));
  await initBackend({ preferred: 'wasm', candidates: ['wasm', 'cpu'] });
  const { train } = (await loadMnistFull()) as { train: Parameters<typeof createBatcher>[0] };
  const batcher = createBatcher(train, 128, 1);
  const model = await NODE_MODELS[id].create(1, () => batcher.next());
  const run = async (n: number, from: number) => {
    for (let i = 0; i < n; i++) {
      const r = model.step(from + i);
      if (i === n - 1) await r.loss.data();
      tf.dispose([r.loss, ...Object.values(r.terms ?? {})]);
    }
  };
  await run(10, 0);
  const t0 = performance.now();
  await run(steps, 10);
  const ms = (performance.now() - t0) / steps;
  model.dispose();
  return ms;
}

/** The first of `candidates` (relative to this file) that exists: the Node MNIST loader has moved before. */
function findModule(candidates: string[]): string {
  const hit = candidates.find((c) => existsSync(new URL(c, import.meta.url)));
  if (!hit) throw new Error(`none of ${candidates.join(', ')} exists`);
  return hit;
}

/** What this browser's WebGPU adapter and WebGL renderer are, and whether each is software (src/ml/backend.ts's rule). */
async function gpuAdapters(browser: Browser, origin: string): Promise<{ webgpu: Adapter | null; webgl: Adapter | null }> {
  const { describeAdapter, isSoftwareRenderer } = await import('../../src/ml/backend.ts');
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/`);
    const raw = await page.evaluate(async () => {
      type Gpu = { requestAdapter(): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null> };
      const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
      const adapter = await gpu?.requestAdapter().catch(() => null);
      const info = adapter?.info;
      const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      return {
        webgpu: adapter
          ? {
              isFallbackAdapter: adapter.isFallbackAdapter,
              info: info && { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description },
            }
          : null,
        webgl: gl ? String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : null,
      };
    });
    return {
      webgpu: raw.webgpu ? describeAdapter(raw.webgpu as Parameters<typeof describeAdapter>[0]) : null,
      webgl: raw.webgl ? { description: raw.webgl, software: isSoftwareRenderer(raw.webgl) } : null,
    };
  } finally {
    await page.close();
  }
}

interface Adapter {
  description: string;
  software: boolean;
}

/** A row without numbers, saying why. */
const skippedRow = (id: string, pagePath: string, backend: string, why: string): Measurement => ({ ...emptyRow(id, pagePath, backend), skipped: why });

/** Runs the benchmark; see the header for options. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      backends: { type: 'string', default: 'wasm,webgl,webgpu,cpu' },
      examples: { type: 'string' },
      seconds: { type: 'string', default: '8' },
      'node-steps': { type: 'string', default: '60' },
      'software-gpu': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '60' },
      query: { type: 'string', default: '' },
    },
  });
  const log = (msg: string) => console.error(msg);
  if (!values['no-build']) execSync('npx astro build', { stdio: values.json ? 'ignore' : 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: build first or drop --no-build');

  const pages = examplePages();
  const wanted = values.examples ? values.examples.split(',') : [...pages.keys()];
  const missing = wanted.filter((id) => !pages.has(id));
  if (missing.length) throw new Error(`no built page has data-example=${missing.join(', ')} (found: ${[...pages.keys()].join(', ') || 'none'})`);
  const backends = values.backends.split(',');
  const seconds = Number(values.seconds);
  const timeoutMs = 1000 * Number(values.timeout);

  const { origin, close } = await serveStatic(dist);
  let browser = await launchBrowser(SOFTWARE_GPU_FLAGS);
  const rows: Measurement[] = [];
  let adapters: { webgpu: Adapter | null; webgl: Adapter | null } = { webgpu: null, webgl: null };
  try {
    adapters = await gpuAdapters(browser, origin);
    log(`WebGPU adapter: ${adapters.webgpu?.description ?? 'none'}; WebGL renderer: ${adapters.webgl?.description ?? 'none'}`);
    for (const id of wanted) {
      const pagePath = pages.get(id)!;
      for (const backend of isWorkerExample(id) ? backends : ['page']) {
        const gpu = backend === 'webgpu' ? adapters.webgpu : backend === 'webgl' ? adapters.webgl : null;
        if ((backend === 'webgpu' || backend === 'webgl') && !gpu) {
          rows.push(skippedRow(id, pagePath, backend, `this browser has no ${backend === 'webgpu' ? 'WebGPU adapter' : 'WebGL'}`));
          continue;
        }
        if (backend === 'webgpu' && gpu?.software && !values['software-gpu']) {
          rows.push(skippedRow(id, pagePath, backend, `not measured: the adapter is software (${gpu.description}), not a GPU; --software-gpu measures it`));
          continue;
        }
        log(`${id} on ${backend}…`);
        const m = await measure(browser, origin, id, pagePath, backend, seconds, timeoutMs, values.query);
        m.software = gpu?.software ?? false;
        if (!browser.isConnected()) {
          // Chromium died under this row (SwiftShader can): say so, and go on in a fresh one.
          m.error = `the browser crashed${m.error ? ` (${m.error})` : ''}`;
          browser = await launchBrowser(SOFTWARE_GPU_FLAGS);
        }
        rows.push(m);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await close();
  }

  const node: { example: string; model: string; msPerStep: number; browserWasmMsPerStep: number | null; ratio: number | null }[] = [];
  for (const id of Object.keys(NODE_MODELS) as NodeModelId[]) {
    if (!wanted.includes(id)) continue;
    log(`${id} in Node (WASM)…`);
    const msPerStep = round(await nodeMsPerStep(id, Number(values['node-steps'])), 2);
    const wasm = rows.find((r) => r.example === id && r.backend === 'wasm')?.msPerStep ?? null;
    node.push({ example: id, model: NODE_MODELS[id].model, msPerStep, browserWasmMsPerStep: wasm, ratio: wasm ? round(wasm / msPerStep, 2) : null });
  }

  if (values.json) {
    console.log(JSON.stringify({ date: new Date().toISOString(), seconds, adapters, examples: rows, node }, null, 2));
    if (rows.some((r) => r.error)) process.exitCode = 1;
    return;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const cell = (v: number | string | null | undefined, w: number) => String(v ?? '–').padStart(w);
  console.log(
    'example'.padEnd(18) +
      'backend'.padEnd(12) +
      'ran on'.padEnd(16) +
      cell('JS gz', 10) +
      cell('weights', 10) +
      cell('ready ms', 10) +
      cell('warm ms', 9) +
      cell('first ms', 10) +
      cell('ms/step', 9) +
      cell('long tasks', 12) +
      cell('sample ms', 10) +
      cell('slider ms (median/max, n)', 27),
  );
  for (const r of rows) {
    const lt = r.longTasks == null ? null : `${r.longTasks} (${r.longestTaskMs} ms)`;
    const backend = `${r.backend}${r.software ? ' (sw)' : ''}`;
    if (r.skipped) {
      console.log(r.example.padEnd(18) + backend.padEnd(12) + r.skipped);
      continue;
    }
    console.log(
      r.example.padEnd(18) +
        backend.padEnd(12) +
        String(r.ran ?? (r.backend === 'page' ? 'page, no TF.js' : '–')).padEnd(16) +
        cell(kb(r.jsBytes), 10) +
        cell(kb(r.weightBytes), 10) +
        cell(r.readyMs, 10) +
        cell(r.warmReadyMs, 9) +
        cell(r.firstMetricsMs, 10) +
        cell(r.msPerStep, 9) +
        cell(lt, 12) +
        cell(r.sampleMs, 10) +
        cell(r.sliderInputs ? `${r.sliderMedianMs}/${r.sliderMaxMs} (${r.sliderInputs})` : null, 27) +
        (r.error ? `  NOT MEASURED: ${r.error}` : ''),
    );
  }
  for (const n of node) console.log(`${n.example} in Node (WASM, ${n.model}, batch 128): ${n.msPerStep} ms/step; browser WASM / Node = ${n.ratio ?? '–'}`);
  const software = [
    adapters.webgpu?.software && `WebGPU (${adapters.webgpu.description})`,
    adapters.webgl?.software && `WebGL (${adapters.webgl.description})`,
  ].filter(Boolean);
  if (software.length) console.log(`(sw): software, not a GPU, here: ${software.join('; ')}. Their numbers say nothing about a GPU.`);
  console.log('One run on a shared machine: compare within a run.');
  if (rows.some((r) => r.error)) process.exitCode = 1;
}
