/**
 * The contributor's path end to end (issue 13): in a copy of the project, `npm run new` makes a
 * section and an example in it; the build puts the section in the navigation, the sitemap and the
 * search index (a search for its title ranks it first); the example's own generated browser test
 * (it trains in Chromium with a falling loss, axe clean) passes there. The slowest test: a build.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { launchBrowser } from './browser.ts';
import { serveStatic } from './server.ts';

let work: string;
/** The last chapter before the new section (the largest `order` in content/): its "next" link must lead to it. */
const lastChapter = readdirSync('content')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ slug: f.slice(0, -'.mdx'.length), order: Number(/^order:\s*(\d+)/m.exec(readFileSync(path.join('content', f), 'utf8'))?.[1]) }))
  .sort((a, b) => b.order - a.order)[0].slug;
const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { cwd: work, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env } });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
};

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'notes-scaffold-'));
  // The committed files (as they are in this working tree) and the installed node_modules, linked.
  const tracked = spawnSync('git', ['ls-files'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const file of tracked) {
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    cpSync(file, path.join(work, file));
  }
  symlinkSync(path.resolve('node_modules'), path.join(work, 'node_modules'));
  for (const args of [['Test section'], ['--example', 'Test example', '--chapter', 'test-section']]) {
    const r = run(process.execPath, ['scripts/new.ts', ...args]);
    if (r.status !== 0) throw new Error(`npm run new -- ${args.join(' ')} failed:\n${r.output}`);
  }
  // Its own cache: node_modules is linked, and the real site's cache lives there.
  const build = run('npx', ['astro', 'build'], { NOTES_CACHE_DIR: path.join(work, 'cache') });
  if (build.status !== 0) throw new Error(`the build with the scaffolds failed:\n${build.output}`);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the new section is in the sidebar of every chapter, on the home page and in the sitemap', () => {
  const dist = path.join(work, 'dist');
  for (const page of ['index.html', 'elbo/index.html', 'test-section/index.html']) {
    expect(readFileSync(path.join(dist, page), 'utf8'), page).toContain('href="/test-section/"');
  }
  expect(readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8')).toContain('/test-section/</loc>');
  // Prev/next: the previous last chapter now leads to it.
  expect(readFileSync(path.join(dist, `${lastChapter}/index.html`), 'utf8')).toMatch(
    /rel="next"[^>]*href="\/test-section\/"|href="\/test-section\/"[^>]*rel="next"/,
  );
});

test('a search for its title ranks the new section first', async () => {
  const { origin, close } = await serveStatic(path.join(work, 'dist'));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    // A string, so the test runner does not rewrite the page's dynamic import.
    const first = await page.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      const { results } = await pagefind.search('Test section');
      return results[0] ? (await results[0].data()).url : null;
    })()`);
    expect(first).toBe('/test-section/');
  } finally {
    await browser.close();
    await close();
  }
});

test("the example's generated browser test passes: it trains with a falling loss and axe finds nothing", () => {
  const r = run('npx', ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts', 'tests/e2e/test-example.e2e.ts'], { NO_COLOR: '1', FORCE_COLOR: '0' });
  expect(stripVTControlCharacters(r.output)).toMatch(/Tests\s+2 passed \(2\)/);
  expect(r.status).toBe(0);
}, 300_000);
