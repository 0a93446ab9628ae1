/**
 * CONTRIBUTING.md's commands work: every fenced shell line is a real npm command (its script exists),
 * and the scaffold commands run as written in a temporary folder holding a copy of content/.
 * (The builds and browser tests it names are `npm test`'s own steps.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const doc = readFileSync('CONTRIBUTING.md', 'utf8');
const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts);
/** Each line of each ```sh block, comments stripped. */
const commands = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  m[1]
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean),
);

/** Splits a shell line into words, keeping "quoted strings" whole. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

test('CONTRIBUTING.md has shell commands, each an npm command whose script exists', () => {
  expect(commands.length).toBeGreaterThanOrEqual(8);
  const unknown = commands.filter((line) => {
    const [npm, verb, name] = words(line);
    if (npm !== 'npm') return true;
    if (verb === 'ci' || verb === 'test') return false;
    return verb !== 'run' || !scripts.includes(name);
  });
  expect(unknown).toEqual([]);
});

test('its scaffold commands run as written and make the files it says', () => {
  const scaffolds = commands.filter((c) => c.startsWith('npm run new --'));
  expect(scaffolds.length).toBe(2);
  const dir = mkdtempSync(path.join(tmpdir(), 'contributing-'));
  try {
    // The committed chapters only (a scaffold left over in the working tree would take the slug).
    const tracked = spawnSync('git', ['ls-files', 'content'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThanOrEqual(3);
    for (const file of tracked) cpSync(file, path.join(dir, file));
    for (const line of scaffolds) {
      const args = words(line).slice(4); // after `npm run new --`
      const run = spawnSync(process.execPath, [path.resolve('scripts/new.ts'), ...args], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr, line).toBe('');
      expect(run.status, line).toBe(0);
    }
    expect(existsSync(path.join(dir, 'content/score-matching.mdx'))).toBe(true);
    expect(existsSync(path.join(dir, 'src/islands/score-field/ScoreField.astro'))).toBe(true);
    expect(existsSync(path.join(dir, 'tests/e2e/score-field.e2e.ts'))).toBe(true);
    expect(readFileSync(path.join(dir, 'content/score-matching.mdx'), 'utf8')).toContain('<ScoreField>');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
