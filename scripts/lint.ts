/**
 * `npm run lint`: every .ts, .mjs and .astro file with oxlint (.oxlintrc.json: correctness rules,
 * unused variables and imports, the layer rules), then what oxlint cannot see by itself:
 * 1. unused bindings in .astro frontmatter and <script> blocks (lint/astroSources.ts makes them
 *    plain TypeScript with the .astro file's own line numbers, oxlint checks them);
 * 2. the content layer rule for content/**.mdx (lint/mdxImports.ts).
 * Runs in the current directory (tests run it on fixture trees); exits 1 on any finding.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { astroSources } from './lint/astroSources.ts';
import { MDX_RULE, mdxLayerFindings } from './lint/mdxImports.ts';

const root = process.cwd();
const oxlintBin = path.join(path.dirname(createRequire(import.meta.url).resolve('oxlint/package.json')), 'bin', 'oxlint');
// Folders that are not our sources, or hold deliberately broken fixtures.
const skipDirs = new Set(['node_modules', 'dist', 'public', '.git', '.astro', path.join('tests', 'fixtures')]);

/** Files under `dir` (relative to root) whose name ends with `ext`, skipping skipDirs. */
function findFiles(dir: string, ext: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return skipDirs.has(rel) || skipDirs.has(e.name) ? [] : findFiles(rel, ext);
    return e.name.endsWith(ext) ? [rel] : [];
  });
}

function oxlint(args: string[], cwd = root): { status: number; stdout: string } {
  const run = spawnSync(process.execPath, [oxlintBin, ...args], { cwd, encoding: 'utf8' });
  if (run.error) throw new Error(`oxlint did not run: ${run.error.message}`, { cause: run.error });
  if (run.stderr) process.stderr.write(run.stderr);
  return { status: run.status ?? 1, stdout: run.stdout };
}

/** Step 1: oxlint over the tree; its own report goes to stdout. */
function lintTree(): number {
  const { status, stdout } = oxlint(['-c', path.join(root, '.oxlintrc.json'), '--deny-warnings', '.']);
  process.stdout.write(stdout);
  return status === 0 ? 0 : 1;
}

/** Step 2: unused bindings in .astro files, with the same no-unused-vars options as the tree. */
function lintAstro(files: string[]): number {
  const config = JSON.parse(readFileSync(path.join(root, '.oxlintrc.json'), 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'astro-lint-'));
  try {
    const origin = new Map<string, { file: string; part: string }>();
    let unparsed = 0;
    for (const file of files) {
      let sources;
      try {
        sources = astroSources(readFileSync(path.join(root, file), 'utf8'), file);
      } catch (err) {
        console.log(err instanceof Error ? err.message : String(err));
        unparsed++;
        continue;
      }
      for (const { part, code } of sources) {
        const virtual = `${file}.${part}.ts`;
        mkdirSync(path.dirname(path.join(dir, virtual)), { recursive: true });
        writeFileSync(path.join(dir, virtual), code);
        origin.set(virtual, { file, part });
      }
    }
    if (origin.size === 0) return unparsed > 0 ? 1 : 0;
    writeFileSync(path.join(dir, 'oxlintrc.json'), JSON.stringify({ categories: {}, rules: { 'no-unused-vars': config.rules['no-unused-vars'] } }));
    const { status, stdout } = oxlint(['-c', 'oxlintrc.json', '-A', 'all', '-D', 'no-unused-vars', '-f', 'unix', '.'], dir);
    // unix format: `path:line:col: message [Error/eslint(no-unused-vars)]`, one finding a line.
    const findings = stdout.split('\n').flatMap((line) => {
      const m = /^(.+?\.ts):(\d+):(\d+): (.*)$/.exec(line);
      const where = m && origin.get(path.normalize(m[1]));
      return where ? [{ file: where.file, line: Number(m![2]), text: `${where.file}:${m![2]}:${m![3]}: ${m![4]} (in its ${where.part})` }] : [];
    });
    // oxlint reports in thread order: sort by file and line for a stable report.
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    if (status !== 0 && findings.length === 0) {
      console.log(stdout);
      return 1;
    }
    for (const f of findings) console.log(f.text);
    return findings.length > 0 || unparsed > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Step 3: the content layer rule over every .mdx under content/. */
function lintMdx(files: string[]): number {
  let count = 0;
  for (const file of files) {
    for (const f of mdxLayerFindings(readFileSync(path.join(root, file), 'utf8'), path.join(root, file), root)) {
      console.log(`${file}:${f.line}: ${f.message} [${MDX_RULE}]`);
      count++;
    }
  }
  return count > 0 ? 1 : 0;
}

const started = performance.now();
const astroFiles = findFiles('.', '.astro');
const mdxFiles = findFiles('content', '.mdx');
const failed = [lintTree(), lintAstro(astroFiles), lintMdx(mdxFiles)].reduce((a, b) => a + b, 0);
const ms = Math.round(performance.now() - started);
console.log(
  `lint: ${failed === 0 ? 'clean' : 'FAILED'} (oxlint over the tree; unused bindings in ${astroFiles.length} .astro files; layer rule over ${mdxFiles.length} .mdx files) in ${ms} ms`,
);
process.exit(failed === 0 ? 0 : 1);
