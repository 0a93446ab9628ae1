/** Launches the machine's Chromium with playwright-core, and watches a page for what must not happen. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.ts';
import { serveStatic } from './server.ts';

const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** WebGPU and WebGL in software (SwiftShader), as on a machine without a GPU. */
export const SOFTWARE_GPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

/** The flags of the browser every e2e file shares (globalSetup.ts): a file asking for these gets it. */
export const SHARED_BROWSER_ARGS = SOFTWARE_GPU_ARGS;

function chromiumPath(): string {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `node scripts/find-chromium.ts` for how to install one');
  return executablePath;
}

/** Headless Chromium from the machine (never a downloaded build). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...BASE_ARGS, ...extraArgs] });
}

/** The same browser as a server other processes connect to (the e2e files share one). */
export async function launchBrowserServer(extraArgs: string[] = []): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: chromiumPath(), args: [...BASE_ARGS, ...extraArgs] });
}

export interface PageProblems {
  consoleErrors: string[];
  foreignRequests: string[];
  cspViolations: string[];
}

/** Records console errors, page errors, CSP violations and requests to any other origin. */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
    if (/Content.Security.Policy/i.test(msg.text())) problems.cspViolations.push(msg.text());
  });
  page.on('pageerror', (err) => problems.consoleErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.foreignRequests.push(url);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return problems;
}

const axeSource = () => readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page, on the element matching `scope`, or on every element matching any of
 * `scope`'s selectors in one run (a run's setup walks the whole document: seconds on a chapter);
 * returns one line per violation. axe is injected once per document.
 */
export async function axeViolations(page: Page, scope?: string | string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async (sel) => {
    type Context = Element | Document | { include: string[][] };
    type Axe = { run: (ctx: Context, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const context = Array.isArray(sel) ? { include: sel.map((s) => [s]) } : sel ? document.querySelector(sel)! : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  }, scope ?? null);
}

/** The shared server and browser of globalSetup.ts, when this runs under Vitest with them. */
async function shared(): Promise<{ origin: string; ws: string } | null> {
  try {
    const { inject } = await import('vitest');
    const origin = inject('siteOrigin');
    const ws = inject('browserWs');
    return origin && ws ? { origin, ws } : null;
  } catch {
    return null; // not under the Vitest runner (a script)
  }
}

/**
 * Serves dist/ and opens Chromium for one test file; `stop` (in afterAll) ends both. Under Vitest the
 * shared server and browser are used when `extraArgs` are among the shared browser's flags (stop
 * then only disconnects).
 */
export async function openSite(extraArgs: string[] = []): Promise<{ origin: string; browser: Browser; stop: () => Promise<void> }> {
  const common = extraArgs.every((a) => SHARED_BROWSER_ARGS.includes(a)) ? await shared() : null;
  if (common) {
    const browser = await chromium.connect(common.ws);
    return { origin: common.origin, browser, stop: () => browser.close() };
  }
  const dist = path.resolve('dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  const { origin, close } = await serveStatic(dist);
  const browser = await launchBrowser(extraArgs);
  return {
    origin,
    browser,
    stop: async () => {
      await browser.close();
      await close();
    },
  };
}
