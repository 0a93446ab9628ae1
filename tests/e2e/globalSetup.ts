/**
 * One static server for dist/ and one Chromium for every e2e file (CI has 2 cores and a 20-minute
 * budget: a browser start per file costs seconds each). Files reach them through openSite()
 * (browser.ts), which connects to this browser when its flags suffice and launches its own otherwise.
 * Nothing starts when dist/ is missing (openSite then says to build first).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchBrowserServer, SHARED_BROWSER_ARGS } from './browser.ts';
import { serveStatic } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared static server's origin ('' when dist/ is missing). */
    siteOrigin: string;
    /** The shared Chromium's WebSocket endpoint ('' when none). */
    browserWs: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dist = path.resolve('dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    project.provide('siteOrigin', '');
    project.provide('browserWs', '');
    return async () => {};
  }
  const { origin, close } = await serveStatic(dist);
  const server = await launchBrowserServer(SHARED_BROWSER_ARGS);
  project.provide('siteOrigin', origin);
  project.provide('browserWs', server.wsEndpoint());
  return async () => {
    await server.close();
    await close();
  };
}
