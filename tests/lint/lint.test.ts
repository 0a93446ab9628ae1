/**
 * `npm run lint` (scripts/lint.ts) on small trees with the project's folder layout and its real
 * .oxlintrc.json: what must fail does, with the rule named, and what is clean passes.
 */
import { test, expect, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { astroSources } from '../../scripts/lint/astroSources.ts';

const repo = path.resolve('.');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes `files` (path → text) under a fresh folder with the project's lint config, runs the lint script there. */
async function lintTree(files: Record<string, string>): Promise<{ status: number | null; out: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-test-'));
  dirs.push(dir);
  cpSync(path.join(repo, '.oxlintrc.json'), path.join(dir, '.oxlintrc.json'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return new Promise((resolve) => {
    // CI runners (CI=true, FORCE_COLOR) make oxlint colour its report: the assertions read the plain text.
    execFile(process.execPath, [path.join(repo, 'scripts/lint.ts')], { cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stripVTControlCharacters(stdout + stderr) });
    });
  });
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? tsFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const fixture = (name: string) => readFileSync(path.join(repo, 'tests/fixtures/lint', name), 'utf8');
const canary = "import '../islands/shared/canvas.ts';\n";
const mlFiles = tsFiles(path.join(repo, 'src/ml')).map((f) => path.relative(repo, f));

test('the .astro sources handed to oxlint keep every character of their code at its .astro line and column', () => {
  const lines = fixture('Unused.astro').split('\n');
  const parts = astroSources(lines.join('\n'), 'Unused.astro');
  expect(parts.map((p) => p.part)).toEqual(['frontmatter', 'script-0']);
  for (const { code } of parts) {
    const virtual = code.split('\n');
    expect(virtual.length).toBeGreaterThanOrEqual(lines.length);
    lines.forEach((line, i) => {
      expect(virtual[i]).toHaveLength(line.length);
      [...virtual[i]].forEach((ch, col) => ch === ' ' || expect(ch).toBe(line[col]));
    });
  }
  // The frontmatter part ends with the template's reads, so bindings used there count as used.
  const reads = /void \[(.*)\];/.exec(parts[0].code)?.[1].split(', ');
  expect(reads).toEqual(expect.arrayContaining(['Card', 'label', 'href']));
  expect(reads).not.toContain('unusedInFrontmatter');
});

test.concurrent('unused imports in an .astro frontmatter and in its <script> fail lint; bindings the template or script uses do not', async ({ expect }) => {
  const { status, out } = await lintTree({ 'src/components/Unused.astro': fixture('Unused.astro') });
  expect(status).toBe(1);
  const findings = out.split('\n').filter((l) => l.startsWith('src/components/Unused.astro:'));
  expect(findings).toHaveLength(2);
  expect(findings[0]).toMatch(/^src\/components\/Unused\.astro:4:10: .*'unusedInFrontmatter'.*no-unused-vars.*\(in its frontmatter\)$/);
  expect(findings[1]).toMatch(/^src\/components\/Unused\.astro:18:12: .*'unusedInScript'.*no-unused-vars.*\(in its script-0\)$/);
});

test.concurrent('src/ml as it is lints clean (the control for the canary below)', async ({ expect }) => {
  const tree = Object.fromEntries(mlFiles.map((rel) => [rel, readFileSync(path.join(repo, rel), 'utf8')]));
  const { status, out } = await lintTree(tree);
  expect(out).toContain('lint: clean');
  expect(status).toBe(0);
});

test.concurrent(`adding ${canary.trim()} to any file of src/ml fails lint with no-restricted-imports and the layer message`, async ({ expect }) => {
  expect(mlFiles.length).toBeGreaterThan(10);
  const tree = Object.fromEntries(mlFiles.map((rel) => [rel, canary + readFileSync(path.join(repo, rel), 'utf8')]));
  const { status, out } = await lintTree(tree);
  expect(status).toBe(1);
  expect(out.match(/eslint\(no-restricted-imports\): '\.\.\/islands\/shared\/canvas\.ts' import is restricted/g)).toHaveLength(mlFiles.length);
  expect(out.match(/help: layers: src\/ml is the model layer/g)).toHaveLength(mlFiles.length);
  for (const rel of mlFiles) expect(out).toContain(`[${rel}:1:1]`);
});

test.concurrent('src/ml importing astro:content, node:fs or touching document fails lint, each with its layer message', async ({ expect }) => {
  const { status, out } = await lintTree({
    'src/ml/a.ts': "import { getCollection } from 'astro:content';\nexport const a = getCollection;\n",
    'src/ml/b.ts': "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n",
    'src/ml/b2.ts': "import { readFile } from 'node:fs/promises';\nexport const b2 = readFile;\n",
    'src/ml/c.ts': 'export const c = () => document.title;\n',
  });
  expect(status).toBe(1);
  expect(out).toContain('help: layers: src/ml runs outside Astro');
  expect(out.match(/help: layers: src\/ml runs in browsers: Node-only code goes in src\/node\/\./g)).toHaveLength(2);
  expect(out).toContain("eslint(no-restricted-globals): Unexpected use of 'document'. layers: src/ml has no DOM");
});

test.concurrent('the shell (a component frontmatter, a page script) importing TF.js or src/ml fails lint with the shell layer message', async ({ expect }) => {
  const { status, out } = await lintTree({
    'src/components/Model.astro': "---\nimport * as tf from '@tensorflow/tfjs';\n---\n<p>{tf.version_core}</p>\n",
    'src/scripts/model.ts': "import { initBackend } from '../ml/backend.ts';\nexport const start = initBackend;\n",
    'src/layouts/Deep.astro': "---\nimport '@tensorflow/tfjs-core/dist/register_all_gradients';\n---\n<p>deep</p>\n",
    'src/islands/ok/worker.ts': "import { initBackend } from '../../ml/backend.ts';\nexport const start = initBackend;\n",
  });
  expect(status).toBe(1);
  expect(out.match(/eslint\(no-restricted-imports\)/g)).toHaveLength(3);
  expect(out.match(/help: layers: the site shell never loads TF\.js or src\/ml/g)).toHaveLength(3);
  expect(out).toContain('[src/layouts/Deep.astro:2:1]');
  expect(out).toContain('[src/components/Model.astro:2:1]');
  expect(out).toContain('[src/scripts/model.ts:1:1]');
});

test.concurrent('a chapter importing src/ml or TF.js fails lint with layers/content-through-islands; its island import passes', async ({ expect }) => {
  const { status, out } = await lintTree({ 'content/chapter.mdx': fixture('chapter.mdx') });
  expect(status).toBe(1);
  const findings = out.split('\n').filter((l) => l.startsWith('content/chapter.mdx:'));
  expect(findings).toEqual([
    "content/chapter.mdx:6: imports '../src/ml/vae/model.ts': a chapter reaches the models only through an island (src/islands/<name>/), never src/ml, src/node or TF.js directly [layers/content-through-islands]",
    "content/chapter.mdx:7: imports '@tensorflow/tfjs': a chapter reaches the models only through an island (src/islands/<name>/), never src/ml, src/node or TF.js directly [layers/content-through-islands]",
  ]);
});
